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

TOP_LEVEL = {
    "policy": True,
    "principles": True,
    "channels": True,
    "categories": True,
    "staff_rights": True,
    "procedure": True,
    "outcomes": True,
    "requests": False,
}
# For each list section: allowed keys, and which of them are required.
ITEM_KEYS: dict[str, tuple[set[str], set[str]]] = {
    "principles": ({"id", "text"}, {"id", "text"}),
    "categories": ({"id", "group", "title"}, {"id", "group", "title"}),
    "staff_rights": ({"id", "text"}, {"id", "text"}),
    "procedure": ({"id", "text", "channels"}, {"id", "text"}),
    "outcomes": ({"id", "title"}, {"id"}),
}
REQUEST_KEYS = ({"review_working_days"}, set[str]())
MAX_REVIEW_WORKING_DAYS = 260
HEADER_KEYS = ({"id", "version", "title", "text_file"}, {"id", "version", "title"})


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


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
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, node: Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        self.problems.append(Problem(line, message))

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
    if not isinstance(node, SequenceNode):
        checker.fail(node, f"{section}: expected a list")
        return []
    if not node.value:
        checker.fail(node, f"{section}: must list at least one entry")
    seen: dict[str, int] = {}
    items: list[dict[str, Any]] = []
    for position, item_node in enumerate(node.value):
        where = f"{section}[{position}]"
        fields = checker.mapping(item_node, where)
        if fields is None:
            continue
        id_value = None
        if "id" in fields:
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
        checker.keys(fields, item_node, where, ITEM_KEYS[section])
        item: dict[str, Any] = {"id": id_value, "_node": item_node}
        for key in ("text", "title", "group"):
            if key in fields:
                item[key] = checker.text(fields[key][1], f"{where} {key}")
        if "channels" in fields:
            channels_node = fields["channels"][1]
            if isinstance(channels_node, SequenceNode):
                item["channels"] = [
                    (checker.identifier(c, f"{where} channels"), c) for c in channels_node.value
                ]
            else:
                checker.fail(channels_node, f"{where} channels: expected a list")
        items.append(item)
    return items


def parse_policy(source: str, *, path: str = "policy.yaml", base_dir: Path | None = None) -> Policy:
    """Validate YAML text and return the Policy, or raise PolicyError listing every problem."""
    checker = _Checker()
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
            checker.fail(root, f"missing section '{key}'")

    header: dict[str, str | None] = {}
    if "policy" in top:
        header_node = top["policy"][1]
        fields = checker.mapping(header_node, "policy")
        if fields is not None:
            checker.keys(fields, header_node, "policy", HEADER_KEYS)
            for key in ("id", "version", "title", "text_file"):
                if key in fields:
                    header[key] = checker.text(fields[key][1], f"policy {key}")

    channels: list[str] = []
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
    for step in sections.get("procedure", []):
        for channel, node in step.get("channels", []):
            if channel is not None and channel not in channels:
                checker.fail(
                    node, f"procedure ({step['id']}): channel '{channel}' is not in channels"
                )

    review_working_days = DEFAULT_REVIEW_WORKING_DAYS
    if "requests" in top:
        requests_node = top["requests"][1]
        fields = checker.mapping(requests_node, "requests")
        if fields is not None:
            checker.keys(fields, requests_node, "requests", REQUEST_KEYS)
            if "review_working_days" in fields:
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
        categories=tuple(Category(i["id"], i["group"], i["title"]) for i in clean("categories")),
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
        review_working_days=review_working_days,
    )


def load_policy_file(path: str | Path) -> Policy:
    """Read a policy file from disk. The verbatim text is read from ``text_file``
    when the header names one, else from ``client-behaviour-policy.txt`` beside it."""
    file_path = Path(path)
    try:
        source = file_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PolicyError(str(file_path), [Problem(1, "file not found")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(str(file_path), [Problem(1, f"cannot be read: {exc}")]) from None
    policy = parse_policy(source, path=str(file_path), base_dir=file_path.parent)
    if not policy.source_text:
        beside = file_path.parent / "client-behaviour-policy.txt"
        if beside.is_file():
            object.__setattr__(policy, "source_text", beside.read_text(encoding="utf-8"))
    return policy
