"""A live call whose record is never saved still reaches Senior Management."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client as HttpClient
from django.test import override_settings
from django.utils import timezone
from freezegun import freeze_time

from conduct.audit.models import AuditEvent
from conduct.casework.models import Incident
from conduct.casework.services import record_call_step, refer_unfinished_call, start_call
from conduct.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def abandoned(client_record: Any, staff: Any) -> Incident:
    """Staff time all three steps but never press save."""
    incident = start_call(client=client_record, channel="phone", actor=staff)
    for step in ("warn_and_explain", "staff_withdraws", "inform_call_termination"):
        incident = record_call_step(incident, step, actor=staff)
    return incident


def test_an_unfinished_call_shows_on_the_home_page_and_in_the_incident_list(
    abandoned: Incident, as_staff: HttpClient, as_manager: HttpClient
) -> None:
    home = as_staff.get("/", follow=True).content.decode()
    assert "Unfinished live-call record" in home
    assert f'href="/casework/calls/{abandoned.pk}/"' in home
    assert "Finish the record of the call with <bdi>Jane Example</bdi>" in home
    listing = as_staff.get("/casework/incidents/").content.decode()
    assert "Unfinished live calls" in listing and "Unfinished</strong>" in listing
    assert "Unfinished live calls" in as_manager.get("/casework/incidents/").content.decode()
    # Another member of staff does not see a colleague's call.
    assert "Unfinished" not in as_manager.get("/", follow=True).content.decode()


def test_it_is_referred_automatically_with_what_is_known(
    abandoned: Incident, staff: Any, manager: Any
) -> None:
    assert not refer_unfinished_call(abandoned)  # not due yet
    later = timezone.now() + timedelta(minutes=61)
    assert refer_unfinished_call(abandoned, now=later)
    abandoned.refresh_from_db()
    assert abandoned.status == Incident.RECORDED and abandoned.referred_unfinished
    assert abandoned.case is not None and abandoned.case.status == "open"
    assert abandoned.warning_given and abandoned.staff_actions == ["end_call"]
    assert "did not finish the record" in abandoned.what_happened
    assert "warning given at" in abandoned.what_happened
    assert "call ended, caller told at" in abandoned.what_happened
    assert Notification.objects.filter(user=manager, key=f"incident-referred-{abandoned.pk}")
    asked = Notification.objects.get(user=staff, key=f"call-unfinished-{abandoned.pk}")
    assert asked.url == f"/casework/incidents/{abandoned.pk}/edit/"
    event = AuditEvent.objects.get(action="casework.call.referred_unfinished")
    assert event.actor_id is None and event.payload["minutes"] == 60
    assert not refer_unfinished_call(abandoned, now=later)  # once


def test_the_scheduled_job_refers_unfinished_calls(abandoned: Incident) -> None:
    out = StringIO()
    call_command("casework", "run-scheduled", stdout=out)
    assert out.getvalue().startswith("0 unfinished live call(s) referred")
    with freeze_time(timezone.now() + timedelta(minutes=90)):
        call_command("casework", "run-scheduled", stdout=out)
    assert "1 unfinished live call(s) referred" in out.getvalue()
    abandoned.refresh_from_db()
    assert abandoned.referred_unfinished


def test_a_referral_is_queued_for_when_it_falls_due(
    client_record: Any, staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks import default_task_backend

    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=dummy):
        default_task_backend.clear()  # type: ignore[attr-defined]
        with django_capture_on_commit_callbacks(execute=True):
            incident = start_call(client=client_record, channel="phone", actor=staff)
        [queued] = default_task_backend.results  # type: ignore[attr-defined]
        assert queued.args == [incident.pk]
        assert queued.task.run_after == incident.occurred_at + timedelta(minutes=60)


def test_a_finished_call_is_left_alone(abandoned: Incident, as_staff: HttpClient) -> None:
    response = as_staff.post(
        f"/casework/calls/{abandoned.pk}/finish/",
        {"categories": ["abusive_language"], "what_happened": "Swore repeatedly."},
    )
    assert response.status_code == 302
    assert not refer_unfinished_call(abandoned, now=timezone.now() + timedelta(hours=3))
    abandoned.refresh_from_db()
    assert not abandoned.referred_unfinished


def test_the_automatically_referred_incident_asks_for_the_rest(
    abandoned: Incident, as_staff: HttpClient
) -> None:
    refer_unfinished_call(abandoned, now=timezone.now() + timedelta(hours=2))
    page = as_staff.get(f"/casework/incidents/{abandoned.pk}/").content.decode()
    assert "was not finished, so it was referred to Senior Management automatically" in page
    assert "Not recorded yet" in page
