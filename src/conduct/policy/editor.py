"""The policy editor: form rows to the policy file's data, checked by the loader itself,
with each problem put back beside the field it is about."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.forms.formsets import BaseFormSet

from conduct.policy.diff import SECTION_TITLES
from conduct.policy.document import DEFAULT_REVIEW_WORKING_DAYS, Policy
from conduct.policy.export import dump_yaml, policy_data
from conduct.policy.forms import FORMSETS, HeaderForm
from conduct.policy.loader import PolicyError, Problem, parse_policy
from conduct.screening.categories import DETECTABLE

_LISTS = ("screener", "channels")  # fields typed as words separated by spaces


@dataclass
class Editor:
    header: HeaderForm
    sections: dict[str, BaseFormSet[Any]]
    # For each section, which form each item of the file came from.
    rows: dict[str, list[int]] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (anchor, message)
    policy: Policy | None = None

    @property
    def is_valid(self) -> bool:
        return self.policy is not None and not self.problems

    def summary(self) -> list[tuple[str, str]]:
        return self.problems

    def add_error(self, field: str | None, message: str) -> None:
        """A problem for the summary, as a form takes one (``refusal_shown`` calls it)."""
        self.problems.append((field or "", message))


def _words(value: str) -> list[str]:
    return value.replace(",", " ").split()


def _rows(policy: Policy) -> dict[str, list[dict[str, str]]]:
    """Each section's rows as the form shows them, every screener mapping written out."""
    data = policy_data(policy)
    sources = policy.screener_sources(DETECTABLE)
    sections: dict[str, list[dict[str, str]]] = {}
    for section in FORMSETS:
        rows = []
        for item in data[section]:
            row = {k: v for k, v in item.items() if k not in _LISTS}
            for key in _LISTS:
                if key in item:
                    row[key] = " ".join(item[key])
            if section == "categories":
                row["screener"] = " ".join(sources[item["id"]])
            rows.append(row)
        sections[section] = rows
    return sections


def initial(policy: Policy, *, based_on: int) -> Editor:
    """The editor filled in with ``policy``, every screener mapping written out."""
    header = HeaderForm(
        prefix="policy",
        initial={
            "title": policy.title,
            "ombudsman_name": policy.ombudsman_name,
            "ombudsman_url": policy.ombudsman_url,
            "source_text": policy.source_text,
            "based_on": based_on,
        },
    )
    rows = _rows(policy)
    sections = {s: formset(prefix=s, initial=rows[s]) for s, formset in FORMSETS.items()}
    return Editor(header, sections)


def bind(data: Any, base: Policy) -> Editor:
    """The editor from a submitted form, checked by the loader as a file would be.
    ``base`` (the version in force) gives the id, version and channels."""
    header = HeaderForm(data, prefix="policy")
    # The rows of the version in force stay the forms' initial values: each row keeps its name.
    rows = _rows(base)
    sections = {s: formset(data, prefix=s, initial=rows[s]) for s, formset in FORMSETS.items()}
    editor = Editor(header, sections)
    if not header.is_valid() or not all(s.is_valid() for s in sections.values()):
        for form in [header, *(f for s in sections.values() for f in s.forms)]:
            for name, errors in form.errors.items():
                anchor = form[name].id_for_label if name in form.fields else ""
                editor.problems.extend((anchor, str(e)) for e in errors)
        for s in sections.values():
            editor.problems.extend(("", str(e)) for e in s.non_form_errors())
        return editor
    document: dict[str, Any] = {
        "policy": {"id": base.id, "version": base.version, "title": header.cleaned_data["title"]},
        "principles": [],
        "channels": list(base.channels),
    }
    for section, formset in sections.items():
        items = document.setdefault(section, [])
        editor.rows[section] = []
        for index, form in enumerate(formset.forms):
            row = form.cleaned_data
            if not row or row.get("DELETE") or _blank(row):
                continue
            item: dict[str, Any] = {}
            for name in form.fields:
                if name == "DELETE":
                    continue
                value = row.get(name, "")
                if name in _LISTS:
                    if value.strip() or name == "screener":
                        item[name] = _words(value)
                else:
                    item[name] = value
            items.append(item)
            editor.rows[section].append(index)
    letters = {
        key: header.cleaned_data[key].strip()
        for key in ("ombudsman_name", "ombudsman_url")
        if header.cleaned_data[key].strip()
    }
    if letters:
        document["letters"] = letters
    if base.review_working_days != DEFAULT_REVIEW_WORKING_DAYS:
        # Not edited here: the period for answering a review carries over from the base.
        document["requests"] = {"review_working_days": base.review_working_days}
    try:
        policy = parse_policy(dump_yaml(document), path="the form", known_screener=DETECTABLE)
    except PolicyError as exc:
        for problem in exc.problems:
            _place(editor, problem)
        return editor
    text = header.cleaned_data["source_text"].replace("\r\n", "\n")
    editor.policy = dataclasses.replace(policy, source_text=text)
    return editor


def _blank(row: dict[str, Any]) -> bool:
    return not any(str(v).strip() for k, v in row.items() if k != "DELETE")


def _where(editor: Editor, form: forms.Form, name: str) -> str:
    """ "Categories, violence, Wording: " for the summary, in the form's own words."""
    label = str(form[name].label)
    if form is editor.header:
        return f"{label}: "
    section = next(s for s, formset in editor.sections.items() if form in formset.forms)
    item = form.initial.get("id") or "new entry"
    return f"{SECTION_TITLES[section]}, {item}, {label}: "


def _place(editor: Editor, problem: Problem) -> None:
    """Put a loader problem beside its field, and in the summary."""
    message = problem.message.split(": ", 1)[-1] if problem.field else problem.message
    where = problem.field
    form: forms.Form | None = None
    name: str | None = None
    if where and where[0] in editor.sections and len(where) >= 2 and isinstance(where[1], int):
        rows = editor.rows[str(where[0])]
        if where[1] < len(rows):
            form = editor.sections[str(where[0])].forms[rows[where[1]]]
            name = str(where[2]) if len(where) > 2 else None
    elif where and where[0] in ("policy", "letters") and len(where) > 1:
        form, name = editor.header, str(where[1])
    if form is not None and name in form.fields:
        form.add_error(name, message)
        editor.problems.append((form[name].id_for_label, _where(editor, form, name) + message))
    elif form is not None:
        form.add_error(None, message)
        editor.problems.append(("", problem.message))
    else:
        editor.problems.append(("", problem.message))
