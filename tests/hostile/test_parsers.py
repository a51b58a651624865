"""hypothesis fuzzing of the parsers: they fail only in the ways they promise."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conduct.clients.contact import (
    EMAIL,
    KINDS,
    PHONE,
    SOCIAL,
    InvalidContact,
    normalise,
    search_keys,
)
from conduct.policy.loader import PolicyError, parse_policy

DEFAULT_POLICY = Path(__file__).resolve().parents[2] / "src/conduct/policy/default/policy.yaml"

# YAML-ish text: mappings, lists, anchors, tags, tabs and odd scalars.
yaml_fragments = st.lists(
    st.sampled_from(
        [
            "policy:",
            "  id: p",
            "  version: '1'",
            "  title: T",
            "categories:",
            "  - id: x",
            "    group: g",
            "    title: t",
            "- ",
            ": ",
            "&a",
            "*a",
            "!!python/object:os.system",
            "\t",
            "{",
            "}",
            "[",
            "]",
            "'",
            '"',
            "%YAML 1.1",
            "---",
            "...",
            "? ",
            "|",
            ">",
            "id: 1",
            "text: é",
            "outcomes:",
            "  - id: warning",
            "~",
            "null",
            "0x1F",
        ]
    ),
    max_size=30,
).map("\n".join)

# Mappings built from the real policy, so the fuzzer reaches the validator.
real = yaml.safe_load(DEFAULT_POLICY.read_text())
json_leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10))
mutated = st.fixed_dictionaries(
    {},
    optional={
        key: st.one_of(
            st.just(value), json_leaf, st.lists(st.dictionaries(st.text(max_size=8), json_leaf))
        )
        for key, value in real.items()
    },
)


def _parses_or_names_a_line(source: str) -> None:
    try:
        parse_policy(source, path="fuzz.yaml")
    except PolicyError as exc:
        assert exc.problems
        assert all(problem.line >= 1 for problem in exc.problems), exc.problems


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_policy_parser_survives_any_text(source: str) -> None:
    _parses_or_names_a_line(source)


@settings(max_examples=150, deadline=None)
@given(yaml_fragments)
def test_policy_parser_survives_yaml_like_text(source: str) -> None:
    _parses_or_names_a_line(source)


@settings(max_examples=100, deadline=None)
@given(mutated)
def test_policy_parser_survives_mutated_policies(document: dict[str, object]) -> None:
    _parses_or_names_a_line(yaml.safe_dump(document, allow_unicode=True))


phoneish = st.text(alphabet="+0123456789 ()-.#*x", max_size=25)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([*KINDS, "fax", ""]), st.one_of(st.text(max_size=60), phoneish))
def test_contact_normalise_only_raises_invalid_contact(kind: str, value: str) -> None:
    try:
        result = normalise(kind, value)
    except InvalidContact:
        return
    assert isinstance(result, str)
    assert result


@settings(max_examples=200, deadline=None)
@given(phoneish)
def test_a_normalised_phone_normalises_to_itself(value: str) -> None:
    try:
        once = normalise(PHONE, value)
    except InvalidContact:
        return
    assert normalise(PHONE, once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_search_keys_never_raise(query: str) -> None:
    assert isinstance(search_keys(query), list)


def test_the_kinds_are_the_ones_fuzzed() -> None:
    assert set(KINDS) == {EMAIL, PHONE, SOCIAL}
