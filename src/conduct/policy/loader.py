"""Read and validate a policy YAML file. Plain Python (PyYAML only).

Every problem is reported with the file, the line and what is wrong, e.g.
``policy.yaml:42: categories[3] (violence): missing 'title'``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import SequenceNode

from conduct.policy.document import (
    DEFAULT_REVIEW_WORKING_DAYS,
    OUTCOME_TITLES,
    Category,
    Outcome,
    Policy,
    Principle,
    StaffRight,
    Step,
    humanise,
)
from conduct.policy.yamlcheck import ITEM_KEYS, Checker, Problem, section_items

__all__ = ["PolicyError", "Problem", "load_policy_file", "parse_policy"]

# Each section, and whether a file must have it.
TOP_LEVEL = {
    "policy": True,
    "principles": True,
    "channels": True,
    "categories": True,
    "staff_rights": True,
    "procedure": True,
    "outcomes": True,
    "requests": False,
    "letters": False,
}
REQUEST_KEYS = ({"review_working_days"}, set[str]())
MAX_REVIEW_WORKING_DAYS = 260
HEADER_KEYS = ({"id", "version", "title", "text_file"}, {"id", "version", "title"})
# What letters made under the policy quote from it.
LETTER_KEYS = ({"ombudsman_name", "ombudsman_url"}, set[str]())


class PolicyError(Exception):
    """The policy file is not valid. ``problems`` lists each one with its line."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(self.describe())

    def describe(self) -> str:
        name = self.path
        lines = [f"{name}:{p.line}: {p.message}" for p in self.problems]
        return "invalid policy file\n" + "\n".join(lines)


