"""A refusal (403, or a 400 for a body that cannot be read) is one line in the server log,
never a traceback."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.test import Client as HttpClient

pytestmark = pytest.mark.django_db


def _refusals(caplog: Any) -> list[logging.LogRecord]:
    return [r for r in caplog.records if getattr(r, "status_code", None) == 403]


@pytest.mark.parametrize("path", ["/audit/", "/api/audit/events", "/accounts/users/"])
def test_a_refusal_is_logged_as_one_line_without_a_traceback(
    as_staff: HttpClient, caplog: Any, path: str
) -> None:
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert as_staff.get(path).status_code == 403
    [record] = _refusals(caplog)
    assert record.exc_info is None
    assert record.getMessage().startswith("Forbidden")
    assert "Traceback" not in caplog.text


def test_a_server_error_still_keeps_its_traceback(caplog: Any) -> None:
    from conduct.core.logs import OneLineRefusals

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        import sys

        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error",
            (),
            sys.exc_info(),
        )
    record.status_code = 500
    assert OneLineRefusals().filter(record)
    assert record.exc_info is not None


def test_a_malformed_upload_to_a_page_is_one_line_without_a_traceback(
    as_admin: HttpClient, caplog: Any
) -> None:
    """A multipart body with no boundary is the sender's mistake (400), not a server fault."""
    with caplog.at_level(logging.INFO):
        response = as_admin.generic(
            "POST",
            "/correspondence/imports/",
            b"--x\r\nContent-Disposition: form-data; name=upload\r\n\r\nabc\r\n--x--\r\n",
            content_type="multipart/form-data",
        )
    assert response.status_code == 400
    bad = [r for r in caplog.records if getattr(r, "status_code", None) == 400]
    assert bad, "the 400 is logged"
    assert all(r.exc_info is None for r in caplog.records)
    assert "Traceback" not in caplog.text
