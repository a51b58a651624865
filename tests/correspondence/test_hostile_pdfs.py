"""Malformed PDFs, built here, mixed with good files: each is a rejected item with its
reason and the rest of the import is stored, by `conduct ingest`, the API and the
Imports page; an import that cannot reach its end is recorded and shown as stopped."""

from __future__ import annotations

import io
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client as HttpClient
from django.urls import reverse

from conduct.correspondence import pipeline
from conduct.correspondence.models import Communication, ImportRun
from conduct.correspondence.parsing.items import Item, Rejected
from conduct.correspondence.parsing.letters import parse_letter_pdf

from .conftest import mail

NOW = datetime(2026, 3, 3, tzinfo=UTC)
API = "/api/correspondence"


def _content(stream: bytes, extra: bytes = b"") -> bytes:
    length = str(len(stream)).encode()
    return b"<< /Length " + length + extra + b" >>\nstream\n" + stream + b"\nendstream"


def _objects(**replace: bytes) -> list[bytes]:
    objects = {
        "catalog": b"<< /Type /Catalog /Pages 2 0 R >>",
        "pages": b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "page": b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        "content": _content(b"BT /F1 12 Tf 72 720 Td (Reference CL-000900 please reply) Tj ET"),
        "font": b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    objects.update(replace)
    return list(objects.values())


def build_pdf(objects: list[bytes]) -> bytes:
    out = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    size = len(objects) + 1
    out += f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


GOOD = build_pdf(_objects())

# name -> (PDF bytes, what the reason must name). Each was seen to escape the old handler
# (or to stop pypdf in another way) with pypdf 7.
HOSTILE: dict[str, tuple[bytes, str]] = {
    "truncated.pdf": (GOOD[: len(GOOD) // 2], "cannot read the PDF"),
    "bad-xref.pdf": (
        GOOD.replace(b"xref\n0 6\n", b"xref\n0 99999999\n"),
        "LimitReachedError",
    ),
    "page-is-a-reference.pdf": (build_pdf(_objects(page=b"5 0 R")), "AttributeError"),
    "operator-soup.pdf": (
        build_pdf(_objects(content=_content(b"BT /F1 12 T 5 0 R abc) Tj ET"))),
        "AssertionError",
    ),
    "unknown-filter.pdf": (
        build_pdf(_objects(content=_content(b"BT (hi) Tj ET", b" /Filter /Bogus"))),
        "NotImplementedError",
    ),
    "deep-nesting.pdf": (
        build_pdf(
            _objects(content=_content(b"BT (hi) Tj ET"), font=b"[" * 200_000 + b"]" * 200_000)
        ),
        "RecursionError",
    ),
    "huge-stream.pdf": (
        build_pdf(
            _objects(
                content=_content(
                    zlib.compress(b" " * (300 * 1024 * 1024), 9), b" /Filter /FlateDecode"
                )
            )
        ),
        "LimitReachedError",
    ),
    "huge-object-stream.pdf": (
        build_pdf(
            [
                *_objects(content=_content(b"BT /F1 12 Tf (  ) Tj ET")),
                _content(
                    zlib.compress(b"1 0 " * 10),
                    b" /Type /ObjStm /N 100000000 /First 5 /Filter /FlateDecode",
                ),
            ]
        ),
        "no extractable text",
    ),
}


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, (data, _) in HOSTILE.items():
        (folder / name).write_bytes(data)
    (folder / "good.pdf").write_bytes(GOOD)
    (folder / "good.eml").write_bytes(mail(1))
    return folder


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_malformed_pdf_is_rejected_with_its_reason(name: str) -> None:
    data, reason = HOSTILE[name]
    result = parse_letter_pdf(data, name, NOW)
    assert isinstance(result, Rejected), result
    assert reason in result.reason


def test_the_good_pdf_reads() -> None:
    result = parse_letter_pdf(GOOD, "good.pdf", NOW)
    assert isinstance(result, Item) and result.client_reference == "CL-000900"


def test_a_parser_that_fails_unexpectedly_rejects_only_its_file(
    monkeypatch: pytest.MonkeyPatch, hostile_folder: Path
) -> None:
    from conduct.correspondence.parsing import sources

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise AttributeError("a parser bug")

    monkeypatch.setattr(sources, "parse_letter_pdf", broken)
    results = list(sources.read_path(hostile_folder))
    assert len(results) == len(HOSTILE) + 2
    good_eml = [r for r in results if r.ref == "good.eml"]
    assert isinstance(good_eml[0], Item)
    bad = [r for r in results if r.ref == "good.pdf"]
    assert isinstance(bad[0], Rejected) and "AttributeError" in bad[0].reason


@pytest.mark.django_db
def test_conduct_ingest_stores_the_good_files_and_reports_each_bad_one(
    hostile_folder: Path, media: Path
) -> None:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("ingest", str(hostile_folder), stdout=out, stderr=err)
    assert f"{len(HOSTILE)} item(s) could not be imported" in str(failed.value)
    assert "Traceback" not in err.getvalue()
    for name, (_, reason) in HOSTILE.items():
        assert f"{name}: " in err.getvalue() and reason in err.getvalue(), name
    assert f"2 added, 0 already held, {len(HOSTILE)} rejected" in out.getvalue()
    assert sorted(Communication.objects.values_list("channel", flat=True)) == ["email", "letter"]
    run = ImportRun.objects.get()
    assert run.state == "finished" and run.rejected == len(HOSTILE)

    with pytest.raises(CommandError):
        call_command("ingest", str(hostile_folder), stdout=out, stderr=io.StringIO())
    assert Communication.objects.count() == 2


@pytest.mark.django_db
def test_the_api_answers_201_with_each_bad_pdf_rejected(as_admin: HttpClient, media: Path) -> None:
    for name, (data, reason) in HOSTILE.items():
        answer = as_admin.post(f"{API}/imports", {"file": SimpleUploadedFile(name, data)})
        assert answer.status_code == 201, (name, answer.content)
        body = answer.json()
        assert body["state"] == "finished" and body["rejected"] == 1
        assert reason in body["problems"][0]["reason"]
    good = as_admin.post(f"{API}/imports", {"file": SimpleUploadedFile("good.pdf", GOOD)})
    assert good.status_code == 201 and good.json()["added"] == 1


@pytest.mark.django_db
def test_the_imports_page_takes_bad_and_good_files_together(
    as_admin: HttpClient, media: Path
) -> None:
    uploads = [SimpleUploadedFile(n, d) for n, (d, _) in HOSTILE.items()]
    uploads += [SimpleUploadedFile("good.pdf", GOOD), SimpleUploadedFile("good.eml", mail(1))]
    page = as_admin.post(reverse("correspondence:imports"), {"upload": uploads}, follow=True)
    assert page.status_code == 200
    html = page.content.decode()
    assert f"2 added, 0 already held, {len(HOSTILE)} rejected" in html
    assert "AssertionError" in html and "NotImplementedError" in html
    assert Communication.objects.count() == 2


@pytest.fixture
def storing_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.store_items
    calls = {"n": 0}

    def store_then_fail(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] > 1:
            raise RuntimeError("the disk went away")
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "store_items", store_then_fail)
    monkeypatch.setattr(pipeline, "CHUNK", 1)


@pytest.mark.django_db
def test_an_import_that_stops_is_recorded_and_shown_as_stopped(
    storing_fails: None, hostile_folder: Path, as_admin: HttpClient, media: Path
) -> None:
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(hostile_folder), stdout=io.StringIO(), stderr=err)
    assert "stopped before its end (RuntimeError while storing" in err.getvalue()
    assert "Traceback" not in err.getvalue()
    run = ImportRun.objects.get()
    assert run.state == "stopped" and run.finished_at is None
    assert run.added + run.rejected == 1, "the first chunk is kept"

    listing = as_admin.get(reverse("correspondence:imports")).content.decode()
    assert "Stopped" in listing
    detail = as_admin.get(reverse("correspondence:import", args=[run.pk])).content.decode()
    assert "RuntimeError while storing" in detail


@pytest.mark.django_db
def test_the_api_and_page_report_a_stopped_import(
    storing_fails: None, as_admin: HttpClient, media: Path
) -> None:
    from conduct.correspondence import synthetic

    box = b"".join(synthetic.mbox_bytes([mail(1), mail(2), mail(3)]))
    answer = as_admin.post(f"{API}/imports", {"file": SimpleUploadedFile("a.mbox", box)})
    assert answer.status_code == 503
    assert answer.json()["state"] == "stopped" and answer.json()["added"] == 1
    page = as_admin.post(
        reverse("correspondence:imports"),
        {"upload": SimpleUploadedFile("b.mbox", box)},
        follow=True,
    )
    assert page.status_code == 200 and "stopped before its end" in page.content.decode()


@pytest.mark.django_db
def test_an_import_killed_mid_way_is_listed_as_not_finished(as_admin: HttpClient) -> None:
    ImportRun.objects.create(source="killed.mbox", started_at=NOW, added=3)
    listing = as_admin.get(reverse("correspondence:imports")).content.decode()
    assert "Not finished" in listing
