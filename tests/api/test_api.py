from typing import Any

import pytest
from django.test import Client as HttpClient

from conduct.accounts.services import create_api_token, revoke_api_token
from conduct.audit.models import AuditEvent
from conduct.clients.models import Client

pytestmark = pytest.mark.django_db


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_openapi_schema_and_docs_are_served(client: Any) -> None:
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/clients/" in schema["paths"]
    assert client.get("/api/docs").status_code == 200


def test_unauthenticated_calls_get_401_json(client: Any) -> None:
    response = client.get("/api/clients/")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Authentication required")
    assert client.post("/api/clients/", "{bad", content_type="application/json").status_code == 401


def test_token_auth_works_and_revoked_tokens_do_not(staff: Any, client_record: Client) -> None:
    record, token = create_api_token(staff, "integration", actor=None)
    http = HttpClient()
    assert http.get("/api/clients/", **bearer(token)).json()["count"] == 1
    assert http.get("/api/clients/", **bearer(token + "x")).status_code == 401
    assert http.get("/api/clients/", **bearer("cc_nothing_here")).status_code == 401
    revoke_api_token(record, actor=None)
    assert http.get("/api/clients/", **bearer(token)).status_code == 401


def test_outsider_and_wrong_role_get_403(
    as_outsider: Any, as_admin: Any, client_record: Client
) -> None:
    assert as_outsider.get("/api/clients/").status_code == 403
    assert as_outsider.get(f"/api/clients/{client_record.pk}").status_code == 403
    response = as_admin.post("/api/clients/", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403


def test_create_read_update_client_through_the_api(staff: Any) -> None:
    _, token = create_api_token(staff, "t", actor=None)
    http = HttpClient()
    body = {"name": "API Client", "emails": ["api@example.com"], "phones": ["07700 900777"]}
    created = http.post("/api/clients/", body, content_type="application/json", **bearer(token))
    assert created.status_code == 201
    data = created.json()
    assert data["reference"].startswith("CL-")
    assert {"kind": "phone", "value": "07700 900777", "normalised": "+447700900777"} in data[
        "contact_points"
    ]
    one = http.get(f"/api/clients/{data['id']}", **bearer(token))
    assert one.status_code == 200
    assert (
        AuditEvent.objects.filter(action="clients.client.viewed", client_id=data["id"]).count() == 1
    )
    update = {**body, "name": "Renamed", "version": 1}
    assert (
        http.put(
            f"/api/clients/{data['id']}", update, content_type="application/json", **bearer(token)
        ).json()["version"]
        == 2
    )
    stale = http.put(
        f"/api/clients/{data['id']}", update, content_type="application/json", **bearer(token)
    )
    assert stale.status_code == 409 and "changed by someone else" in stale.json()["detail"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("{not json", 400),
        ('{"name": 5, "emails": "x"}', 422),
        ('{"emails": []}', 422),
        ('{"name": "x", "phones": ["not a phone"]}', 422),
        ("[]", 422),
    ],
)
def test_bad_bodies_get_a_4xx_json_error(as_staff: Any, body: str, status: int) -> None:
    response = as_staff.post("/api/clients/", body, content_type="application/json")
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_unknown_ids_and_oversize_bodies(as_staff: Any, settings: Any) -> None:
    assert as_staff.get("/api/clients/424242").status_code == 404
    assert as_staff.get("/api/clients/not-a-number").status_code == 422
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = as_staff.post(
        "/api/clients/", '{"name": "' + "x" * 5000 + '"}', content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json()["detail"] == "The request body is too large."


def test_session_writes_need_the_csrf_token(staff: Any) -> None:
    http = HttpClient(enforce_csrf_checks=True)
    http.force_login(staff)
    response = http.post("/api/clients/", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403


def test_admin_creates_users_and_tokens_through_the_api(as_admin: Any, as_staff: Any) -> None:
    made = as_admin.post(
        "/api/accounts/users",
        {"username": "newbie", "role": "staff", "password": "a-sufficiently-long-one"},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["roles"] == ["staff"]
    weak = as_admin.post(
        "/api/accounts/users",
        {"username": "weak", "role": "staff", "password": "123"},
        content_type="application/json",
    )
    assert weak.status_code == 422
    for_another = as_admin.post(
        "/api/accounts/tokens",
        {"user_id": made.json()["id"], "name": "n"},
        content_type="application/json",
    )
    assert for_another.status_code == 403
    token = as_admin.post("/api/accounts/tokens", {"name": "n"}, content_type="application/json")
    assert token.status_code == 201 and token.json()["token"].startswith("cc_")
    assert (
        as_staff.post(
            "/api/accounts/tokens", {"user_id": 1, "name": "n"}, content_type="application/json"
        ).status_code
        == 403
    )
    assert as_staff.get("/api/accounts/me").json()["roles"] == ["staff"]
