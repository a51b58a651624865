"""IMAP polling against a real Dovecot started by the test (marked ``imap``)."""

from __future__ import annotations

import imaplib
from collections.abc import Iterator
from typing import Any

import pytest

from conduct.correspondence.imap import ImapAccount, poll
from conduct.correspondence.models import Communication, MailboxState

from .conftest import ABUSE, mail
from .dovecot import PASSWORD, USER, Dovecot, DroppingProxy, running_dovecot

pytestmark = [pytest.mark.imap, pytest.mark.django_db]


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    with running_dovecot() as server:
        yield server


def deliver(server: Dovecot, messages: list[bytes], mailbox: str = "INBOX") -> None:
    conn = imaplib.IMAP4("127.0.0.1", server.port)
    conn.login(USER, PASSWORD)
    if mailbox != "INBOX":
        conn.create(mailbox)
    for raw in messages:
        conn.append(mailbox, None, None, raw.replace(b"\n", b"\r\n"))
    conn.logout()


def account(port: int, mailbox: str) -> ImapAccount:
    return ImapAccount("127.0.0.1", port, USER, PASSWORD, mailbox=mailbox, ssl=False, timeout=5)


def test_each_message_is_taken_once(dovecot: Dovecot, client_record: Any) -> None:
    deliver(dovecot, [mail(n) for n in range(5)] + [mail(5, body=ABUSE)], "Once")
    first = poll(account(dovecot.port, "Once"))
    assert first.error == "" and first.stored.added == 6 and first.stored.flagged == 1
    state = MailboxState.objects.get()
    assert state.uidvalidity > 0 and state.last_uid == 6
    assert poll(account(dovecot.port, "Once")).stored.added == 0
    deliver(dovecot, [mail(6), mail(1)], "Once")  # one new, one duplicate delivery
    third = poll(account(dovecot.port, "Once"))
    assert (third.stored.added, third.stored.duplicates) == (1, 1)
    assert Communication.objects.count() == 7
    assert Communication.objects.filter(client=client_record).count() == 7


def test_a_changed_uidvalidity_rescans_without_duplicates(dovecot: Dovecot) -> None:
    deliver(dovecot, [mail(100 + n) for n in range(3)], "Rebuilt")
    assert poll(account(dovecot.port, "Rebuilt")).stored.added == 3
    MailboxState.objects.update(uidvalidity=1, last_uid=99)
    again = poll(account(dovecot.port, "Rebuilt"))
    assert (again.stored.added, again.stored.duplicates) == (0, 3)
    assert MailboxState.objects.get().last_uid == 3


def test_a_connection_dropped_mid_fetch_loses_nothing(dovecot: Dovecot) -> None:
    big = [mail(200 + n, body="word " * 2000) for n in range(8)]
    deliver(dovecot, big, "Flaky")
    proxy = DroppingProxy(dovecot.port, cut_after=30_000)
    try:
        broken = poll(account(proxy.port, "Flaky"), batch=2)
    finally:
        proxy.close()
    assert proxy.dropped
    assert "connection failed" in broken.error
    kept = Communication.objects.count()
    assert 0 < kept < 8
    state = MailboxState.objects.get(account__contains=f":{proxy.port}/")
    assert state.last_uid == kept
    # The next poll (direct) takes the rest; nothing is stored twice.
    assert poll(account(dovecot.port, "Flaky")).stored.added == 8 - kept
    assert Communication.objects.count() == 8


def test_bad_credentials_are_reported(dovecot: Dovecot) -> None:
    result = poll(ImapAccount("127.0.0.1", dovecot.port, USER, "wrong", ssl=False, timeout=5))
    assert "cannot connect or sign in" in result.error
