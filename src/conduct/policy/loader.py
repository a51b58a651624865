"""Read and validate a policy YAML file. Plain Python (PyYAML only).

Every problem is reported with the file, the line and what is wrong, e.g.
``policy.yaml:42: categories[3] (violence): missing 'title'``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

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

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,62}$")

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
# For each list section: allowed keys, and which of them are required.
ITEM_KEYS: dict[str, tuple[set[str], set[str]]] = {
    "principles": ({"id", "text"}, {"id", "text"}),
    "categories": ({"id", "group", "title", "screener"}, {"id", "group", "title"}),
    "staff_rights": ({"id", "text"}, {"id", "text"}),
    "procedure": ({"id", "text", "channels"}, {"id", "text"}),
    "outcomes": ({"id", "title"}, {"id"}),
}
REQUEST_KEYS = ({"review_working_days"}, set[str]())
MAX_REVIEW_WORKING_DAYS = 260
HEADER_KEYS = ({"id", "version", "title", "text_file"}, {"id", "version", "title"})
# What letters made under the policy quote from it.
LETTER_KEYS = ({"ombudsman_name", "ombudsman_url"}, set[str]())

# Where a problem is: ("categories", 3, "title"), ("policy", "version"), or () for the file.
Field = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    line: int
    message: str
    field: Field = ()


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


class _Checker:
    def __init__(self, known_screener: frozenset[str] | None) -> None:
        self.problems: list[Problem] = []
        self.known_screener = known_screener
        # The field being checked, so that a form can show a problem beside it.
        self.at: Field = ()

    def fail(self, node: Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        self.problems.append(Problem(line, message, self.at))

    def mapping(self, node: Node, where: str) -> dict[str, tuple[Node, Node]] | None:
        if not isinstance(node, MappingNode):
            self.fail(node, f"{where}: expected a mapping of keys to values")
            return None
        result: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str):
                self.fail(key_node, f"{where}: keys must be plain words")
                continue
            if key in result:
                self.fail(key_node, f"{where}: key '{key}' appears twice")
                continue
            result[key] = (key_node, value_node)
        return result

    def text(self, node: Node, where: str) -> str | None:
        if not isinstance(node, ScalarNode) or node.tag.endswith(":null"):
            self.fail(node, f"{where}: expected text")
            return None
        value = str(node.value).strip()
        if not value:
            self.fail(node, f"{where}: must not be empty")
            return None
        return value

    def identifier(self, node: Node, where: str) -> str | None:
        value = self.text(node, where)
        if value is not None and not ID_PATTERN.match(value):
            self.fail(node, f"{where}: id '{value}' must be lower-case letters, digits and _")
            return None
        return value

    def keys(
        self,
        fields: dict[str, tuple[Node, Node]],
        parent: Node,
        where: str,
        spec: tuple[set[str], set[str]],
    ) -> None:
        allowed, required = spec
        for key, (key_node, _) in fields.items():
            if key not in allowed:
                self.fail(
                    key_node,
                    f"{where}: unknown key '{key}' (allowed: {', '.join(sorted(allowed))})",
                )
        for key in sorted(required - set(fields)):
            self.fail(parent, f"{where}: missing '{key}'")


def _items(checker: _Checker, section: str, node: Node) -> list[dict[str, Any]]:
    checker.at = (section,)
    if not isinstance(node, SequenceNode):
        checker.fail(node, f"{section}: expected a list")
        return []
    if not node.value:
        checker.fail(node, f"{section}: must list at least one entry")
    seen: dict[str, int] = {}
    items: list[dict[str, Any]] = []
    for position, item_node in enumerate(node.value):
        where = f"{section}[{position}]"
        checker.at = (section, position)
        fields = checker.mapping(item_node, where)
        if fields is None:
            continue
        id_value = None
        if "id" in fields:
            checker.at = (section, position, "id")
            id_value = checker.identifier(fields["id"][1], f"{where} id")
            if id_value is not None:
                where = f"{where} ({id_value})"
                if id_value in seen:
                    checker.fail(
                        fields["id"][1],
                        f"{where}: duplicate id, first used on line {seen[id_value]}",
                    )
                else:
                    seen[id_value] = fields["id"][1].start_mark.line + 1
        for key in sorted(ITEM_KEYS[section][1] - set(fields)):
            checker.at = (section, position, key)
            checker.fail(item_node, f"{where}: missing '{key}'")
        checker.at = (section, position)
        checker.keys(fields, item_node, where, (ITEM_KEYS[section][0], set()))
        item: dict[str, Any] = {"id": id_value, "_node": item_node}
        for key in ("text", "title"):
            if key in fields:
                checker.at = (section, position, key)
                item[key] = checker.text(fields[key][1], f"{where} {key}")
        if "group" in fields:
            checker.at = (section, position, "group")
            item["group"] = checker.identifier(fields["group"][1], f"{where} group")
        for key in ("channels", "screener"):
            if key in fields:
                checker.at = (section, position, key)
                list_node = fields[key][1]
                if isinstance(list_node, SequenceNode):
                    item[key] = [
                        (checker.identifier(c, f"{where} {key}"), c) for c in list_node.value
                    ]
                else:
                    checker.fail(list_node, f"{where} {key}: expected a list")
        items.append(item)
    return items


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
    checker = _Checker(known_screener)
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

    sections = {name: _items(checker, name, top[name][1]) for name in ITEM_KEYS if name in top}
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


def _check_screener(checker: _Checker, categories: list[dict[str, Any]]) -> None:
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
