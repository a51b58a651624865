"""Mail with no Message-ID (and no Date) is stored once, keyed on what it says: the same
message in two folders, as an upload, or inside an mbox, whatever the files' times."""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client as HttpClient

from conduct.correspondence import rules, synthetic
from conduct.correspondence.models import Communication
from conduct.correspondence.parsing.email import parse_email
from conduct.correspondence.parsing.items import Item
from conduct.correspondence.services.ingest import item_key

NOW = datetime(2026, 3, 3, tzinfo=UTC)


def bare(body: str = "Where is my repair? I have asked three times.", **headers: str) -> bytes:
    """A message with no Message-ID and no Date, as some mail clients export them."""
    lines = {"From": "Jane <jane@example.com>", "To": "enquiries@example.org"}
    lines.update({"Subject": "Repair", **headers})
    head = "".join(f"{k}: {v}\r\n" for k, v in lines.items())
    return (head + "\r\n" + body + "\r\n").encode()


def parsed(data: bytes, when: datetime = NOW) -> Item:
    item = parse_email(data, "x.eml", fallback_time=when)
    assert isinstance(item, Item), item
    return item


def test_the_key_ignores_the_time_of_reading_and_the_transport_headers() -> None:
    one = parsed(bare(), datetime(2026, 1, 1, tzinfo=UTC))
    two = parsed(
        b"Received: from a by b; Tue, 3 Mar 2026 10:00:00 +0000\r\nStatus: RO\r\n"
        + bare().replace(b"\r\n", b"\n"),
        datetime(2026, 6, 1, tzinfo=UTC),
    )
    assert one.occurred_at != two.occurred_at
    assert item_key(one) == item_key(two)
    assert item_key(one).startswith("sha:")


def test_different_content_gives_different_keys() -> None:
    base = item_key(parsed(bare()))
    assert item_key(parsed(bare(body="Another message entirely."))) != base
    assert item_key(parsed(bare(Subject="Boiler"))) != base
    assert item_key(parsed(bare(To="someone@example.org"))) != base
    assert item_key(parsed(bare(Date="Mon, 2 Mar 2026 09:00:00 +0000"))) != base


def test_a_message_id_still_wins() -> None:
    item = parsed(bare(**{"Message-ID": "<abc@example.com>"}))
    assert item.content_digest == ""
    assert item_key(item) == rules.dedup_key(
        message_id="abc@example.com",
        channel="email",
        occurred_at=NOW,
        sender="",
        subject="",
        body="",
    )


def _ingest(*paths: Path) -> str:
    out = io.StringIO()
    call_command("ingest", *map(str, paths), stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_the_same_message_in_two_folders_and_an_mbox_is_stored_once(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    (first / "m.eml").write_bytes(bare())
    (second / "copy.eml").write_bytes(bare())
    (second / "other.eml").write_bytes(bare(body="A different question."))
    os.utime(first / "m.eml", (1_700_000_000, 1_700_000_000))
    os.utime(second / "copy.eml", (1_760_000_000, 1_760_000_000))
    box = tmp_path / "all.mbox"
    box.write_bytes(b"".join(synthetic.mbox_bytes([bare(), bare(body="A different question.")])))

    assert "1 added" in _ingest(first)
    assert "1 added, 1 already held" in _ingest(second)
    assert "0 added, 2 already held" in _ingest(box)
    assert "0 added, 1 already held" in _ingest(first)
    assert Communication.objects.count() == 2


@pytest.mark.django_db
def test_uploading_the_same_message_twice_stores_it_once(as_admin: HttpClient) -> None:
    for expected in (1, 0):
        answer = as_admin.post(
            "/api/correspondence/imports", {"file": SimpleUploadedFile("m.eml", bare())}
        )
        assert answer.status_code == 201 and answer.json()["added"] == expected


@pytest.mark.django_db
def test_the_same_letter_in_two_folders_is_stored_once(tmp_path: Path) -> None:
    for n, stamp in enumerate((1_700_000_000, 1_760_000_000)):
        folder = tmp_path / f"f{n}"
        folder.mkdir()
        letter = folder / "letter.txt"
        letter.write_text("Dear Sir,\nReference CL-000900\nPlease call me back.\n")
        os.utime(letter, (stamp, stamp))
        _ingest(folder)
    assert Communication.objects.filter(channel="letter").count() == 1


@pytest.mark.django_db
def test_a_message_stored_under_the_earlier_key_is_still_held(staff: Any) -> None:
    from conduct.correspondence.services import store_items

    item = parsed(bare(Date="Mon, 2 Mar 2026 09:00:00 +0000"))
    earlier = Item(**{**item.__dict__, "content_digest": ""})
    assert store_items([earlier], actor=None).added == 1
    again = store_items([item], actor=None)
    assert again.added == 0 and again.duplicates == 1
    assert Communication.objects.count() == 1
