"""`conduct ingest` and `conduct screen` read mail with one reader: over CPython's own email
test corpus, mail that broke `conduct screen` before, and a fuzzed corpus, neither command
raises, every bad message is reported, every good one is stored or screened, and a second
ingest adds nothing."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import random
import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conduct.correspondence import synthetic
from conduct.correspondence.models import Communication
from conduct.correspondence.parsing.items import Item, Rejected
from conduct.correspondence.parsing.readers import Unreadable, read
from conduct.correspondence.parsing.sources import read_path


def cpython_corpus() -> Path | None:
    """Python's own `test/test_email/data` (python3.11 source, or `libpython3.11-testsuite`)."""
    spec = importlib.util.find_spec("test.test_email")
    if spec is None or not spec.submodule_search_locations:
        return None
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    return data if any(data.glob("msg_*.txt")) else None


CORPUS = cpython_corpus()
needs_corpus = pytest.mark.skipif(
    CORPUS is None,
    reason="CPython's email test corpus (test/test_email/data) is not installed: install "
    "Debian's libpython3.11-testsuite, or use a Python built from source",
)

# Mail that stopped `conduct screen` with a traceback (LookupError, IndexError) or that
# reads oddly: unknown charsets, colons in display names, broken headers.
ODD: dict[str, bytes] = {
    "unknown-charset.eml": b"From: a@example.com\nSubject: hi\n"
    b"Content-Type: text/plain; charset=x-foo\n\ncaf\xe9 you idiot\n",
    "empty-charset-part.eml": b'From: a@example.com\nContent-Type: multipart/mixed; boundary="x"'
    b'\n\n--x\nContent-Type: text/plain; charset="\n\nhello\n--x--\n',
    "unknown-8bit.eml": b"From: a@example.com\nContent-Type: text/plain; charset=unknown-8bit"
    b"\n\nhi\xff\n",
    "rfc2231-charset.eml": b"From: a@example.com\n"
    b"Content-Type: text/plain; charset*=utf-8''%FF\n\nbody\n",
    "html-unknown-charset.eml": b"From: a@example.com\nContent-Type: text/html; charset=x-foo"
    b"\n\n<p>hi</p>\n",
    "colon-in-name.eml": b"From: Smith: Jane <jane@example.com>\nSubject: s\n\nI am waiting.\n",
    "group-from.eml": b"From: Friends: jane@example.com, joe@example.com;\n\nbody\n",
    "open-quote-from.eml": b'From: "\nSubject: x\n\nAnswer me.\n',
    "open-message-id.eml": b"From: a@example.com\nMessage-ID: <\n\nbody here\n",
    "bare-at.eml": b"From: a@\n\nbody\n",
    "bad-base64.eml": b"From: a@example.com\nContent-Transfer-Encoding: base64\n\n!!!!\n",
    "binary.eml": b"\x00\x01\x02 not mail at all \x00",
}


def _ingest(*paths: Path) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("ingest", *map(str, paths), stdout=out, stderr=err)
    except CommandError as exc:
        err.write(str(exc))
    return out.getvalue(), err.getvalue()


def _screen(*paths: Path) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.suppress(CommandError):
        call_command("screen", *map(str, paths), stdout=out, stderr=err)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    reports = [json.loads(line) for line in err.getvalue().splitlines() if line.startswith("{")]
    return lines, reports


def _counts(out: str) -> tuple[int, int, int]:
    # "<name>: 3 added, 1 already held, 2 rejected, 0 flagged for review (import 1)"
    words = out.split()
    return (
        int(words[words.index("added,") - 1]),
        int(words[words.index("already") - 1]),
        int(words[words.index("rejected,") - 1]),
    )


def _both_commands(folder: Path, files: list[Path]) -> None:
    """Every file is stored, already held or reported by ingest, and screened or reported
    by screen; a second ingest adds nothing."""
    out, err = _ingest(folder)
    assert "Traceback" not in err
    added, held, rejected = _counts(out)
    assert added + held + rejected == len(files), out
    assert Communication.objects.count() == added
    assert sum(1 for line in err.splitlines() if ": stored, but" not in line) >= rejected

    out, _ = _ingest(folder)
    assert _counts(out)[0] == 0, out
    assert Communication.objects.count() == added

    lines, reports = _screen(*files)
    errors = [r for r in reports if "error" in r]
    assert len(lines) + len(errors) == len(files)
    assert {str(f) for f in files} == {str(r["source"]) for r in lines + errors}


@needs_corpus
@pytest.mark.django_db
def test_the_cpython_email_corpus_through_both_commands(tmp_path: Path, media: Path) -> None:
    assert CORPUS is not None
    folder = tmp_path / "corpus"
    folder.mkdir()
    files = []
    for source in sorted(CORPUS.glob("msg_*.txt")):
        files.append(folder / f"{source.stem}.eml")
        shutil.copyfile(source, files[-1])
    assert len(files) >= 40
    _both_commands(folder, files)

    box = tmp_path / "corpus.mbox"
    box.write_bytes(b"".join(synthetic.mbox_bytes([f.read_bytes() for f in files])))
    out, err = _ingest(box)
    assert "Traceback" not in err and _counts(out)[0] == 0, "the mbox holds the same messages"
    lines, reports = _screen(box)
    assert len(lines) + len([r for r in reports if "error" in r]) >= len(files) - 2


