"""The shielded mailbox against a real Dovecot: flagged messages leave the watched
folder (or are marked), once, audited, surviving a dropped connection; and IMAP
sign-in by OAuth 2.0 tokens from a real OpenID provider (marked ``imap``)."""

from __future__ import annotations

import email
import email.policy
import imaplib
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command

from conduct.accounts.sso.provider import forget_endpoints
from conduct.accounts.sso.tokens import forget_tokens
from conduct.audit.models import AuditEvent
from conduct.correspondence.imap import ImapAccount, poll
from conduct.correspondence.models import Communication, MailboxAction
from conduct.correspondence.shield import Shield
from tests.accounts.oidc_provider import (
    MAIL_CLIENT_ID,
    MAIL_CLIENT_SECRET,
    RESOURCE_ID,
    RESOURCE_SECRET,
    OpenIdProvider,
    running_provider,
)

from .conftest import ABUSE, mail
from .dovecot import PASSWORD, USER, Dovecot, DroppingProxy, running_dovecot

pytestmark = [pytest.mark.imap, pytest.mark.django_db]


@pytest.fixture(scope="module")
def provider() -> Iterator[OpenIdProvider]:
    with running_provider(["http://localhost/unused"], mailbox_user=USER) as running:
        yield running


@pytest.fixture(scope="module")
def dovecot(provider: OpenIdProvider) -> Iterator[Dovecot]:
    url = provider.introspection_url.replace(
        "http://", f"http://{RESOURCE_ID}:{RESOURCE_SECRET}@", 1
    )
    with running_dovecot(introspection_url=url) as server:
        yield server


@pytest.fixture(autouse=True)
def _fresh_tokens() -> Iterator[None]:
    forget_tokens()
    forget_endpoints()
    yield
    forget_tokens()


def imap(server: Dovecot) -> imaplib.IMAP4:
    conn = imaplib.IMAP4("127.0.0.1", server.port)
    conn.login(USER, PASSWORD)
    return conn


def deliver(server: Dovecot, mailbox: str, messages: list[bytes]) -> None:
    conn = imap(server)
    conn.create(mailbox)
    for raw in messages:
        conn.append(mailbox, None, None, raw.replace(b"\n", b"\r\n"))
    conn.logout()


