"""The policy's new keys, the screener's mapping, export and diff: plain Python, no database."""

import dataclasses
import re
from pathlib import Path

import pytest

from conduct.policy.diff import diff_policies
from conduct.policy.export import dump_policy
from conduct.policy.loader import PolicyError, load_policy_file, parse_policy
from conduct.screening.categories import DETECTABLE
from conduct.screening.engine import rules as screening_rules

DEFAULT = Path(__file__).resolve().parents[2] / "src/conduct/policy/default/policy.yaml"


def _default_text() -> str:
    return DEFAULT.read_text()


def _with_categories(extra: str) -> str:
    return _default_text().replace("staff_rights:\n", extra + "\nstaff_rights:\n", 1)


def test_every_category_the_rules_can_find_is_listed_as_detectable() -> None:
    found = {r.category for r in screening_rules.RULES}
    found.update(c for r in screening_rules.RULES for c in r.also)
    assert found <= DETECTABLE


def test_the_default_policy_maps_each_detectable_category_onto_itself() -> None:
    policy = load_policy_file(DEFAULT)
    assert policy.screener_map(DETECTABLE) == {c: c for c in DETECTABLE}
    sources = policy.screener_sources(DETECTABLE)
    assert sources["violence"] == ["violence"]
    assert sources["excessive_correspondence"] == []


def test_a_renamed_category_takes_the_screeners_findings_through_its_screener_list() -> None:
    text = _default_text().replace(
        "  - id: violence\n    group: aggressive_or_abusive\n",
        "  - id: physical_violence\n    group: aggressive_or_abusive\n    screener: [violence]\n",
    )
    policy = parse_policy(text, known_screener=DETECTABLE)
    assert policy.from_screener(["violence", "abusive_language"], DETECTABLE) == [
        "physical_violence",
        "abusive_language",
    ]
    assert policy.screener_sources(DETECTABLE)["physical_violence"] == ["violence"]


def test_an_explicit_mapping_wins_over_a_category_of_the_same_id() -> None:
    text = _with_categories(
        "  - id: all_abuse\n    group: aggressive_or_abusive\n    title: Any abuse\n"
        "    screener: [abusive_language]"
    )
    policy = parse_policy(text, known_screener=DETECTABLE)
    assert policy.from_screener(["abusive_language"], DETECTABLE) == ["all_abuse"]
    assert policy.screener_sources(DETECTABLE)["abusive_language"] == []


def test_an_empty_screener_list_says_the_screener_cannot_detect_it() -> None:
    text = _default_text().replace(
        "  - id: violence\n    group: aggressive_or_abusive\n",
        "  - id: violence\n    group: aggressive_or_abusive\n    screener: []\n",
    )
    policy = parse_policy(text, known_screener=DETECTABLE)
    assert policy.from_screener(["violence"], DETECTABLE) == []
    assert policy.screener_sources(DETECTABLE)["violence"] == []


def test_the_loader_refuses_a_screener_category_it_does_not_know_or_mapped_twice() -> None:
    text = _with_categories(
        "  - id: spitting\n    group: aggressive_or_abusive\n    title: Spitting\n"
        "    screener: [spit]\n"
        "  - id: swearing\n    group: aggressive_or_abusive\n    title: Swearing\n"
        "    screener: [abusive_language]\n"
        "  - id: cursing\n    group: aggressive_or_abusive\n    title: Cursing\n"
        "    screener: [abusive_language]"
    )
    with pytest.raises(PolicyError) as caught:
        parse_policy(text, known_screener=DETECTABLE)
    messages = [p.message for p in caught.value.problems]
    assert any("does not detect 'spit'" in m for m in messages)
    assert any("'abusive_language' already maps onto 'swearing'" in m for m in messages)
    fields = {p.field for p in caught.value.problems}
    assert ("categories", 14, "screener") in fields and ("categories", 16, "screener") in fields


def test_problems_name_the_field_they_are_about() -> None:
    text = (
        _default_text()
        .replace('title: "Malicious allegations"', 'title: ""')
        .replace("  - id: end_call\n", "  - id: End Call\n")
    )
    with pytest.raises(PolicyError) as caught:
        parse_policy(text)
    by_field = {p.field: p.message for p in caught.value.problems}
    assert "must not be empty" in by_field[("categories", 3, "title")]
    assert "must be lower-case" in by_field[("staff_rights", 0, "id")]
    assert re.search(r"policy\.yaml:\d+: ", caught.value.describe())


def test_letters_name_the_ombudsman_and_need_its_website() -> None:
    named = _default_text() + (
        "\nletters:\n  ombudsman_name: The Housing Ombudsman\n"
        "  ombudsman_url: https://www.housing-ombudsman.org.uk\n"
    )
    policy = parse_policy(named)
    assert policy.ombudsman_name == "The Housing Ombudsman"
    assert parse_policy(_default_text()).ombudsman_name == ""
    with pytest.raises(PolicyError, match="give the ombudsman's website too"):
        parse_policy(_default_text() + "\nletters:\n  ombudsman_name: Someone\n")
    with pytest.raises(PolicyError, match="must start with https://"):
        parse_policy(
            _default_text() + "\nletters:\n  ombudsman_name: X\n  ombudsman_url: ftp://x\n"
        )


def test_an_export_reads_back_as_the_same_policy() -> None:
    policy = load_policy_file(DEFAULT)
    again = parse_policy(dump_policy(policy), known_screener=DETECTABLE)
    assert dataclasses.replace(again, source_text=policy.source_text) == policy
    edited = dataclasses.replace(policy, ombudsman_name="O", ombudsman_url="https://o.example")
    assert parse_policy(dump_policy(edited)).ombudsman_url == "https://o.example"


def test_the_diff_lists_added_removed_and_changed_items() -> None:
    before = load_policy_file(DEFAULT)
    text = (
        _with_categories("  - id: spitting\n    group: aggressive_or_abusive\n    title: Spitting")
        .replace("Malicious allegations", "Malicious or false allegations")
        .replace('  - id: no_reply\n    text: "Not reply to an abusive email or letter."\n', "")
    )
    after = dataclasses.replace(parse_policy(text), source_text=before.source_text)
    changes = {(c.section, c.item, c.kind): c for c in diff_policies(before, after)}
    assert ("categories", "spitting", "added") in changes
    changed = changes[("categories", "malicious_allegation (title)", "changed")]
    assert (changed.before, changed.after) == (
        "Malicious allegations",
        "Malicious or false allegations",
    )
    assert ("staff_rights", "no_reply", "removed") in changes
    assert len(changes) == 3
    assert diff_policies(before, before) == []
