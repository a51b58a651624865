"""Hostile requests: forged forms, password guessing, and API bodies that are
malformed, mistyped, about nothing, or too big."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from conduct.accounts.services import create_api_token
from conduct.clients.models import Client
from tests.conftest import PASSWORD


def test_a_form_post_without_the_csrf_token_is_refused(staff: Any) -> None:
    http = HttpClient(enforce_csrf_checks=True)
    http.force_login(staff)
    response = http.post(reverse("clients:create"), {"name": "Forged Client"})
    assert response.status_code == 403
    assert not Client.objects.filter(name="Forged Client").exists()


def test_an_api_write_on_the_session_without_the_csrf_token_is_refused(staff: Any) -> None:
    http = HttpClient(enforce_csrf_checks=True)
    http.force_login(staff)
    response = http.post(
        "/api/clients/", {"name": "Forged Client"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_the_sign_in_form_itself_needs_the_csrf_token(staff: Any) -> None:
    http = HttpClient(enforce_csrf_checks=True)
    response = http.post(reverse("accounts:login"), {"username": "staff1", "password": PASSWORD})
    assert response.status_code == 403


def test_sign_in_locks_after_the_failure_limit_even_with_the_right_password(staff: Any) -> None:
    http = HttpClient()
    url = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = http.post(url, {"username": "staff1", "password": "wrong-password"})
        assert response.status_code == 200
        assert b"Enter a correct username and password" in response.content
    response = http.post(url, {"username": "staff1", "password": "wrong-password"})
    response = http.post(url, {"username": "staff1", "password": PASSWORD})
    assert response.status_code == 429
    assert b"Too many failed sign-in attempts" in response.content
    assert "_auth_user_id" not in http.session


def test_a_sign_in_below_the_limit_still_works(staff: Any) -> None:
    http = HttpClient()
    url = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        http.post(url, {"username": "staff1", "password": "wrong-password"})
    response = http.post(url, {"username": "staff1", "password": PASSWORD})
    assert response.status_code == 302


@pytest.fixture
def api(staff: Any) -> HttpClient:
    _, token = create_api_token(staff, "hostile", actor=None)
    return HttpClient(headers={"authorization": f"Bearer {token}"})


def _json_error(response: Any, status: int) -> None:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]
    assert b"Traceback" not in response.content


@pytest.mark.parametrize(
    "body",
    [b"{", b"not json", b'{"name": "x",}', b"\xff\xfe\x00", b"[]", b"null", b'"a string"'],
    ids=["truncated", "text", "trailing-comma", "binary", "array", "null", "string"],
)
def test_malformed_json_gets_a_4xx_json_error(api: HttpClient, body: bytes) -> None:
    response = api.post("/api/clients/", body, content_type="application/json")
    assert 400 <= response.status_code < 500
    _json_error(response, response.status_code)


@pytest.mark.parametrize(
    "body",
    [
        {"name": 5},
        {"name": ["a"]},
        {"name": "A", "emails": "not-a-list"},
        {"name": "A", "phones": [{"n": 1}]},
        {"name": ""},
        {"name": "A", "emails": ["not an email"]},
    ],
)
def test_wrong_types_get_422(api: HttpClient, body: dict[str, Any]) -> None:
    _json_error(api.post("/api/clients/", body, content_type="application/json"), 422)


@pytest.mark.parametrize("url", ["/api/clients/999999", "/api/clients/abc", "/api/clients/-1"])
def test_unknown_ids_get_a_4xx_json_error(api: HttpClient, url: str) -> None:
    response = api.get(url)
    assert response.status_code in {404, 422}
    _json_error(response, response.status_code)


def test_an_update_to_an_unknown_client_gets_404(api: HttpClient) -> None:
    body = {"name": "A", "version": 1}
    _json_error(api.put("/api/clients/999999", body, content_type="application/json"), 404)


def test_an_oversize_body_gets_413(api: HttpClient) -> None:
    notes = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    body = '{"name": "Big", "notes": "' + notes + '"}'
    _json_error(api.post("/api/clients/", body, content_type="application/json"), 413)


def test_a_wrong_content_type_is_refused(api: HttpClient) -> None:
    response = api.post("/api/clients/", "name=A", content_type="application/x-www-form-urlencoded")
    assert 400 <= response.status_code < 500
    _json_error(response, response.status_code)


@pytest.mark.parametrize(
    "url",
    [
        "/clients/?q=a%00b",
        "/audit/?actor=%00",
        "/api/clients/?q=%00",
        "/api/audit/events?action=%00",
    ],
)
def test_a_nul_character_in_a_query_is_refused_not_a_500(
    as_admin: HttpClient, as_staff: HttpClient, url: str
) -> None:
    """PostgreSQL cannot compare a NUL; the request is refused before it gets there."""
    for http in (as_admin, as_staff):
        response = http.get(url)
        assert response.status_code == 400
        if url.startswith("/api/"):
            _json_error(response, 400)


def test_a_nul_character_in_a_json_body_is_refused(api: HttpClient) -> None:
    body = '{"name": "Nul \\u0000 Name"}'
    _json_error(api.post("/api/clients/", body, content_type="application/json"), 400)


def test_a_nul_character_in_a_form_is_refused(as_staff: HttpClient) -> None:
    response = as_staff.post(
        reverse("clients:create"),
        "name=Nul%00Name",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400


def test_an_expired_session_is_sent_to_sign_in(as_staff: HttpClient) -> None:
    assert as_staff.get(reverse("clients:list")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = as_staff.get(reverse("clients:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_sessions_are_time_limited_and_end_with_the_browser() -> None:
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert 5 * 60 <= settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_COOKIE_HTTPONLY
