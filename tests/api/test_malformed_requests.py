"""A malformed multipart body is the client's mistake: 400 with a JSON error,
never a 500, on every endpoint that takes a file."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as HttpClient

from conduct.accounts.services import create_api_token
from conduct.casework.services import record_incident
from tests.casework.conftest import details

pytestmark = pytest.mark.django_db

BOUNDARY = "conduct-boundary"


def _long_part_header() -> bytes:
    name = "x" * 3000 + ".pdf"
    return (
        f"--{BOUNDARY}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
        "%PDF-1.4\r\n"
        f"--{BOUNDARY}--\r\n"
    ).encode()


def _bodies() -> list[tuple[str, bytes]]:
    return [
        ("multipart/form-data", b"--x\r\nno boundary given\r\n"),
        (f"multipart/form-data; boundary={BOUNDARY}", _long_part_header()),
    ]


def _as(user: Any) -> HttpClient:
    _, token = create_api_token(user, "t", actor=None)
    return HttpClient(HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.mark.parametrize("index", range(2))
def test_malformed_multipart_on_evidence_is_a_400_json_error(
    staff: Any, client_record: Any, index: int
) -> None:
    incident = record_incident(details(client_record), actor=staff)
    content_type, body = _bodies()[index]
    response = _as(staff).generic(
        "POST", f"/api/casework/incidents/{incident.pk}/evidence", body, content_type=content_type
    )
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    assert "multipart" in response.json()["detail"].lower()
    assert incident.evidence.count() == 0


@pytest.mark.parametrize("index", range(2))
def test_malformed_multipart_on_imports_is_a_400_json_error(admin_user: Any, index: int) -> None:
    from conduct.correspondence.models import ImportRun

    content_type, body = _bodies()[index]
    response = _as(admin_user).generic(
        "POST", "/api/correspondence/imports", body, content_type=content_type
    )
    assert response.status_code == 400, response.content
    assert "multipart" in response.json()["detail"].lower()
    assert ImportRun.objects.count() == 0
