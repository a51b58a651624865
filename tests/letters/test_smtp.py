"""Sending a letter by email through a real SMTP server on this machine."""

from __future__ import annotations

import email
import hashlib
import socket
from collections.abc import Iterator
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test import Client as HttpClient
from django.test import override_settings
from django.utils import timezone

from conduct.audit.models import AuditEvent
from conduct.casework.models import Decision
from conduct.letters import rules
from conduct.letters.services import generate_letter, send_letter

pytestmark = [pytest.mark.django_db, pytest.mark.smtp]


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def test_the_letter_reaches_the_smtp_server_with_its_pdf(
    smtp_server: tuple[Inbox, int],
    restriction_decision: Decision,
    manager: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    inbox, port = smtp_server
    letter = generate_letter(rules.RESTRICTION, decision=restriction_decision, actor=manager)
    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        sent = send_letter(letter, method="email", sent_on=timezone.localdate(), actor=manager)
    [message] = inbox.messages
    assert message["To"] == "jane@example.com"
    assert message["Subject"] == letter.subject
    parts = {part.get_content_type(): part for part in message.walk()}
    pdf = parts["application/pdf"].get_payload(decode=True)
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF-")
    assert parts["application/pdf"].get_filename() == f"letter-{letter.pk}-restriction.pdf"
    assert hashlib.sha256(pdf).hexdigest() == sent.pdf_sha256
    assert sent.sent_to == "jane@example.com"


def test_a_mail_server_that_refuses_is_recorded_not_raised(
    restriction_decision: Decision,
    manager: Any,
    as_manager: HttpClient,
    django_capture_on_commit_callbacks: Any,
) -> None:
    letter = generate_letter(rules.RESTRICTION, decision=restriction_decision, actor=manager)
    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=free_port(),  # nothing listens there
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send_letter(letter, method="email", sent_on=timezone.localdate(), actor=manager)
    [event] = AuditEvent.objects.filter(action="letters.letter.email_failed")
    assert event.payload == {"letter_id": letter.pk, "error": "ConnectionRefusedError"}
    assert event.sentence == f"could not email letter {letter.pk} (ConnectionRefusedError)"
    page = as_manager.get(f"/letters/{letter.pk}/")
    assert b"could not be delivered" in page.content
