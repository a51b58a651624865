"""Marker words, without a database."""

from datetime import date

from conduct.casework.wording import (
    RestrictionFact,
    WarningFact,
    build_marker,
    long_date,
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


def test_the_markers_end_date_is_the_one_its_text_gives() -> None:
    restriction = fact(review_on=date(2027, 6, 2))
    later = WarningFact(
        kind="written", given_on=date(2026, 11, 29), active_until=date(2027, 11, 29), about="x"
    )
    earlier = WarningFact(
        kind="verbal", given_on=date(2026, 5, 1), active_until=date(2027, 5, 1), about="calls"
    )
    cases = [
        ([later], [restriction], None),
        ([earlier], [restriction], None),
        ([earlier, later], [], None),
        ([later, earlier], [restriction], None),
        ([], [restriction], date(2026, 6, 1)),
        ([later], [], date(2026, 6, 1)),
    ]
    for warnings, restrictions, terminated in cases:
        marker = build_marker(warnings, restrictions, terminated)
        assert marker is not None
        if marker.until is not None:
            assert long_date(marker.until) in marker.text, (warnings, restrictions)
    both = build_marker([later], [restriction])
    assert both is not None and both.until == date(2027, 11, 29)
    assert "until 2 June 2027" in both.text and "until 29 November 2027" in both.text
    shorter = build_marker([earlier], [restriction])
    assert shorter is not None and shorter.until == date(2027, 6, 2)
    assert "1 May 2027" not in shorter.text
