"""E-mail parsing: every kind of bad input is stored or rejected with a reason, never raised."""

from __future__ import annotations

from email.message import EmailMessage

from hypothesis import given, settings
from hypothesis import strategies as st

from conduct.correspondence.parsing.email import parse_email
from conduct.correspondence.parsing.items import Item, Rejected
from conduct.correspondence.parsing.text import decode, fix_mojibake

from .conftest import WHEN, mail


def test_a_plain_message_is_read() -> None:
    item = parse_email(mail(7, subject="Repair"), "x")
    assert isinstance(item, Item)
    assert item.sender == "jane@example.com"
    assert item.message_id == "msg-7@example.com"
    assert item.occurred_at == WHEN
    assert item.subject == "Repair"
    assert "repair will be done" in item.body
    assert item.problems == []


def test_wrong_charset_declared_falls_back_and_says_so() -> None:
    raw = (
        b"From: a@example.com\nMessage-ID: <c1@x>\nDate: Mon, 2 Mar 2026 10:00:00 +0000\n"
        b"Content-Type: text/plain; charset=us-ascii\n\nCaf\xc3\xa9 au lait\n"
    )
    item = parse_email(raw, "x")
    assert isinstance(item, Item)
    assert "Café" in item.body
    assert any("not valid" in p for p in item.problems)


def test_missing_charset_latin1_is_detected() -> None:
    raw = (
        b"From: a@example.com\nMessage-ID: <c2@x>\nDate: Mon, 2 Mar 2026 10:00:00 +0000\n"
        b"Content-Type: text/plain\n\nJ'ai re\xe7u votre lettre, tr\xe8s bien, merci beaucoup.\n"
    )
    item = parse_email(raw, "x")
    assert isinstance(item, Item)
    assert "reçu" in item.body


def test_unknown_charset_is_reported_not_fatal() -> None:
    raw = (
        b"From: a@example.com\nMessage-ID: <c3@x>\nContent-Type: text/plain; charset=klingon-8\n\n"
        b"hello there\n"
    )
    item = parse_email(raw, "x")
    assert isinstance(item, Item)
    assert "hello there" in item.body
    assert any("unknown charset" in p for p in item.problems)


def test_mojibake_is_repaired() -> None:
    assert fix_mojibake("cafÃ© and naÃ¯ve") == "café and naïve"
    assert fix_mojibake("plain text") == "plain text"
    assert decode("Ã©tÃ©".encode())[0] == "été"


def test_malformed_mime_keeps_the_text() -> None:
    raw = (
        b"From: a@example.com\nMessage-ID: <m1@x>\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="nope"\n\n'
        b"--wrong\nContent-Type: text/plain\n\nsome words here\n"
    )
    item = parse_email(raw, "x")
    assert isinstance(item, Item)
    assert any("malformed MIME" in p for p in item.problems)


def test_missing_date_uses_the_fallback_and_says_so() -> None:
    raw = b"From: a@example.com\nMessage-ID: <d1@x>\nSubject: hi\n\nbody\n"
    item = parse_email(raw, "x", fallback_time=WHEN)
    assert isinstance(item, Item)
    assert item.occurred_at == WHEN
    assert any("Date" in p for p in item.problems)


def test_html_only_message_becomes_text() -> None:
    msg = EmailMessage()
    msg["From"] = "a@example.com"
    msg["Message-ID"] = "<h1@x>"
    msg.set_content("<p>Hello <b>there</b></p><script>alert(1)</script>", subtype="html")
    item = parse_email(msg.as_bytes(), "x")
    assert isinstance(item, Item)
    assert "Hello there" in item.body
    assert "alert" not in item.body


def test_attachments_are_extracted() -> None:
    msg = EmailMessage()
    msg["From"] = "a@example.com"
    msg["Message-ID"] = "<a1@x>"
    msg.set_content("see attached")
    msg.add_attachment(b"%PDF-1.4 fake", maintype="application", subtype="pdf", filename="../x.pdf")
    item = parse_email(msg.as_bytes(), "x")
    assert isinstance(item, Item)
    assert [a.filename for a in item.attachments] == [".._x.pdf"]


def test_binary_junk_empty_and_headerless_input_are_rejected() -> None:
    assert isinstance(parse_email(b"\x00\x01\x02" * 100, "x"), Rejected)
    assert isinstance(parse_email(b"   \n", "x"), Rejected)
    rejected = parse_email(b"just some words with no headers at all\n", "x")
    assert isinstance(rejected, Rejected)
    assert "no readable headers" in rejected.reason


def test_huge_message_is_rejected_with_its_size() -> None:
    rejected = parse_email(mail(body="x" * 5000), "big", max_bytes=2048)
    assert isinstance(rejected, Rejected)
    assert "over the limit" in rejected.reason


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000))
def test_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    assert isinstance(parse_email(data, "fuzz"), Item | Rejected)


@settings(max_examples=100, deadline=None)
@given(
    st.text(max_size=200),
    st.sampled_from(["utf-8", "latin-1", "bogus", "", "utf-16"]),
    st.sampled_from(["text/plain", "text/html", "multipart/mixed", "application/pdf"]),
)
def test_never_raises_on_odd_headers_and_bodies(body: str, charset: str, ctype: str) -> None:
    head = f"From: {body[:20]}\nSubject: {body[:30]}\nContent-Type: {ctype}; charset={charset}\n\n"
    data = head.encode("utf-8", "surrogatepass") + body.encode("utf-8", "surrogatepass")
    assert isinstance(parse_email(data, "fuzz"), Item | Rejected)
