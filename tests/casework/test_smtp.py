"""Senior managers are emailed through a real SMTP server on this machine."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings

from conduct.casework.services import record_incident
from tests.casework.conftest import details

pytestmark = [pytest.mark.django_db, pytest.mark.smtp]


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_port() -> Iterator[tuple[Inbox, int]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def test_a_referred_incident_is_emailed_to_senior_managers_after_commit(
    smtp_port: tuple[Inbox, int],
    client_record: Any,
    staff: Any,
    manager: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    inbox, port = smtp_port
    manager.email = "manager1@example.org"
    manager.save()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            record_incident(details(client_record), actor=staff)
        assert inbox.messages == []  # nothing is sent before the transaction commits
        for callback in callbacks:
            callback()
    assert len(inbox.messages) == 1
    recipients, message = inbox.messages[0]
    assert recipients == ["manager1@example.org"]
    assert "referred to Senior Management" in " ".join(str(message["Subject"]).split())
    assert "threatened" not in message.get_payload()  # the detail stays in the app


def test_a_mail_outage_does_not_undo_the_record(
    client_record: Any, staff: Any, manager: Any, django_capture_on_commit_callbacks: Any
) -> None:
    manager.email = "manager1@example.org"
    manager.save()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = int(probe.getsockname()[1])
    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=closed_port,
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        incident = record_incident(details(client_record), actor=staff)
    assert incident.pk is not None
