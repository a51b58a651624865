"""mbox, Maildir, call logs, social-media exports and letters."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conduct.correspondence.parsing.items import Item, Rejected
from conduct.correspondence.parsing.mailboxes import split_mbox
from conduct.correspondence.parsing.sources import estimate, parse_bytes, read_path
from conduct.correspondence.parsing.tabular import parse_call_log, parse_social_json

from .conftest import mail, write_mbox

NOW = datetime(2026, 3, 3, tzinfo=UTC)


def test_mbox_messages_and_quoted_from_lines(tmp_path: Path) -> None:
    box = write_mbox(tmp_path / "a.mbox", [mail(1, body="From the start\nok"), mail(2)])
    items = list(read_path(box))
    assert [type(i) for i in items] == [Item, Item]
    assert isinstance(items[0], Item)
    assert items[0].body.startswith("From the start")
    assert estimate(box) == 2


def test_truncated_mbox_keeps_the_complete_messages(tmp_path: Path) -> None:
    box = write_mbox(tmp_path / "t.mbox", [mail(1), mail(2), mail(3)])
    box.write_bytes(box.read_bytes()[:-40])
    results = list(read_path(box))
    assert [type(r) for r in results] == [Item, Item, Rejected]
    assert isinstance(results[2], Rejected)
    assert "truncated" in results[2].reason
    assert results[2].ref == "t.mbox #3"


def test_split_mbox_is_streaming_and_tolerant() -> None:
    assert list(split_mbox(io.BytesIO(b""))) == []
    parts = list(split_mbox(io.BytesIO(b"From x\nA: b\n\nbody\n\nFrom y\nC: d\n\nmore\n")))
    assert [p[0] for p in parts] == [0, 1]


def test_maildir(tmp_path: Path) -> None:
    for sub in ("cur", "new", "tmp"):
        (tmp_path / "md" / sub).mkdir(parents=True)
    (tmp_path / "md" / "new" / "1.eml").write_bytes(mail(1))
    (tmp_path / "md" / "cur" / "2.eml").write_bytes(b"\x00\xff junk")
    results = list(read_path(tmp_path / "md"))
    assert sorted(type(r).__name__ for r in results) == ["Item", "Rejected"]


CALLS = b"""start,duration,staff,number,direction,notes
2026-03-02 09:00,300,jo.calls,07700 900123,in,Asked about repair
02/03/2026 10:00,05:30,jo.calls,+447700900123,out,Called back
2026-03-02 11:00,abc,jo.calls,07700 900123,in,bad duration
2026-03-02 12:00,60,jo.calls,,in,no number
not a time,60,jo.calls,07700 900123,in,
2026-03-02 13:00,60,jo.calls,07700 900123,sideways,
"""


def test_call_log_good_rows_and_clear_reasons_for_bad_ones() -> None:
    results = list(parse_call_log(CALLS, "calls.csv"))
    items = [r for r in results if isinstance(r, Item)]
    bad = [r for r in results if isinstance(r, Rejected)]
    assert [i.duration_seconds for i in items] == [300, 330]
    assert items[1].direction == "out"
    assert items[0].staff_hint == "jo.calls"
    assert [b.ref for b in bad] == [f"calls.csv line {n}" for n in (4, 5, 6, 7)]
    assert "duration" in bad[0].reason
    assert "phone number" in bad[1].reason
    assert "time" in bad[2].reason
    assert "direction" in bad[3].reason


def test_call_log_with_end_times_and_missing_columns() -> None:
    data = b"Start,End,Number\n2026-03-02T09:00:00,2026-03-02T09:10:00,07700900123\n"
    (item,) = parse_call_log(data, "c.csv")
    assert isinstance(item, Item)
    assert item.duration_seconds == 600
    (rejected,) = parse_call_log(b"when,who\n1,2\n", "c.csv")
    assert isinstance(rejected, Rejected)
    assert "no column for" in rejected.reason


def test_social_csv_and_json() -> None:
    csv_data = b"platform,author,url,text,time\nX,@Jane_E,https://x/1,You lot are slow,2026-03-02T10:00:00Z\nX,,u,t,2026-03-02T10:00:00Z\n"
    results = list(parse_bytes("posts.csv", csv_data, NOW))
    assert isinstance(results[0], Item)
    assert results[0].sender == "Jane_E"
    assert results[0].channel == "social_media"
    assert isinstance(results[1], Rejected)
    doc = {"items": [{"handle": "jane_e", "text": "hi", "timestamp": "2026-03-02T10:00:00"}, 5]}
    results = list(parse_social_json(json.dumps(doc).encode(), "p.json"))
    assert [type(r) for r in results] == [Item, Rejected]
    assert isinstance(next(iter(parse_social_json(b"{nope", "p.json"))), Rejected)


def test_letters_text_and_pdf() -> None:
    text = b"12 March 2026\n\nDear Sir,\nReference CL-000900\nI am unhappy.\n"
    (letter,) = parse_bytes("letter.txt", text, NOW)
    assert isinstance(letter, Item)
    assert letter.client_reference == "CL-000900"
    assert letter.occurred_at.date().isoformat() == "2026-03-12"
    (pdf,) = parse_bytes("scan.pdf", minimal_pdf("Reference CL-000900 please reply"), NOW)
    assert isinstance(pdf, Item), pdf
    assert "CL-000900" in pdf.body
    (broken,) = parse_bytes("broken.pdf", b"%PDF-1.4\n garbage", NOW)
    assert isinstance(broken, Rejected)
    (unknown,) = parse_bytes("thing.exe", b"MZ\x90\x00", NOW)
    assert isinstance(unknown, Rejected)
    assert "unknown kind" in unknown.reason


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF with extractable text, built by hand."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


@settings(max_examples=100, deadline=None)
@given(
    st.binary(max_size=2000),
    st.sampled_from(["a.csv", "b.json", "c.txt", "d.pdf", "e.mbox", "f.eml"]),
)
def test_no_file_kind_raises_on_junk(data: bytes, name: str) -> None:
    for result in parse_bytes(name, data, NOW):
        assert isinstance(result, Item | Rejected)
