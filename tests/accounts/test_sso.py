"""Single sign-on without a browser: the ID token checks, matching and creating
users, roles, local passwords off, and every failure ending on a page."""

from __future__ import annotations

import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.test import Client as HttpClient

from conduct.accounts.access import user_roles
from conduct.accounts.models import ExternalIdentity
from conduct.accounts.roles import Role
from conduct.accounts.services import create_user
from conduct.accounts.sso import provider as provider_module
from conduct.accounts.sso.backend import ProviderBackend, SignInRefused
from conduct.accounts.sso.provider import configured
from conduct.accounts.sso.signin import sign_in_with_claims
from conduct.audit.models import AuditEvent
from tests.conftest import PASSWORD

ISSUER = "https://login.example.org/tenant/v2.0"
SETTINGS = {
    "issuer": ISSUER,
    "client_id": "conduct-app",
    "client_secret": "s3cret",
    "roles_claim": "groups",
    "role_groups": {"staff": ["g-staff"], "senior_manager": ["g-sm"], "admin": ["g-admin"]},
    "access_contact": "the IT desk",
}
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def sso(settings: Any) -> Any:
    settings.CONDUCT_OIDC = dict(SETTINGS)
    provider_module.forget_endpoints()
    return configured()


def backend() -> ProviderBackend:
    b = ProviderBackend()
    b.issuer = ISSUER
    b.OIDC_RP_CLIENT_ID = "conduct-app"
    b.retrieve_matching_jwk = lambda token: KEY.public_key()  # type: ignore[method-assign]
    return b


def token(key: Any = KEY, alg: str = "RS256", **changes: Any) -> str:
    now = int(time.time())
    claims = {"iss": ISSUER, "sub": "s1", "aud": "conduct-app", "iat": now, "exp": now + 300}
    claims.update(changes)
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode(claims, key, algorithm=alg, headers={"kid": "k1"})


def test_a_good_id_token_is_accepted() -> None:
    assert backend().verify_token(token(nonce="n1"), nonce="n1")["sub"] == "s1"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"aud": "another-app"}, "audience"),
        ({"aud": ["conduct-app", "another-app"]}, "audience"),  # no azp naming us
        ({"iss": "https://evil.example"}, "issuer"),
        ({"exp": int(time.time()) - 3600}, "expired"),
        ({"iat": int(time.time()) + 3600, "exp": int(time.time()) + 7200}, "clock"),
        ({"exp": None}, "token"),
        ({"nonce": "someone-elses"}, "nonce"),
    ],
)
def test_bad_id_tokens_are_refused(changes: dict[str, Any], code: str) -> None:
    with pytest.raises(SignInRefused) as refused:
        backend().verify_token(token(**changes), nonce="n1")
    assert refused.value.code == code


def test_unsigned_and_symmetric_tokens_are_refused() -> None:
    for forged in (
        token(key="a-client-secret-long-enough-for-hmac-256", alg="HS256"),
        jwt.encode({"sub": "s1"}, None, algorithm="none"),  # type: ignore[arg-type]
        "not a token",
    ):
        with pytest.raises(SignInRefused) as refused:
            backend().verify_token(forged, nonce="n1")
        assert refused.value.code == "token"


def test_several_audiences_are_fine_when_azp_names_us() -> None:
    many = token(aud=["conduct-app", "api"], azp="conduct-app", nonce="n")
    assert backend().verify_token(many, nonce="n")["azp"] == "conduct-app"


def claims(
    sub: str = "s1", username: str = "sam", groups: list[str] | None = None
) -> dict[str, Any]:
    return {"sub": sub, "preferred_username": username, "email": f"{username}@example.org",
            "groups": ["g-staff"] if groups is None else groups}  # fmt: skip


@pytest.mark.django_db
def test_the_first_sign_in_creates_a_user_with_the_mapped_role(sso: Any) -> None:
    user = sign_in_with_claims(claims(groups=["g-sm", "g-staff"]), sso)
    assert user_roles(user) == {Role.STAFF, Role.SENIOR_MANAGER}
    assert not user.has_usable_password() and not user.is_staff
    assert ExternalIdentity.objects.get(user=user).subject == "s1"
    event = AuditEvent.objects.get(action="accounts.user.created")
    assert event.payload == {"username": "sam", "role": "senior_manager, staff"}
    assert sign_in_with_claims(claims(), sso) == user  # the same person next time


@pytest.mark.django_db
def test_the_subject_not_the_username_or_email_decides_who_it_is(sso: Any) -> None:
    first = sign_in_with_claims(claims(sub="s1", username="sam"), sso)
    renamed = sign_in_with_claims(claims(sub="s1", username="samuel"), sso)
    other = sign_in_with_claims(claims(sub="s2", username="sam"), sso)
    assert renamed == first and other != first
    assert other.get_username() == "sam-2"


@pytest.mark.django_db
def test_an_account_made_beforehand_is_linked_and_its_history_kept(sso: Any) -> None:
    existing = create_user("sam", role=Role.STAFF, password=None, actor=None)
    user = sign_in_with_claims(claims(groups=["g-admin"]), sso)
    assert user == existing and user_roles(user) == {Role.ADMIN}
    user.refresh_from_db()
    assert user.is_staff and user_roles(user) == {Role.ADMIN}  # admins may use Django's admin
    assert AuditEvent.objects.filter(action="accounts.identity.linked").count() == 1


