"""Signing in through a real OpenID provider (npm's oidc-provider, on loopback) in
chromium: the authorisation code flow with PKCE, roles from groups (and a change
of group at the next sign-in), a person with no mapped group, a token for another
audience and an expired token. The pages on the way are scanned by axe-core."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, expect

from conduct.accounts.access import user_roles
from conduct.accounts.roles import Role
from conduct.accounts.sso.provider import forget_endpoints
from conduct.audit.models import AuditEvent
from tests.accounts.oidc_provider import ADMIN_GROUP, OpenIdProvider, running_provider
from tests.browser.axe import blocking, scan
from tests.browser.conftest import Tab, _new_tab

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def provider(live_server: Any) -> Iterator[OpenIdProvider]:
    callback = live_server.url + "/accounts/sign-in/provider/callback/"
    with running_provider([callback]) as running:
        yield running


@pytest.fixture
def sso(provider: OpenIdProvider, settings: Any) -> OpenIdProvider:
    settings.CONDUCT_OIDC = provider.settings()
    forget_endpoints()
    return provider


@pytest.fixture
def new_tab(browser: Browser, live_server: Any) -> Iterator[Any]:
    """Fresh browser contexts (no cookies at the app or the provider) on demand."""
    opened: list[Iterator[Tab]] = []

    def open_tab() -> Tab:
        tabs = _new_tab(browser, live_server)
        opened.append(tabs)
        return next(tabs)

    yield open_tab
    for tabs in opened:
        next(tabs, None)


def sign_in_at_provider(tab: Tab, provider: OpenIdProvider, login: str) -> list[str]:
    """From a page that needs sign-in, through the provider's own sign-in form.
    Returns the authorisation requests the browser made."""
    authorisations: list[str] = []
    tab.page.on(
        "request",
        lambda request: (
            authorisations.append(request.url)
            if request.url.startswith(provider.issuer + "/auth")
            else None
        ),
    )
    page = tab.goto("/clients/")
    expect(page.get_by_role("heading", name="Sign in", exact=True)).to_be_visible()
    page.get_by_role("link", name="Sign in with Example Identity").click()
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any password")
    page.get_by_role("button", name="Sign-in").click()
    page.wait_for_load_state()
    return authorisations


def assert_accessible(tab: Tab) -> None:
    assert not blocking(scan(tab.page)), blocking(scan(tab.page))


def test_code_flow_with_pkce_lands_with_the_mapped_role(sso: OpenIdProvider, new_tab: Any) -> None:
    tab = new_tab()
    requests = sign_in_at_provider(tab, sso, "mia")
    page = tab.page
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_text("(Senior manager)")).to_be_visible()
    assert urlsplit(page.url).path == "/clients/"
    query = parse_qs(urlsplit(requests[0]).query)
    assert query["response_type"] == ["code"] and query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43  # BASE64URL(SHA-256), no padding
    mia = get_user_model().objects.get(username="mia")
    assert user_roles(mia) == {Role.SENIOR_MANAGER}
    assert (mia.email, mia.first_name, mia.has_usable_password()) == (
        "mia@example.org",
        "Mia",
        False,
    )
    assert AuditEvent.objects.filter(action="accounts.user.created", target_id=str(mia.pk)).exists()
    assert AuditEvent.objects.filter(action="accounts.login.succeeded", actor=mia).exists()


def test_a_group_change_at_the_provider_applies_at_the_next_sign_in(
    sso: OpenIdProvider, new_tab: Any
) -> None:
    first = new_tab()
    sign_in_at_provider(first, sso, "sid")
    expect(first.page.get_by_text("(Staff)")).to_be_visible()
    sso.set_groups("sid", ["everyone", ADMIN_GROUP])
    second = new_tab()
    sign_in_at_provider(second, sso, "sid")
    expect(second.page.get_by_text("(Admin)")).to_be_visible()
    sid = get_user_model().objects.get(username="sid")
    assert user_roles(sid) == {Role.ADMIN}
    change = AuditEvent.objects.get(action="accounts.user.role_changed")
    assert change.payload["roles"] == "admin" and change.payload["previous"] == "staff"
    assert change.payload["source"] == "identity provider"


def test_a_person_with_no_mapped_group_does_not_get_in(sso: OpenIdProvider, new_tab: Any) -> None:
    tab = new_tab()
    sign_in_at_provider(tab, sso, "nora")
    page = tab.page
    expect(
        page.get_by_role("heading", name="You do not have access to Client Conduct")
    ).to_be_visible()
    expect(page.get_by_text("the IT service desk (itdesk@example.org)")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    assert_accessible(tab)
    tab.goto("/clients/")
    expect(page.get_by_role("heading", name="Sign in", exact=True)).to_be_visible()
    assert not get_user_model().objects.filter(username="nora").exists()
    refusal = AuditEvent.objects.get(action="accounts.login.refused")
    assert refusal.payload == {"reason": "no_role", "username": "nora"}


@pytest.mark.parametrize(
    ("login", "reason", "words"),
    [
        ("audrey", "audience", "issued for another application"),
        ("eddie", "expired", "has expired"),
    ],
)
def test_a_token_for_another_audience_or_expired_is_refused(
    sso: OpenIdProvider, new_tab: Any, login: str, reason: str, words: str
) -> None:
    tab = new_tab()
    sign_in_at_provider(tab, sso, login)
    page = tab.page
    expect(page.get_by_role("heading", name="Sign-in was not completed")).to_be_visible()
    expect(page.get_by_text(words)).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    assert_accessible(tab)
    assert not get_user_model().objects.filter(username=login).exists()
    assert AuditEvent.objects.get(action="accounts.login.refused").payload["reason"] == reason


def test_the_sign_in_page_offers_the_provider_and_passes_axe(
    sso: OpenIdProvider, new_tab: Any
) -> None:
    tab = new_tab()
    page = tab.goto("/accounts/sign-in/")
    expect(page.get_by_role("link", name="Sign in with Example Identity")).to_be_visible()
    expect(page.get_by_label("Username")).to_be_visible()
    assert_accessible(tab)
