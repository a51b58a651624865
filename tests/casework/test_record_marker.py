"""The marker built from the client's timeline records says what ``queries.marker_for`` says,
on every day around each change: warnings, terminations, their reviews, restrictions."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from conduct.casework import queries, timeline
from conduct.casework.models import ClientWarning, Incident, Restriction
from conduct.casework.services import RestrictionInput, record_incident
from tests.casework.conftest import details
from tests.casework.test_reviews import decide, review
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def days_around(*marks: date) -> list[date]:
    return sorted({m + timedelta(days=k) for m in marks for k in (-1, 0, 1)})


def same_on(client_id: int, days: list[date]) -> int:
    """How many of ``days`` have a marker; fails on the first day the two builds differ."""
    records = timeline.load(client_id)
    shown = 0
    for day in days:
        expected = queries.marker_for(client_id, on=day)
        assert records.marker(day) == expected, day
        shown += expected is not None
    return shown


def test_no_records_no_marker(client_record: Any) -> None:
    assert timeline.load(client_record.pk).marker() is None
    assert same_on(client_record.pk, days_around(timezone.localdate())) == 0


def test_warnings_given_expired_and_ended(
    incident: Incident, manager: Any, other_manager: Any
) -> None:
    decision = decide(incident, manager, ["written_warning"])
    warnings = list(ClientWarning.objects.filter(client_id=decision.client_id))
    assert len(warnings) == 2  # the verbal one from the call and the written one
    marks = [m for w in warnings for m in (w.given_on, w.active_until)]
    assert same_on(decision.client_id, days_around(*marks)) > 0
    review(decision, other_manager)  # ends the written warning today
    assert same_on(decision.client_id, days_around(*marks)) > 0
    # A warning with neither an incident nor a decision behind it does not count.
    ClientWarning.objects.filter(client_id=decision.client_id).update(incident=None, decision=None)
    assert same_on(decision.client_id, days_around(*marks)) == 0


def test_a_termination_and_its_reviews(
    incident: Incident, manager: Any, other_manager: Any
) -> None:
    decision = decide(incident, manager, ["terminate_engagement"])
    today = timezone.localdate()
    marker = timeline.load(decision.client_id).marker()
    assert marker is not None and marker.headline == "Engagement terminated"
    assert same_on(decision.client_id, days_around(today)) > 0
    review(decision, other_manager, subject="terminate_engagement", outcome="confirm")
    assert timeline.load(decision.client_id).marker() == marker
    review_on = today + timedelta(days=90)
    review(
        decision,
        other_manager,
        subject="terminate_engagement",
        outcome="vary",
        new_terms=RestrictionInput(
            starts_on=None, review_on=review_on, channels_allowed=["letter"]
        ),
    )
    varied = timeline.load(decision.client_id).marker()
    assert varied is not None and varied.tag.startswith("Restriction until")
    assert same_on(decision.client_id, days_around(today, review_on)) > 0


def test_restrictions_active_future_and_lapsed(
    incident: Incident, manager: Any, other_manager: Any, staff: Any
) -> None:
    decision = decide(incident, manager, ["terminate_engagement"])
    today = timezone.localdate()
    review(
        decision,
        other_manager,
        subject="terminate_engagement",
        outcome="vary",
        new_terms=RestrictionInput(
            starts_on=None, review_on=today + timedelta(days=60), channels_allowed=["letter"]
        ),
    )
    restriction = Restriction.objects.get(decision=decision)
    marks = [restriction.starts_on, restriction.review_on]
    assert same_on(decision.client_id, days_around(*marks)) > 0
    Restriction.objects.filter(pk=restriction.pk).update(starts_on=today + timedelta(days=5))
    assert same_on(decision.client_id, days_around(today, today + timedelta(days=5))) > 0
    Restriction.objects.filter(pk=restriction.pk).update(status=Restriction.LAPSED, ended_on=today)
    record_incident(details(decision.client), actor=staff)  # another verbal warning
    assert same_on(decision.client_id, days_around(*marks)) > 0


def test_the_client_page_shows_the_marker_it_builds_from_the_timeline(
    incident: Incident, manager: Any, staff: Any, admin_user: Any
) -> None:
    decide(incident, manager, ["terminate_engagement"])
    assert incident.client_id is not None
    for user in (staff, manager, admin_user):
        page = signed_in(user).get(f"/clients/{incident.client_id}/")
        assert page.status_code == 200
        html = page.content.decode()
        assert 'aria-label="Marker"' in html and "Engagement terminated" in html
        assert ('id="timeline"' in html) == user.has_perm("casework.view_incident")
