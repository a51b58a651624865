"""Another staff member sees nothing they should not (no IDOR between colleagues).

staff1 records an incident with a wellbeing note and asks for support; staff2
(same role) must not reach that incident, its evidence or its wellbeing note
anywhere, must not see support follow-ups, and is refused every page and API
operation that needs a permission staff do not hold (admin-only and senior
manager pages). The recorder and senior managers still see the note.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as HttpClient

from conduct.accounts.services import create_api_token
from tests.browser.world import WELLBEING, World, build_world
from tests.conftest import signed_in
from tests.hostile.surface import access_of, api_operations, pages

REFUSED = {302, 401, 403, 404, 405}
SUPPORT_PAGES = ["/casework/support/", "/api/casework/support"]


@pytest.fixture
def world(staff: Any, manager: Any, other_manager: Any, admin_user: Any, tmp_path: Any) -> World:
    return build_world(
        staff=staff, manager=manager, other_manager=other_manager, admin=admin_user, folder=tmp_path
    )


def staff_lacks(view: Any, user: Any) -> bool:
    kind, perms = access_of(view) or ("undeclared", ())
    return kind == "permissions" and not all(user.has_perm(p) for p in perms)


def test_another_staff_member_never_sees_the_wellbeing_note(
    world: World, staff: Any, other_staff: Any, manager: Any
) -> None:
    incident, evidence = world.ids["wellbeing_incident"], world.ids["evidence"]
    ids = sorted({v for v in world.ids.values() if isinstance(v, int)})
    colleague = signed_in(other_staff)
    _, token = create_api_token(other_staff, "colleague", actor=None)
    by_token = HttpClient(headers={"authorization": f"Bearer {token}"})

    # The incident, its edit form and its evidence: not found for a colleague.
    for url in (
        f"/casework/incidents/{incident}/",
        f"/casework/incidents/{incident}/edit/",
        f"/casework/evidence/{evidence}/",
        f"/api/casework/incidents/{incident}",
    ):
        client = by_token if url.startswith("/api/") else colleague
        assert client.get(url).status_code in {403, 404}, url

    # Nowhere else either: every page and every API read, with every real id.
    shown = []
    for page in pages():
        for url in page.urls(ids):
            response = colleague.get(url)
            if WELLBEING in response.content.decode(errors="replace"):
                shown.append(url)
    for op in api_operations():
        if op.method == "GET":
            for object_id in ids:
                response = by_token.get(op.url(object_id))
                if WELLBEING in response.content.decode(errors="replace"):
                    shown.append(op.url(object_id))
    assert not shown, f"staff2 sees staff1's wellbeing note at {shown}"

    # The recorder and senior managers do see it.
    for user in (staff, manager):
        response = signed_in(user).get(f"/casework/incidents/{incident}/")
        assert WELLBEING in response.content.decode(), user


def test_support_follow_ups_are_for_senior_managers_only(
    world: World, other_staff: Any, staff: Any, manager: Any
) -> None:
    _, token = create_api_token(other_staff, "colleague", actor=None)
    support = world.ids["support"]
    for user in (other_staff, staff):
        http = signed_in(user)
        assert http.get("/casework/support/").status_code == 403
        assert http.post(f"/casework/support/{support}/done/").status_code in {403, 404}
    for op in api_operations():
        if "support" in op.path:
            response = HttpClient().generic(
                op.method,
                op.url(support),
                headers={"authorization": f"Bearer {token}"},
                content_type="application/json",
                data="{}",
            )
            assert response.status_code in {403, 404}, op
    assert signed_in(manager).get("/casework/support/").status_code == 200


@pytest.mark.parametrize("method", ["get", "post"])
def test_staff_are_refused_every_page_their_role_does_not_allow(
    method: str, world: World, other_staff: Any
) -> None:
    """Admin-only pages (audit, tokens, retention, imports, templates, subject
    access, legal holds) and senior-manager pages (cases, decisions, reviews,
    letters, demand, reports) alike."""
    ids = sorted({v for v in world.ids.values() if isinstance(v, int)})
    colleague = signed_in(other_staff)
    wrong = []
    checked = 0
    for page in pages():
        if not staff_lacks(page.view, other_staff):
            continue
        for url in page.urls(ids):
            checked += 1
            response = getattr(colleague, method)(url)
            if response.status_code not in REFUSED or (
                response.status_code == 302 and "/sign-in/" not in response["Location"]
            ):
                wrong.append(f"{method.upper()} {url} -> {response.status_code}")
    assert checked > 50
    assert not wrong
    for url in ("/audit/", "/accounts/api-tokens/", "/privacy/retention/", "/letters/templates/"):
        assert colleague.get(url).status_code == 403, url


def test_staff_tokens_are_refused_every_api_operation_their_role_does_not_allow(
    world: World, other_staff: Any
) -> None:
    from tests.hostile.surface import valid_request

    ids = sorted({v for v in world.ids.values() if isinstance(v, int)})
    _, token = create_api_token(other_staff, "colleague", actor=None)
    http = HttpClient()
    wrong = []
    for op in api_operations():
        if not staff_lacks(op.view, other_staff):
            continue
        for object_id in ids:
            response = http.generic(
                op.method,
                op.url(object_id),
                headers={"authorization": f"Bearer {token}"},
                **valid_request(op),
            )
            if response.status_code not in {403, 404, 405}:
                wrong.append(f"{op.method} {op.url(object_id)} -> {response.status_code}")
    assert not wrong
