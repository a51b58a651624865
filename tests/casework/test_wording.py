"""Marker words, without a database."""

from datetime import date

from conduct.casework.wording import (
    RestrictionFact,
    WarningFact,
    build_marker,
    restriction_sentence,
)


def fact(**changes: object) -> RestrictionFact:
    base: dict[str, object] = {
        "review_on": date(2027, 5, 12),
        "channels_allowed": ("email", "letter"),
        "channel_titles": ("Email", "Letter"),
        "single_contact": "Maria Lopez",
        "set_times": "",
        "max_call_minutes": None,
        "no_visits": False,
        "representative_only": False,
        "representative_name": "",
    }
    base.update(changes)
    return RestrictionFact(**base)  # type: ignore[arg-type]


def test_writing_only_through_the_named_contact() -> None:
    assert restriction_sentence(fact()) == (
        "Contact in writing only, through the named contact (Maria Lopez), until 12 May 2027; "
        "do not take calls: explain and end politely."
    )


def test_calls_limited_and_no_visits() -> None:
    text = restriction_sentence(
        fact(
            channels_allowed=("phone",),
            channel_titles=("Phone",),
            single_contact="",
            max_call_minutes=10,
            no_visits=True,
            set_times="Tuesdays 10-11",
        )
    )
    assert text.startswith(
        "Contact only by phone, at set times (Tuesdays 10-11), calls limited to 10 minutes"
    )
    assert "no visits" in text


def test_no_marker_without_warning_or_restriction() -> None:
    assert build_marker([], []) is None


def test_a_warning_marker_says_what_and_until_when() -> None:
    warning = WarningFact(
        kind="verbal",
        given_on=date(2026, 5, 1),
        active_until=date(2027, 5, 1),
        about="threatening calls",
    )
    marker = build_marker([warning], [])
    assert marker is not None
    assert marker.headline == "Warning in force"
    assert "Warned on a call on 1 May 2026 about threatening calls" in marker.text
    assert marker.until == date(2027, 5, 1)


def test_a_restriction_marker_leads() -> None:
    warning = WarningFact(
        kind="written", given_on=date(2026, 5, 1), active_until=date(2027, 6, 1), about="x"
    )
    marker = build_marker([warning], [fact()])
    assert marker is not None and marker.headline == "Contact restriction in force"
    assert marker.lines[0].startswith("Contact in writing only")


def test_a_termination_marker_has_no_end_and_says_what_to_do() -> None:
    marker = build_marker([], [], terminated_on=date(2026, 5, 1))
    assert marker is not None and marker.headline == "Engagement terminated"
    assert marker.until is None
    assert "pass any contact to Senior Management" in marker.text
