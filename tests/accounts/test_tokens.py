"""An API token is made by its own user, for their own account: nobody, an admin
included, mints a token that acts as someone else. An admin still lists and
revokes anyone's token, and each revocation is in the audit chain."""

from __future__ import annotations

from typing import Any

import pytest

from conduct.accounts.models import ApiToken
from conduct.accounts.services import TokenRefused, create_api_token
from conduct.audit.models import AuditEvent


def test_the_service_refuses_a_token_for_another_user(admin_user: Any, manager: Any) -> None:
    with pytest.raises(TokenRefused, match="own account"):
        create_api_token(manager, "x", actor=admin_user)
    assert not ApiToken.objects.filter(user=manager).exists()
    assert not AuditEvent.objects.filter(action="accounts.token.created").exists()


def test_the_api_refuses_a_token_for_another_user(
    as_admin: Any, manager: Any, admin_user: Any
) -> None:
    response = as_admin.post(
        "/api/accounts/tokens",
        {"user_id": manager.pk, "name": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "own account" in response.json()["detail"]
    assert not ApiToken.objects.filter(user=manager).exists()


def test_the_api_makes_a_token_for_oneself(as_admin: Any, admin_user: Any) -> None:
    for body in ({"name": "mine"}, {"user_id": admin_user.pk, "name": "mine too"}):
        response = as_admin.post("/api/accounts/tokens", body, content_type="application/json")
        assert response.status_code == 201, response.content
        assert response.json()["username"] == admin_user.username
        assert response.json()["token"].startswith("cc_")
    assert set(ApiToken.objects.values_list("user", flat=True)) == {admin_user.pk}


def test_the_page_makes_tokens_only_for_oneself(
    as_admin: Any, admin_user: Any, manager: Any
) -> None:
    page = as_admin.get("/accounts/api-tokens/")
    assert b'name="user"' not in page.content
    response = as_admin.post("/accounts/api-tokens/", {"user": manager.pk, "name": "x"})
    assert b"cc_" in response.content  # the posted user is ignored: the token is one's own
    assert not ApiToken.objects.filter(user=manager).exists()
    assert list(ApiToken.objects.values_list("user", flat=True)) == [admin_user.pk]


def test_an_admin_lists_and_revokes_another_users_token(
    as_admin: Any, admin_user: Any, manager: Any
) -> None:
    record, _ = create_api_token(manager, "manager's own", actor=manager)
    listed = as_admin.get("/api/accounts/tokens").json()
    assert [t["username"] for t in listed] == [manager.username]
    assert b"manager&#x27;s own" in as_admin.get("/accounts/api-tokens/").content
    assert as_admin.delete(f"/api/accounts/tokens/{record.pk}").status_code == 204
    record.refresh_from_db()
    assert not record.active
    event = AuditEvent.objects.get(action="accounts.token.revoked")
    assert event.actor == admin_user and event.target_id == str(record.pk)
