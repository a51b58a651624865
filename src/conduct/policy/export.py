"""Write a Policy as the YAML the loader reads. Plain Python (PyYAML only)."""

from __future__ import annotations

from typing import Any

import yaml

from conduct.policy.document import DEFAULT_REVIEW_WORKING_DAYS, Policy


def policy_data(policy: Policy, *, text_file: str | None = None) -> dict[str, Any]:
    """The policy as plain data in the file's layout, sections in the file's order."""
    header: dict[str, Any] = {"id": policy.id, "version": policy.version, "title": policy.title}
    if text_file:
        header["text_file"] = text_file
    categories = []
    for c in policy.categories:
        item: dict[str, Any] = {"id": c.id, "group": c.group, "title": c.title}
        if c.screener is not None:
            item["screener"] = list(c.screener)
        categories.append(item)
    procedure = []
    for s in policy.procedure:
        step: dict[str, Any] = {"id": s.id, "text": s.text}
        if s.channels:
            step["channels"] = list(s.channels)
        procedure.append(step)
    data: dict[str, Any] = {
        "policy": header,
        "principles": [{"id": p.id, "text": p.text} for p in policy.principles],
        "channels": list(policy.channels),
        "categories": categories,
        "staff_rights": [{"id": r.id, "text": r.text} for r in policy.staff_rights],
        "procedure": procedure,
        "outcomes": [{"id": o.id, "title": o.title} for o in policy.outcomes],
    }
    letters = {
        key: value
        for key, value in (
            ("ombudsman_name", policy.ombudsman_name),
            ("ombudsman_url", policy.ombudsman_url),
        )
        if value
    }
    if letters:
        data["letters"] = letters
    if policy.review_working_days != DEFAULT_REVIEW_WORKING_DAYS:
        data["requests"] = {"review_working_days": policy.review_working_days}
    return data


def dump_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def dump_policy(policy: Policy, *, text_file: str | None = None) -> str:
    """YAML that ``parse_policy`` reads back to an equal Policy (the verbatim text apart,
    which lives in ``text_file`` beside it)."""
    return dump_yaml(policy_data(policy, text_file=text_file))