@pytest.mark.django_db
def test_a_lost_group_removes_the_role_and_refuses(sso: Any) -> None:
    user = sign_in_with_claims(claims(), sso)
    with pytest.raises(SignInRefused) as refused:
        sign_in_with_claims(claims(groups=["elsewhere"]), sso)
    assert refused.value.code == "no_role"
    assert user_roles(get_user_model().objects.get(pk=user.pk)) == set()
    change = AuditEvent.objects.get(action="accounts.user.role_changed")
    assert change.payload["roles"] == "none" and change.actor is None


@pytest.mark.django_db
def test_no_group_means_no_account(sso: Any) -> None:
    with pytest.raises(SignInRefused) as refused:
        sign_in_with_claims(claims(groups=[]), sso)
    assert refused.value.code == "no_role"
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_roles_given_here_when_no_roles_claim_is_set(settings: Any) -> None:
    settings.CONDUCT_OIDC = {**SETTINGS, "roles_claim": ""}
    conf = configured()
    assert conf is not None
    with pytest.raises(SignInRefused) as refused:
        sign_in_with_claims(claims(), conf)
    assert refused.value.code == "no_account"
    made = create_user("sam", role=Role.SENIOR_MANAGER, password=None, actor=None)
    user = sign_in_with_claims(claims(groups=["g-admin"]), conf)
    assert user == made and user_roles(user) == {Role.SENIOR_MANAGER}  # groups ignored


@pytest.mark.django_db
def test_a_switched_off_user_is_refused(sso: Any) -> None:
    user = sign_in_with_claims(claims(), sso)
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    with pytest.raises(SignInRefused) as refused:
        sign_in_with_claims(claims(), sso)
    assert refused.value.code == "inactive"


@pytest.mark.django_db
def test_the_sign_in_pages_are_absent_without_single_sign_on(client: HttpClient) -> None:
    assert client.get("/accounts/sign-in/provider/").status_code == 404
    assert client.get("/accounts/sign-in/provider/callback/?code=x&state=y").status_code == 404
    assert b"Sign in with" not in client.get("/accounts/sign-in/").content


@pytest.mark.django_db
def test_an_unreachable_provider_gives_a_page_not_an_error(
    client: HttpClient, settings: Any
) -> None:
    settings.CONDUCT_OIDC = {**SETTINGS, "issuer": "http://127.0.0.1:9"}
    provider_module.forget_endpoints()
    response = client.get("/accounts/sign-in/provider/")
    assert response.status_code == 503
    assert b"Sign-in is not available right now" in response.content


@pytest.mark.django_db
def test_a_callback_with_no_sign_in_under_way_is_explained(client: HttpClient, sso: Any) -> None:
    stale = client.get("/accounts/sign-in/provider/callback/?code=abc&state=forged")
    assert stale.status_code == 400 and b"This sign-in has expired" in stale.content
    cancelled = client.get("/accounts/sign-in/provider/callback/?error=access_denied&state=x")
    assert cancelled.status_code == 403 and b"was cancelled" in cancelled.content
    assert client.post("/accounts/sign-in/provider/callback/").status_code == 405


@pytest.mark.django_db
def test_with_local_passwords_off_only_the_provider_signs_in(
    client: HttpClient, sso: Any, settings: Any, staff: Any
) -> None:
    settings.LOCAL_PASSWORDS = False
    settings.AUTHENTICATION_BACKENDS = [
        b for b in settings.AUTHENTICATION_BACKENDS if not b.endswith("ModelBackend")
    ]
    page = client.get("/accounts/sign-in/")
    assert b"Sign in with" in page.content and b'name="password"' not in page.content
    refused = client.post("/accounts/sign-in/", {"username": "staff1", "password": PASSWORD})
    assert refused.status_code == 403
    assert client.get("/clients/").status_code == 302  # still signed out
    http = HttpClient()
    http.force_login(staff, backend="conduct.accounts.sso.backend.ProviderBackend")
    assert http.get("/clients/").status_code == 200  # permissions still answered


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"CONDUCT_LOCAL_PASSWORDS": "false"},
            "CONDUCT_LOCAL_PASSWORDS=false needs single sign-on",
        ),
        ({"CONDUCT_OIDC_ISSUER": "https://idp.example"}, "set CONDUCT_OIDC_CLIENT_ID too"),
        (
            {"CONDUCT_OIDC_ISSUER": "http://idp.example", "CONDUCT_OIDC_CLIENT_ID": "c"},
            "CONDUCT_OIDC_ISSUER must be an https:// URL",
        ),
        ({"CONDUCT_IMAP_FLAGGED_KEYWORD": "two words"}, "CONDUCT_IMAP_FLAGGED_KEYWORD must be"),
        ({"CONDUCT_IMAP_FLAGGED_ACTION": "delete"}, "is not one of: move, keyword, none"),
        ({"CONDUCT_EMAIL_AUTH": "ntlm"}, "CONDUCT_EMAIL_AUTH='ntlm' is not one of"),
    ],
)
def test_bad_sign_in_and_mailbox_settings_stop_start_up(
    tmp_path: Any, env: dict[str, str], message: str
) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import conduct.settings"],
        env={"CONDUCT_DATA_DIR": str(tmp_path), "PATH": "", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and message in result.stderr