def parse_policy(
    source: str,
    *,
    path: str = "policy.yaml",
    base_dir: Path | None = None,
    known_screener: frozenset[str] | None = None,
) -> Policy:
    """Validate YAML text and return the Policy, or raise PolicyError listing every problem.

    ``known_screener``, when given, is the set of categories the screener detects:
    a category's ``screener`` list may name only those, each onto one category.
    """
    checker = Checker(known_screener)
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else 1
        raise PolicyError(path, [Problem(line, f"not valid YAML: {exc.problem}")]) from None
    except yaml.YAMLError as exc:
        raise PolicyError(path, [Problem(1, f"not valid YAML: {exc}")]) from None
    if root is None:
        raise PolicyError(path, [Problem(1, "the file is empty")])
    top = checker.mapping(root, "policy file")
    if top is None:
        raise PolicyError(path, checker.problems)
    for key, (key_node, _) in top.items():
        if key not in TOP_LEVEL:
            checker.fail(key_node, f"unknown section '{key}' (allowed: {', '.join(TOP_LEVEL)})")
    for key, required in TOP_LEVEL.items():
        if required and key not in top:
            checker.at = (key,)
            checker.fail(root, f"missing section '{key}'")

    header: dict[str, str | None] = {}
    if "policy" in top:
        header_node = top["policy"][1]
        checker.at = ("policy",)
        fields = checker.mapping(header_node, "policy")
        if fields is not None:
            checker.keys(fields, header_node, "policy", HEADER_KEYS)
            for key in ("id", "version", "title", "text_file"):
                if key in fields:
                    checker.at = ("policy", key)
                    header[key] = checker.text(fields[key][1], f"policy {key}")

    letters: dict[str, str | None] = {}
    if "letters" in top:
        letters_node = top["letters"][1]
        checker.at = ("letters",)
        fields = checker.mapping(letters_node, "letters")
        if fields is not None:
            checker.keys(fields, letters_node, "letters", LETTER_KEYS)
            for key in sorted(LETTER_KEYS[0]):
                if key in fields:
                    checker.at = ("letters", key)
                    letters[key] = checker.text(fields[key][1], f"letters {key}")
            if letters.get("ombudsman_name") and "ombudsman_url" not in fields:
                checker.at = ("letters", "ombudsman_url")
                checker.fail(
                    letters_node, "letters ombudsman_url: give the ombudsman's website too"
                )
            checker.at = ("letters", "ombudsman_url")
            url = letters.get("ombudsman_url")
            if url and not url.startswith(("https://", "http://")):
                checker.fail(
                    fields["ombudsman_url"][1], "letters ombudsman_url: must start with https://"
                )

    channels: list[str] = []
    checker.at = ("channels",)
    if "channels" in top:
        channels_node = top["channels"][1]
        if isinstance(channels_node, SequenceNode):
            for c in channels_node.value:
                channel = checker.identifier(c, "channels")
                if channel is not None:
                    if channel in channels:
                        checker.fail(c, f"channels: '{channel}' is listed twice")
                    channels.append(channel)
        else:
            checker.fail(channels_node, "channels: expected a list")

    sections = {
        name: section_items(checker, name, top[name][1]) for name in ITEM_KEYS if name in top
    }
    for position, step in enumerate(sections.get("procedure", [])):
        checker.at = ("procedure", position, "channels")
        for channel, node in step.get("channels", []):
            if channel is not None and channel not in channels:
                checker.fail(
                    node, f"procedure ({step['id']}): channel '{channel}' is not in channels"
                )
    _check_screener(checker, sections.get("categories", []))

    review_working_days = DEFAULT_REVIEW_WORKING_DAYS
    if "requests" in top:
        requests_node = top["requests"][1]
        checker.at = ("requests",)
        fields = checker.mapping(requests_node, "requests")
        if fields is not None:
            checker.keys(fields, requests_node, "requests", REQUEST_KEYS)
            if "review_working_days" in fields:
                checker.at = ("requests", "review_working_days")
                days_node = fields["review_working_days"][1]
                days = checker.text(days_node, "requests review_working_days")
                if days is not None:
                    if days.isdigit() and 1 <= int(days) <= MAX_REVIEW_WORKING_DAYS:
                        review_working_days = int(days)
                    else:
                        checker.fail(
                            days_node,
                            "requests review_working_days: a whole number of working days "
                            f"from 1 to {MAX_REVIEW_WORKING_DAYS}",
                        )

    checker.at = ("policy", "text_file")
    source_text = ""
    text_file = header.get("text_file")
    if text_file and base_dir is not None:
        text_path = (base_dir / text_file).resolve()
        try:
            source_text = text_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            node = top["policy"][1] if "policy" in top else root
            checker.fail(
                node, f"policy text_file '{text_file}' cannot be read: {exc.__class__.__name__}"
            )

    if checker.problems:
        raise PolicyError(path, sorted(checker.problems, key=lambda p: p.line))

    def clean(section: str) -> list[dict[str, Any]]:
        return sections[section]

    return Policy(
        id=str(header["id"]),
        version=str(header["version"]),
        title=str(header["title"]),
        principles=tuple(Principle(i["id"], i["text"]) for i in clean("principles")),
        channels=tuple(channels),
        categories=tuple(
            Category(
                i["id"],
                i["group"],
                i["title"],
                None if "screener" not in i else tuple(c for c, _ in i["screener"]),
            )
            for i in clean("categories")
        ),
        staff_rights=tuple(StaffRight(i["id"], i["text"]) for i in clean("staff_rights")),
        procedure=tuple(
            Step(i["id"], i["text"], tuple(c for c, _ in i.get("channels", [])))
            for i in clean("procedure")
        ),
        outcomes=tuple(
            Outcome(i["id"], i.get("title") or OUTCOME_TITLES.get(i["id"], humanise(i["id"])))
            for i in clean("outcomes")
        ),
        source_text=source_text,
        ombudsman_name=letters.get("ombudsman_name") or "",
        ombudsman_url=letters.get("ombudsman_url") or "",
        review_working_days=review_working_days,
    )


def _check_screener(checker: Checker, categories: list[dict[str, Any]]) -> None:
    """Each screener category maps onto one policy category, and only known ones are named."""
    mapped: dict[str, str] = {}
    for position, item in enumerate(categories):
        checker.at = ("categories", position, "screener")
        for name, node in item.get("screener", []):
            if name is None:
                continue
            known = checker.known_screener
            if known is not None and name not in known:
                checker.fail(
                    node,
                    f"categories ({item['id']}) screener: the screener does not detect "
                    f"'{name}' (it detects: {', '.join(sorted(known))})",
                )
            elif name in mapped:
                checker.fail(
                    node,
                    f"categories ({item['id']}) screener: '{name}' already maps onto "
                    f"'{mapped[name]}'",
                )
            else:
                mapped[name] = str(item["id"])


def load_policy_file(path: str | Path, *, known_screener: frozenset[str] | None = None) -> Policy:
    """Read a policy file from disk. The verbatim text is read from ``text_file``
    when the header names one, else from ``client-behaviour-policy.txt`` beside it."""
    file_path = Path(path)
    try:
        source = file_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PolicyError(str(file_path), [Problem(1, "file not found")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(str(file_path), [Problem(1, f"cannot be read: {exc}")]) from None
    policy = parse_policy(
        source, path=str(file_path), base_dir=file_path.parent, known_screener=known_screener
    )
    if not policy.source_text:
        beside = file_path.parent / "client-behaviour-policy.txt"
        if beside.is_file():
            object.__setattr__(policy, "source_text", beside.read_text(encoding="utf-8"))
    return policy
