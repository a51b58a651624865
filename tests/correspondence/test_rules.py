"""Pure rules: no database."""

from __future__ import annotations

from datetime import UTC, datetime

from conduct.correspondence import demand_rules as dr
from conduct.correspondence.rules import (
    dedup_key,
    fingerprint,
    is_information_request,
    masked,
    redacted_preview,
    thread_key,
)

WHEN = datetime(2026, 3, 2, tzinfo=UTC)


def test_dedup_key_prefers_message_id_and_ignores_case() -> None:
    a = dedup_key(
        message_id="ABC@x", channel="email", occurred_at=WHEN, sender="a", subject="", body="1"
    )
    b = dedup_key(
        message_id="abc@x", channel="email", occurred_at=WHEN, sender="b", subject="", body="2"
    )
    assert a == b and a.startswith("mid:")
    c = dedup_key(
        message_id="", channel="phone", occurred_at=WHEN, sender="+44", subject="", body=""
    )
    d = dedup_key(
        message_id="",
        channel="phone",
        occurred_at=WHEN,
        sender="+44",
        subject="",
        body="",
        duration_seconds=5,
    )
    assert c.startswith("sha:") and c != d


def test_fingerprint_matches_near_identical_messages() -> None:
    one = "Please send me my file NOW, reference 1234. I am still waiting!"
    two = "please send me my file now reference 9999 -- I am still waiting"
    assert fingerprint(one) == fingerprint(two) != ""
    assert fingerprint("too short") == ""
    assert fingerprint(one) != fingerprint("A completely different message about the weather today")


def test_information_requests_are_detected() -> None:
    assert is_information_request("Subject access request", "")
    assert is_information_request("", "Please send me copies of all the documents you hold.")
    assert is_information_request("", "I want you to provide all records about my case")
    assert not is_information_request("Repair", "When will the plumber come?")
    assert not is_information_request("", "> please send me all the documents\nthanks")


def test_thread_key_is_the_root() -> None:
    assert thread_key("c", "b", ["a", "b"]) == "a"
    assert thread_key("c", "b", []) == "b"
    assert thread_key("c", "", []) == "c"


def test_redacted_preview_masks_and_labels_evidence() -> None:
    body = "Hello. You are an idiot. Please reply."
    start = body.index("You")
    end = body.index(".", start)
    segments = redacted_preview(
        body,
        [
            {"start": start, "end": end, "category": "abusive_language", "why": "name-calling"},
            {"start": start, "end": start + 7, "category": "abusive_language", "why": "overlap"},
        ],
    )
    hidden = [s for s in segments if s.evidence]
    assert len(hidden) == 1
    assert hidden[0].text == masked("You are an idiot") == "Y•• a•• a• i••••"
    assert "idiot" not in "".join(s.text for s in segments)
    assert segments[0].text == "Hello. "
    assert hidden[0].reasons == (
        ("abusive_language", "name-calling"),
        ("abusive_language", "overlap"),
    )
    assert redacted_preview("abc", [{"start": 5, "end": 9}])[0].text == "abc"


def test_percentiles() -> None:
    assert dr.percentile([], 50) == 0
    assert dr.percentile([1, 2, 3, 4], 50) == 2.5
    assert dr.percentile(list(range(101)), 99) == 99
    d = dr.distribution([1.0] * 99 + [50.0])
    assert d.median == 1.0 and d.p99 > 1.0


def test_reasons_cite_the_figures_and_persistence_is_only_considered() -> None:
    t = dr.Thresholds()
    org = dr.Distribution(clients=50, median=0.5, p95=2.0, p99=3.0)
    quiet = dr.Figures(incoming=10, weeks=12)
    assert dr.reasons(quiet, org, t) == []
    busy = dr.Figures(
        incoming=120,
        weeks=12,
        burst_days=2,
        busiest_day=15,
        largest_repeat=6,
        information_requests=7,
        call_minutes=500,
        logged_minutes=200,
    )
    found = dr.reasons(busy, org, t)
    assert len(found) == 5
    assert "10.0 contacts a week" in found[0] and "99th percentile (3.0" in found[0]
    assert "the same message sent 6 times" in found
    text = dr.summary(busy, org, 90)
    assert "median of 0.5" in text and "700 minutes" in text
    assert "never restrict" in dr.PERSISTENCE_REMINDER


def test_weekly_minimum_protects_small_organisations() -> None:
    t = dr.Thresholds(weekly_minimum=5)
    org = dr.Distribution(clients=3, median=0.1, p95=0.2, p99=0.3)
    assert dr.reasons(dr.Figures(incoming=40, weeks=10), org, t) == []


def test_weekly_totals_include_empty_weeks() -> None:
    from datetime import date

    daily = {date(2026, 3, 2): 2, date(2026, 3, 4): 1, date(2026, 3, 17): 5}
    weeks = dr.weekly(daily, date(2026, 3, 1), date(2026, 3, 20))
    assert weeks == [
        (date(2026, 2, 23), 0),
        (date(2026, 3, 2), 3),
        (date(2026, 3, 9), 0),
        (date(2026, 3, 16), 5),
    ]
