"""Deadline reminders: to whoever answers the kind, once per deadline, by task or command."""

from __future__ import annotations

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from conduct.audit.models import AuditEvent
from conduct.notifications.models import Notification
from conduct.requests.models import ClientRequest
from conduct.requests.services import extend_request, send_request_reminders
from conduct.requests.tasks import send_request_reminders_task


def test_nothing_is_sent_while_the_deadline_is_far(
    sar: ClientRequest, admin_user: Any, manager: Any
) -> None:
    assert send_request_reminders(date(2026, 2, 20)) == 0
    assert not Notification.objects.exists()
    assert not AuditEvent.objects.filter(action="requests.reminders.sent").exists()


def test_admins_are_reminded_a_week_before_and_once_only(
    sar: ClientRequest, admin_user: Any, manager: Any, django_capture_on_commit_callbacks: Any
) -> None:
    admin_user.email = "dpo@example.org"
    admin_user.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_request_reminders(date(2026, 2, 21)) == 1
    [notice] = Notification.objects.all()
    assert notice.user == admin_user
    assert (
        notice.text
        == f"Request {sar.reference} (copy of their data (subject access)) is due by 28 February 2026."
    )
    assert notice.url == f"/requests/{sar.pk}/"
    assert mail.outbox[0].to == ["dpo@example.org"]
    assert "Jane" not in mail.outbox[0].body
    assert send_request_reminders(date(2026, 2, 22)) == 0
    assert AuditEvent.objects.filter(action="requests.reminders.sent").count() == 1


def test_overdue_is_a_second_reminder_and_an_extension_a_new_deadline(
    sar: ClientRequest, admin_user: Any
) -> None:
    assert send_request_reminders(date(2026, 2, 25)) == 1
    extend_request(sar, months=2, reason="Complex.", actor=admin_user)
    assert send_request_reminders(date(2026, 3, 1)) == 0
    assert send_request_reminders(date(2026, 4, 25)) == 1
    assert send_request_reminders(date(2026, 5, 1)) == 1
    texts = list(Notification.objects.order_by("pk").values_list("text", flat=True))
    assert "overdue: it was due by 30 April 2026" in texts[-1]


def test_reviews_go_to_senior_managers(
    review_request: ClientRequest, admin_user: Any, manager: Any, other_manager: Any
) -> None:
    assert send_request_reminders(review_request.due_on) == 2
    assert {n.user for n in Notification.objects.all()} == {manager, other_manager}


def test_the_task_and_the_command(sar: ClientRequest, admin_user: Any) -> None:
    out = StringIO()
    call_command("requests", "run-scheduled", "--date", "2026-02-27", stdout=out)
    assert out.getvalue().strip() == "1 request reminder(s) sent"
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("requests", "run-scheduled", "--date", "27/02/2026")
    result = send_request_reminders_task.enqueue()
    assert result.return_value == 0