@pytest.mark.django_db
def test_mail_that_broke_screen_is_read_by_both_commands(tmp_path: Path, media: Path) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    files = []
    for name, data in ODD.items():
        files.append(folder / name)
        files[-1].write_bytes(data)
    good = folder / "good.eml"
    good.write_bytes(b"From: b@example.com\nSubject: Repair\n\nYou are a useless idiot.\n")
    files.append(good)
    _both_commands(folder, files)

    lines, reports = _screen(*files)
    by_source = {Path(str(r["source"])).name: r for r in lines}
    assert by_source["good.eml"]["flagged"] is True
    # Read as RFC 5322 reads it: "Smith:" opens a group, the mailbox in it is the sender.
    assert by_source["colon-in-name.eml"]["meta"] == {
        "From": "Jane <jane@example.com>",
        "Subject": "s",
    }
    notes = {Path(str(r["source"])).name: r["note"] for r in reports if "note" in r}
    assert "unknown charset 'x-foo'" in str(notes["unknown-charset.eml"])
    errors = {Path(str(r["source"])).name for r in reports if "error" in r}
    assert "binary.eml" in errors


# A fuzzed corpus: real-looking headers, charsets and bodies, cut and corrupted at random.
HEADERS = [
    b"From: Jane <jane@example.com>",
    b"From: Smith: Jane <jane@example.com>",
    b'From: "unterminated <jane@example.com>',
    b"From: =?utf-8?b?SmFuZQ==?= <jane@example.com>",
    b"From: =?x-foo?q?J=E9?= <x@example.com>",
    b"To: enquiries@example.org, , ;",
    b"Subject: =?utf-8?q?caf=C3=A9?=",
    b"Subject: \xff\xfe broken",
    b"Date: Mon, 2 Mar 2026 10:30:00 +0000",
    b"Date: 32 Foo 99999",
    b"Message-ID: <fuzz@example.com>",
    b"Message-ID: <",
    b"Content-Type: text/plain; charset=x-foo",
    b"Content-Type: text/plain; charset=utf-8",
    b'Content-Type: text/plain; charset="',
    b"Content-Type: text/html",
    b'Content-Type: multipart/mixed; boundary="b"',
    b"Content-Type: multipart/alternative",
    b"Content-Transfer-Encoding: base64",
    b"Content-Transfer-Encoding: quoted-printable",
    b"Content-Disposition: attachment; filename*=utf-8''%",
    b" folded continuation with no header",
]
BODIES = [
    b"Please can you tell me when the repair will be done?",
    b"You are a useless idiot.",
    b"caf\xe9 \x80\x81 \xc3\xa9",
    b"--b\nContent-Type: text/plain\n\nhello\n--b--",
    b"--b\nContent-Type: text/plain; charset=x-foo\n\nhi\n",
    b"<p>You <b>idiot</b>",
    b"=E9=\n=ZZ",
    b"SGVsbG8=\n!!!",
    b"",
]


def fuzzed_message(rnd: random.Random) -> bytes:
    headers = rnd.sample(HEADERS, rnd.randint(0, 7))
    data = b"\n".join(headers) + b"\n\n" + rnd.choice(BODIES) + b"\n"
    if rnd.random() < 0.3:
        cut = rnd.randrange(len(data) + 1)
        data = data[:cut]
    if rnd.random() < 0.3 and data:
        pos = rnd.randrange(len(data))
        data = data[:pos] + bytes([rnd.randrange(256)]) + data[pos + 1 :]
    return data


@pytest.mark.django_db
def test_a_fuzzed_corpus_through_both_commands(tmp_path: Path, media: Path) -> None:
    rnd = random.Random(20261203)
    folder = tmp_path / "fuzz"
    folder.mkdir()
    files = []
    for n in range(60):
        files.append(folder / f"m{n:02d}.eml")
        files[-1].write_bytes(fuzzed_message(rnd))
    _both_commands(folder, files)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(HEADERS),
            st.binary(max_size=80).map(lambda b: b"X-Junk: " + b.replace(b"\n", b" ")),
        ),
        max_size=8,
    ),
    st.one_of(st.sampled_from(BODIES), st.binary(max_size=300)),
)
def test_the_one_reader_never_raises(headers: list[bytes], body: bytes) -> None:
    data = b"\n".join(headers) + b"\n\n" + body
    folder = Path(tempfile.mkdtemp())
    try:
        eml = folder / "m.eml"
        eml.write_bytes(data)
        (ingested,) = list(read_path(eml))
        assert isinstance(ingested, Item | Rejected)
        (screened,) = list(read(eml))
        assert isinstance(screened, Unreadable) == isinstance(ingested, Rejected)
    finally:
        shutil.rmtree(folder)
