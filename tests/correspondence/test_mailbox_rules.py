"""Folder names and placeholders for the shielded mailbox, without a server."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime

import pytest

from conduct.correspondence import mailbox_rules as rules


def test_folder_names_use_modified_utf7() -> None:
    assert rules.encode_mailbox("Client Conduct") == "Client Conduct"
    assert rules.encode_mailbox("Entwürfe") == "Entw&APw-rfe"  # RFC 3501's own example
    assert rules.encode_mailbox("R&D") == "R&-D"
    assert rules.encode_mailbox("台北") == "&U,BTFw-"


def test_paths_follow_the_servers_delimiter() -> None:
    assert rules.server_path("Client Conduct/Flagged", ".") == "Client Conduct.Flagged"
    assert rules.server_path("/Client Conduct//Flagged/", "/") == "Client Conduct/Flagged"
    assert rules.server_path("Client Conduct/Flagged", None) == "Client Conduct/Flagged"
    with pytest.raises(ValueError, match="delimiter"):
        rules.server_path("v1.2/Flagged", ".")


def test_the_delimiter_is_read_from_a_list_line() -> None:
    assert rules.list_delimiter(b'(\\Noselect) "." ""') == "."
    assert rules.list_delimiter(b'(\\Noselect) "/" ""') == "/"
    assert rules.list_delimiter(b'(\\Noselect) "\\\\" ""') == "\\"
    assert rules.list_delimiter(b'(\\Noselect) NIL ""') is None
    assert rules.list_delimiter(b"garbage") is None


def test_only_our_own_placeholders_are_recognised() -> None:
    mine = rules.placeholder_id("secret", 42)
    assert rules.is_placeholder("secret", mine)
    assert rules.is_placeholder("secret", mine.strip("<>"))
    assert not rules.is_placeholder("another secret", mine)
    forged = mine.replace(".42.", ".43.")
    assert not rules.is_placeholder("secret", forged)
    assert not rules.is_placeholder("secret", "<msg-1@example.com>")


def test_the_placeholder_says_where_the_message_went_and_nothing_of_it() -> None:
    raw = rules.placeholder(
        secret="s",
        action_id=7,
        sender="jane@example.com",
        mailbox_user="enquiries@example.org",
        received=datetime(2026, 3, 2, 10, 30, tzinfo=UTC),
        folder="Client Conduct/Flagged",
        sent_from="client-conduct@example.org",
        now=datetime(2026, 3, 2, 10, 31, tzinfo=UTC),
    )
    note = email.message_from_bytes(raw, policy=email.policy.default)
    assert note["Message-ID"] == rules.placeholder_id("s", 7)
    assert note["Subject"] == "A message was moved to Client Conduct/Flagged"
    text = " ".join(note.get_body().get_content().split())  # type: ignore[union-attr]
    assert "from jane@example.com, received 02 March 2026 at 10:30" in text
    assert b"\r\n" in raw and all(len(line) <= 78 for line in raw.split(b"\r\n"))
