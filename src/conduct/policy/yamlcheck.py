"""The checks a policy YAML file goes through, node by node, so that each
problem carries its line and the field it is about (``policy.loader`` uses them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,62}$")

# For each list section: allowed keys, and which of them are required.
ITEM_KEYS: dict[str, tuple[set[str], set[str]]] = {
    "principles": ({"id", "text"}, {"id", "text"}),
    "categories": ({"id", "group", "title", "screener"}, {"id", "group", "title"}),
    "staff_rights": ({"id", "text"}, {"id", "text"}),
    "procedure": ({"id", "text", "channels"}, {"id", "text"}),
    "outcomes": ({"id", "title"}, {"id"}),
}

# Where a problem is: ("categories", 3, "title"), ("policy", "version"), or () for the file.
Field = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    line: int
    message: str
    field: Field = ()


class Checker:
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


def section_items(checker: Checker, section: str, node: Node) -> list[dict[str, Any]]:
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
