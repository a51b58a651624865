"""The readable copy of an export: UK dates, words for codes, nested lists, shortened text.
Plain Python, no database."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from conduct.privacy.readable import Budget, label, readable, uk_date

LONDON = ZoneInfo("Europe/London")


def test_iso_dates_and_timestamps_read_as_uk_dates_in_local_time() -> None:
    assert uk_date("2026-12-03T14:05:09.123456+00:00", LONDON) == "3 December 2026, 14:05"
    assert uk_date("2026-07-01T13:00:00Z", LONDON) == "1 July 2026, 14:00"  # summer time
    assert uk_date("2026-12-03", LONDON) == "3 December 2026"
    for not_a_date in ("2026", "2026-13-45", "13/2026/1", "Called on 2026-12-03", ""):
        assert uk_date(not_a_date, LONDON) is None


def test_labels_are_words() -> None:
    assert label("occurred_at") == "Occurred at"
    assert label("case_id") == "Case number"
    assert label("id") == "Number"


def test_a_record_has_no_raw_json_or_iso_timestamps() -> None:
    record = {
        "id": 7,
        "occurred_at": "2026-12-03T14:05:00+00:00",
        "channel": "in_person",
        "categories": ["verbal_abuse", "threats"],
        "warning_given": True,
        "witnesses": "",
        "call_steps": {},
        "revisions": [
            {"number": 1, "changed_at": "2026-12-04T09:00:00+00:00", "before": {"what": "Shouted"}}
        ],
    }
    shown = readable(record, 1, tz=LONDON, limit=None)
    html = shown.html()
    assert shown.heading == "1. 3 December 2026, 14:05"
    assert "<b>Categories:</b> verbal abuse, threats" in html
    assert "<b>Channel:</b> in person" in html
    assert "<b>Warning given:</b> Yes" in html
    assert "4 December 2026, 09:00" in html and "<b>What:</b> Shouted" in html
    text = re.sub(r"<[^>]+>", " ", html)
    for raw in ("{", "[", "T14:05", "+00:00", '"'):
        assert raw not in text, raw
    assert not shown.shortened


def test_text_is_escaped() -> None:
    html = readable({"note": "<script>alert(1)</script>"}, 1, tz=LONDON, limit=None).html()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_a_record_s_text_is_shortened_to_the_limit_across_its_fields() -> None:
    record = {"notes": "a" * 3000, "more": "b" * 3000, "after": "c" * 10}
    shown = readable(record, 1, tz=LONDON, limit=4000)
    texts = [e.text for e in shown.entries]
    assert texts[0] == "a" * 3000
    assert texts[1] == "b" * 1000 + " […]"
    assert texts[2] == "[…]"
    assert shown.shortened
    assert sum(len(t) for t in texts) < 4020


def test_a_budget_without_a_limit_keeps_everything() -> None:
    budget = Budget(None)
    assert budget.take("x" * 1_000_000) == "x" * 1_000_000 and not budget.shortened
