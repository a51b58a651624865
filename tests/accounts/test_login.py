from typing import Any

import pytest
from django.test import Client as HttpClient

from conduct.audit.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_in_reaches_the_client_list_and_is_audited(staff: Any) -> None:
    http = HttpClient()
    response = http.post(
        "/accounts/sign-in/", {"username": "staff1", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/clients/"
    assert AuditEvent.objects.filter(action="accounts.login.succeeded", actor=staff).exists()


def test_wrong_password_shows_an_error_and_is_audited(staff: Any) -> None:
    response = HttpClient().post("/accounts/sign-in/", {"username": "staff1", "password": "wrong"})
    assert b"Enter a correct username and password" in response.content
    assert AuditEvent.objects.filter(action="accounts.login.failed").exists()


def test_home_sends_each_role_somewhere_useful(
    as_staff: Any, as_admin: Any, as_outsider: Any
) -> None:
    assert as_staff.get("/").url == "/clients/"
    assert as_admin.get("/").url == "/clients/"
    assert as_outsider.get("/").status_code == 403


def test_security_headers_and_csp_without_inline_script(client: Any) -> None:
    response = client.get("/accounts/sign-in/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"<script>" not in response.content


def test_session_cookie_is_httponly(staff: Any) -> None:
    http = HttpClient()
    response = http.post("/accounts/sign-in/", {"username": "staff1", "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_sign_out_needs_post(as_staff: Any) -> None:
    assert as_staff.get("/accounts/sign-out/").status_code == 405
    assert as_staff.post("/accounts/sign-out/").status_code == 302


def test_token_page_creates_and_revokes(as_admin: Any, staff: Any, as_staff: Any) -> None:
    response = as_admin.post("/accounts/api-tokens/", {"name": "mail gateway"})
    assert b"cc_" in response.content and b"Copy this token now" in response.content
    assert as_staff.get("/accounts/api-tokens/").status_code == 403
