"""No way in for the wrong person: every page and API operation, enumerated from
the code, refuses the anonymous visitor and the outsider (signed in, no role),
and every view declares who may use it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.views import redirect_to_login
from django.test import Client as HttpClient

from conduct.accounts.services import create_api_token, revoke_api_token
from tests.browser.world import build_world
from tests.hostile.surface import Operation, access_of, api_operations, pages, valid_request

REFUSED = {401, 403, 404, 405}
LOGIN_URL = redirect_to_login("/").url.split("?")[0]


@dataclass
class World:
    """Real objects of every kind: their ids fill the URLs, and their text is
    what must never appear in a response to someone without access."""

    ids: list[int]
    secrets: list[str]

    def leaked(self, response: Any) -> list[str]:
        body = response.content.decode(errors="replace")
        return [s for s in self.secrets if s in body]


@pytest.fixture
def world(
    client_record: Any, admin_user: Any, staff: Any, manager: Any, other_manager: Any, tmp_path: Any
) -> World:
    """One object of every kind (tests/browser/world.py), so every object URL is
    reached with real ids. When a new kind of object gets pages, create one there."""
    token, _ = create_api_token(staff, "probe token", actor=staff)
    built = build_world(
        staff=staff, manager=manager, other_manager=other_manager, admin=admin_user, folder=tmp_path
    )
    object_ids = {v for v in built.ids.values() if isinstance(v, int)}
    return World(
        ids=sorted(object_ids | {client_record.pk, token.pk, staff.pk, admin_user.pk}),
        secrets=[
            "Jane Example",
            "CL-000900",
            "jane@example.com",
            "staff1",
            "probe token",
            "Priya Shah",
            "priya.shah@example.org",
            *built.texts,
        ],
    )


def declared(view: Any) -> str:
    return (access_of(view) or ("undeclared",))[0]


def test_the_surface_is_found() -> None:
    names = {page.name for page in pages()}
    assert {
        "clients:list",
        "clients:detail",
        "policy:current",
        "audit:list",
        "accounts:tokens",
    } <= names
    assert any(op.path == "/clients/{client_id}" for op in api_operations())


def test_every_page_declares_its_access() -> None:
    undeclared = [f"{p.name} ({p.route})" for p in pages() if declared(p.view) == "undeclared"]
    assert not undeclared, f"pages without @requires/@public/@signed_in: {undeclared}"


def test_every_api_operation_declares_its_access() -> None:
    undeclared = [
        f"{op.method} {op.path}" for op in api_operations() if declared(op.view) == "undeclared"
    ]
    assert not undeclared, f"API operations without @allow/@any_user: {undeclared}"


def _refused_or_sent_to_login(response: Any) -> bool:
    if response.status_code in REFUSED:
        return True
    return response.status_code == 302 and response["Location"].startswith(LOGIN_URL)


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_are_sent_to_sign_in(method: str, world: World) -> None:
    http = HttpClient()
    wrong = []
    for page in pages():
        if declared(page.view) == "public":
            continue
        for url in page.urls(world.ids):
            response = getattr(http, method)(url)
            if not _refused_or_sent_to_login(response):
                wrong.append(f"{method.upper()} {url} -> {response.status_code}")
    assert not wrong


@pytest.mark.parametrize("method", ["get", "post"])
def test_outsiders_get_nothing_from_any_page(method: str, outsider: Any, world: World) -> None:
    """Pages that need a permission refuse; pages for any signed-in user (their
    own account, sign-out) may answer but show nobody else's records."""
    http = HttpClient()
    wrong = []
    for page in pages():
        for url in page.urls(world.ids):
            http.force_login(outsider)  # again, in case the last page signed them out
            response = getattr(http, method)(url)
            if response.status_code >= 500:
                wrong.append(f"{method.upper()} {url} -> {response.status_code}")
            elif declared(page.view) in {"public", "signed_in"}:
                if world.leaked(response):
                    wrong.append(f"{method.upper()} {url} shows {world.leaked(response)}")
            elif not _refused_or_sent_to_login(response):
                wrong.append(f"{method.upper()} {url} -> {response.status_code}")
    assert not wrong


def _call(http: HttpClient, op: Operation, object_id: int, **headers: str) -> Any:
    return http.generic(op.method, op.url(object_id), headers=headers, **valid_request(op))


def test_anonymous_api_calls_get_401_json(world: World) -> None:
    http = HttpClient()
    wrong = []
    for op in api_operations():
        for object_id in world.ids:
            response = _call(http, op, object_id)
            if response.status_code != 401 or not response["Content-Type"].startswith(
                "application/json"
            ):
                wrong.append(f"{op.method} {op.url(object_id)} -> {response.status_code}")
    assert not wrong


def test_outsider_tokens_and_sessions_get_nothing_from_the_api(
    outsider: Any, as_outsider: HttpClient, world: World
) -> None:
    """Bodies are valid for the schema, so each call reaches the permission check."""
    _, token = create_api_token(outsider, "outsider", actor=None)
    by_token = HttpClient()
    wrong = []
    for op in api_operations():
        for object_id in world.ids:
            for label, response in (
                ("token", _call(by_token, op, object_id, authorization=f"Bearer {token}")),
                ("session", _call(as_outsider, op, object_id)),
            ):
                where = f"{label}: {op.method} {op.url(object_id)}"
                if declared(op.view) == "signed_in":
                    if response.status_code >= 500 or world.leaked(response):
                        wrong.append(f"{where} -> {response.status_code} {world.leaked(response)}")
                elif response.status_code not in REFUSED:
                    wrong.append(f"{where} -> {response.status_code}")
    assert not wrong


def test_own_account_operations_show_only_the_caller(as_outsider: HttpClient, world: World) -> None:
    response = as_outsider.get("/api/accounts/me")
    assert response.status_code == 200
    assert response.json()["username"] == "outsider"
    assert not world.leaked(response)


def test_a_revoked_or_made_up_token_is_refused(staff: Any) -> None:
    record, token = create_api_token(staff, "soon revoked", actor=None)
    revoke_api_token(record, actor=None)
    for bearer in (token, "cc_deadbeef_not-a-token", ""):
        response = HttpClient().get("/api/clients/", headers={"authorization": f"Bearer {bearer}"})
        assert response.status_code == 401, bearer
