"""The policy loader: plain Python, no database."""

from pathlib import Path

import pytest

from conduct.policy.loader import PolicyError, load_policy_file, parse_policy

DEFAULT = Path(__file__).resolve().parents[2] / "src/conduct/policy/default/policy.yaml"
SHARED = Path(__file__).resolve().parents[3] / "shared/policy/policy.yaml"


def test_default_policy_loads_with_all_fourteen_categories_and_the_verbatim_text() -> None:
    policy = load_policy_file(DEFAULT)
    assert len(policy.categories) == 14
    assert (
        policy.category("violence").title
        == "Any form of physical violence or threats of physical violence"
    )
    assert "Client Expectation or Behaviour Policy" in policy.source_text
    assert policy.procedure[0].id == "warn_and_explain"
    assert policy.step("inform_call_termination").channels == ("phone", "video")
    assert policy.outcome("terminate_engagement").title == "Termination of engagement"


@pytest.mark.skipif(not SHARED.exists(), reason="shared policy not beside the checkout")
def test_default_policy_is_the_shared_policy() -> None:
    assert DEFAULT.read_text() == SHARED.read_text()


def _broken(old: str, new: str) -> str:
    text = DEFAULT.read_text()
    assert old in text
    return text.replace(old, new, 1)


def _problems(source: str) -> str:
    with pytest.raises(PolicyError) as caught:
        parse_policy(source, path="org-policy.yaml")
    return str(caught.value)


def test_missing_title_is_named_with_file_and_line() -> None:
    message = _problems(_broken('    title: "Malicious allegations"\n', ""))
    assert "org-policy.yaml:37: categories[3] (malicious_allegation): missing 'title'" in message


def test_duplicate_id_points_at_both_lines() -> None:
    message = _problems(_broken("  - id: violence", "  - id: malicious_allegation"))
    assert "duplicate id, first used on line 37" in message
    assert "org-policy.yaml:40:" in message


def test_unknown_keys_in_sections_and_items_are_refused() -> None:
    message = _problems(
        _broken(
            "    group: unreasonable_demands\n",
            "    group: unreasonable_demands\n    colour: red\n",
        )
        + "\nextras: []\n"
    )
    assert "unknown key 'colour'" in message
    assert "unknown section 'extras'" in message


def test_duplicate_yaml_key_and_bad_yaml_are_refused() -> None:
    assert "key 'title' appears twice" in _problems(
        _broken('  title: "Client', '  title: "x"\n  title: "Client')
    )
    assert "org-policy.yaml:3: not valid YAML" in _problems("policy:\n  - [unclosed\n")


def test_procedure_channels_must_be_known_channels() -> None:
    message = _problems(_broken("channels: [phone, video]", "channels: [phone, pigeon]"))
    assert "channel 'pigeon' is not in channels" in message


def test_empty_file_and_wrong_shapes() -> None:
    assert "the file is empty" in _problems("")
    assert "expected a mapping" in _problems("- just\n- a list\n")
    assert "expected a list" in _problems(
        _broken("channels: [phone, video, in_person", "channels: {phone: 1}\nx: [in_person")
    )


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="file not found"):
        load_policy_file(tmp_path / "nope.yaml")