def message_ids(server: Dovecot, mailbox: str) -> list[str]:
    """The Message-IDs in a folder (none if it does not exist)."""
    conn = imap(server)
    try:
        if conn.select(f'"{mailbox}"', readonly=True)[0] != "OK":
            return []
        _, data = conn.uid("FETCH", "1:*", "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
        found = []
        for part in data:
            if isinstance(part, tuple):
                found.append(part[1].decode().split(":", 1)[1].strip())
        return sorted(found)
    finally:
        conn.logout()


def keywords(server: Dovecot, mailbox: str) -> list[bytes]:
    conn = imap(server)
    conn.select(f'"{mailbox}"', readonly=True)
    _, data = conn.uid("FETCH", "1:*", "(FLAGS)")
    conn.logout()
    return [line for line in data if isinstance(line, bytes)]


def account(port: int, mailbox: str, shield: Shield, **changes: Any) -> ImapAccount:
    fields = {"mailbox": mailbox, "ssl": False, "timeout": 5, "shield": shield, **changes}
    return ImapAccount("127.0.0.1", port, USER, PASSWORD, **fields)


LEGIT, ABUSIVE = "<msg-1@example.com>", "<msg-2@example.com>"


def test_poll_imap_moves_the_abusive_message_out_of_the_watched_folder(
    dovecot: Dovecot, settings: Any, capsys: Any
) -> None:
    deliver(dovecot, "Shared", [mail(1), mail(2, body=ABUSE)])
    settings.CORRESPONDENCE_IMAP = {
        **settings.CORRESPONDENCE_IMAP,
        "host": "127.0.0.1",
        "port": dovecot.port,
        "user": USER,
        "password": PASSWORD,
        "mailbox": "Shared",
        "ssl": False,
        "flagged_action": "move",
        "flagged_folder": "Client Conduct/Flagged",
    }
    call_command("poll_imap")
    assert "2 new message(s), 1 flagged message(s) moved" in capsys.readouterr().out
    assert message_ids(dovecot, "Shared") == [LEGIT]
    # Dovecot's Maildir++ folders use "." between levels.
    assert message_ids(dovecot, "Client Conduct.Flagged") == [ABUSIVE]
    moved = AuditEvent.objects.get(action="correspondence.message.moved")
    abusive = Communication.objects.get(message_id__contains="msg-2")
    assert moved.payload["communication_id"] == abusive.pk
    assert moved.payload["folder"] == "Client Conduct.Flagged"
    assert abusive.do_not_reply

    call_command("poll_imap")
    assert "0 new message(s), 0 flagged message(s) moved" in capsys.readouterr().out
    assert message_ids(dovecot, "Shared") == [LEGIT]
    assert AuditEvent.objects.filter(action="correspondence.message.moved").count() == 1
    assert Communication.objects.count() == 2


def test_a_flagged_message_delivered_again_is_moved_again(dovecot: Dovecot) -> None:
    shield = Shield(action="move", folder="Again")
    deliver(dovecot, "Redelivered", [mail(2, body=ABUSE)])
    assert poll(account(dovecot.port, "Redelivered", shield)).shielded == 1
    deliver(dovecot, "Redelivered", [mail(2, body=ABUSE)])  # the same message once more
    second = poll(account(dovecot.port, "Redelivered", shield))
    assert (second.stored.added, second.stored.duplicates, second.shielded) == (0, 1, 1)
    assert message_ids(dovecot, "Redelivered") == []
    assert message_ids(dovecot, "Again") == [ABUSIVE, ABUSIVE]


def test_keyword_only_marks_the_message_where_it_is(dovecot: Dovecot) -> None:
    shield = Shield(action="keyword", keyword="ClientConductFlagged")
    deliver(dovecot, "Marked", [mail(1), mail(2, body=ABUSE)])
    assert poll(account(dovecot.port, "Marked", shield)).shielded == 1
    assert message_ids(dovecot, "Marked") == [LEGIT, ABUSIVE]
    flags = keywords(dovecot, "Marked")
    assert sum(b"ClientConductFlagged" in line for line in flags) == 1
    assert poll(account(dovecot.port, "Marked", shield)).shielded == 0
    event = AuditEvent.objects.get(action="correspondence.message.marked")
    assert event.payload["keyword"] == "ClientConductFlagged"


def test_a_placeholder_is_left_once_and_never_stored(dovecot: Dovecot) -> None:
    shield = Shield(action="move", folder="Shielded", placeholder=True)
    deliver(dovecot, "WithNote", [mail(2, body=ABUSE)])
    assert poll(account(dovecot.port, "WithNote", shield)).shielded == 1
    left = message_ids(dovecot, "WithNote")
    assert len(left) == 1 and left[0].startswith("<cc-placeholder.")
    conn = imap(dovecot)
    conn.select("WithNote", readonly=True)
    _, data = conn.uid("FETCH", "1:*", "(BODY.PEEK[])")
    conn.logout()
    note = email.message_from_bytes(data[0][1], policy=email.policy.default)
    text = " ".join(note.get_body().get_content().split())  # type: ignore[union-attr]
    assert 'was moved to the folder "Shielded"' in text and "idiot" not in text
    assert note["From"].addresses[0].display_name == "Client Conduct"
    again = poll(account(dovecot.port, "WithNote", shield))
    assert (again.stored.added, again.shielded) == (0, 0)
    assert Communication.objects.count() == 1 and message_ids(dovecot, "WithNote") == left


def test_a_connection_dropped_during_the_move_is_finished_by_the_next_poll(
    dovecot: Dovecot,
) -> None:
    shield = Shield(action="move", folder="AfterDrop", placeholder=True)
    deliver(dovecot, "Dropping", [mail(1), mail(2, body=ABUSE)])
    proxy = DroppingProxy(dovecot.port, cut_after=0, trigger=b"MOVE")
    try:
        broken = poll(account(proxy.port, "Dropping", shield))
        assert proxy.dropped and "connection failed" in broken.error
        assert Communication.objects.count() == 2  # stored before the move was tried
        assert MailboxAction.objects.filter(done_at=None).count() == 1
        again = poll(account(proxy.port, "Dropping", shield))  # the next poll, same mailbox
    finally:
        proxy.close()
    assert again.error == "" and again.shielded == 1
    assert message_ids(dovecot, "AfterDrop") == [ABUSIVE]
    remaining = message_ids(dovecot, "Dropping")
    assert LEGIT in remaining and ABUSIVE not in remaining and len(remaining) == 2
    assert AuditEvent.objects.filter(action="correspondence.message.moved").count() == 1


def test_a_folder_the_server_cannot_name_stops_the_poll_before_storing(dovecot: Dovecot) -> None:
    deliver(dovecot, "Misnamed", [mail(2, body=ABUSE)])
    result = poll(account(dovecot.port, "Misnamed", Shield(action="move", folder="Client.Conduct")))
    assert "delimiter" in result.error and result.error.startswith("flagged messages cannot")
    assert Communication.objects.count() == 0


def oauth_settings(settings: Any, provider: OpenIdProvider, **changes: Any) -> None:
    settings.MAIL_OAUTH = {
        "grant": "client_credentials",
        "token_url": "",
        "client_id": MAIL_CLIENT_ID,
        "client_secret": MAIL_CLIENT_SECRET,
        "scope": "mail",
        "refresh_token": "",
        **changes,
    }
    settings.CONDUCT_OIDC = provider.settings()  # its token endpoint, found by discovery


@pytest.mark.parametrize("mechanism", ["xoauth2", "oauthbearer"])
def test_imap_sign_in_by_oauth_token(
    dovecot: Dovecot, provider: OpenIdProvider, settings: Any, mechanism: str
) -> None:
    oauth_settings(settings, provider)
    deliver(dovecot, f"OAuth-{mechanism}", [mail(1)])
    result = poll(account(dovecot.port, f"OAuth-{mechanism}", Shield(), auth=mechanism))
    assert result.error == "" and result.stored.added == 1


def test_a_token_for_another_mailbox_or_a_refused_client_cannot_sign_in(
    dovecot: Dovecot, provider: OpenIdProvider, settings: Any
) -> None:
    oauth_settings(settings, provider)
    other = ImapAccount("127.0.0.1", dovecot.port, "bob", "", ssl=False, timeout=5, auth="xoauth2")
    assert "cannot connect or sign in" in poll(other).error
    forget_tokens()
    oauth_settings(settings, provider, client_secret="wrong")
    refused = poll(account(dovecot.port, "INBOX", Shield(), auth="xoauth2"))
    assert refused.error.startswith(
        "cannot get an OAuth token to sign in: the token endpoint refused"
    )
    assert "wrong" not in refused.error


def test_a_message_that_cannot_be_moved_does_not_hold_up_the_rest(dovecot: Dovecot) -> None:
    shield = Shield(action="move", folder="Held")
    deliver(dovecot, "Stuck", [mail(2, body=ABUSE)])
    assert poll(account(dovecot.port, "Stuck", shield)).shielded == 1
    deliver(dovecot, "Stuck", [mail(2, body=ABUSE), mail(3, body=ABUSE)])
    # The folder the first of these was planned for has gone since.
    conn = imap(dovecot)
    conn.delete("Held")
    conn.logout()
    first = MailboxAction.objects.get()
    stuck = MailboxAction.objects.create(
        state=first.state, uidvalidity=first.uidvalidity, uid=2,
        communication=first.communication, action="move", target="Gone",
    )  # fmt: skip
    result = poll(account(dovecot.port, "Stuck", shield))
    assert "1 flagged message(s) could not be shielded" in result.error
    assert result.shielded == 1 and "msg-3@example.com" in str(message_ids(dovecot, "Held"))
    stuck.refresh_from_db()
    assert stuck.done_at is None  # tried again at the next poll
