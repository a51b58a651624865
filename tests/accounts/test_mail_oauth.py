"""OAuth 2.0 tokens for the mailbox from a real OpenID provider: SMTP sign-in by
XOAUTH2 and OAUTHBEARER to a real SMTP server (aiosmtpd) that asks the provider
whether the token is active, and the refresh-token grant."""

from __future__ import annotations

import base64
import socket
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from django.core import mail as django_mail

from conduct.accounts.sso.provider import forget_endpoints
from conduct.accounts.sso.sasl import initial_response
from conduct.accounts.sso.tokens import TokenGrant, TokenUnavailable, access_token, forget_tokens
from tests.accounts.oidc_provider import (
    CLIENT_ID,
    CLIENT_SECRET,
    MAIL_CLIENT_ID,
    MAIL_CLIENT_SECRET,
    RESOURCE_ID,
    RESOURCE_SECRET,
    OpenIdProvider,
    refresh_token_for,
    running_provider,
)

pytestmark = pytest.mark.smtp
CALLBACK = "http://localhost/mailbox-consent"


@pytest.fixture(scope="module")
def provider() -> Iterator[OpenIdProvider]:
    with running_provider([CALLBACK], mailbox_user="enquiries@example.org") as running:
        yield running


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    forget_tokens()
    forget_endpoints()
    yield
    forget_tokens()


class TokenCheckingServer:
    """An SMTP server accepting XOAUTH2 and OAUTHBEARER when the provider's
    introspection says the token is active and names the user signing in."""

    def __init__(self, introspection_url: str) -> None:
        self.introspection_url = introspection_url
        self.signed_in: list[str] = []
        self.messages: list[bytes] = []

    def _check(self, response: str) -> AuthResult:
        fields = dict(
            part.split("=", 1)
            for part in response.replace("n,a=", "a=", 1).split("\x01")
            if "=" in part
        )
        user = fields.get("user") or fields.get("a", "").rstrip(",")
        token = fields.get("auth", "").removeprefix("Bearer ")
        answer = requests.post(
            self.introspection_url,
            data={"token": token},
            auth=(RESOURCE_ID, RESOURCE_SECRET),
            timeout=10,
        ).json()
        if answer.get("active") is True and answer.get("username") == user:
            self.signed_in.append(user)
            return AuthResult(success=True, auth_data=user)
        return AuthResult(success=False, handled=False)

    async def auth_XOAUTH2(self, server: Any, args: list[str]) -> AuthResult:
        return self._check(base64.b64decode(args[1]).decode())

    async def auth_OAUTHBEARER(self, server: Any, args: list[str]) -> AuthResult:
        return self._check(base64.b64decode(args[1]).decode())

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if not session.authenticated:
            return "530 5.7.0 Authentication required"
        self.messages.append(envelope.content)
        return "250 OK"


@pytest.fixture
def smtp(provider: OpenIdProvider) -> Iterator[tuple[TokenCheckingServer, int]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    handler = TokenCheckingServer(provider.introspection_url)
    controller = Controller(handler, hostname="127.0.0.1", port=port, auth_require_tls=False)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def mail_settings(settings: Any, provider: OpenIdProvider, port: int, mechanism: str) -> None:
    settings.EMAIL_BACKEND = "conduct.accounts.sso.smtp.OAuthEmailBackend"
    settings.EMAIL_AUTH = mechanism
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = "enquiries@example.org", ""
    settings.CONDUCT_OIDC = provider.settings()
    settings.MAIL_OAUTH = {
        "grant": "client_credentials",
        "token_url": "",  # the provider's, from its discovery document
        "client_id": MAIL_CLIENT_ID,
        "client_secret": MAIL_CLIENT_SECRET,
        "scope": "mail",
        "refresh_token": "",
    }


@pytest.mark.parametrize("mechanism", ["xoauth2", "oauthbearer"])
def test_mail_is_sent_after_signing_in_with_a_token(
    smtp: tuple[TokenCheckingServer, int], provider: OpenIdProvider, settings: Any, mechanism: str
) -> None:
    server, port = smtp
    mail_settings(settings, provider, port, mechanism)
    sent = django_mail.send_mail("Hello", "Body", "enquiries@example.org", ["x@example.org"])
    assert sent == 1
    assert server.signed_in == ["enquiries@example.org"] and len(server.messages) == 1


def test_a_refused_token_means_no_mail_is_sent(
    smtp: tuple[TokenCheckingServer, int], provider: OpenIdProvider, settings: Any
) -> None:
    server, port = smtp
    mail_settings(settings, provider, port, "xoauth2")
    settings.EMAIL_HOST_USER = "someone.else@example.org"  # the token is not theirs
    with pytest.raises(Exception, match="535"):
        django_mail.send_mail("Hello", "Body", "a@example.org", ["x@example.org"])
    assert server.messages == []


def test_the_refresh_token_grant_gives_a_working_token(provider: OpenIdProvider) -> None:
    refresh = refresh_token_for(provider, "sid", CALLBACK)
    grant = TokenGrant(
        token_url=provider.issuer + "/token",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        grant="refresh_token",
        refresh_token=refresh,
    )
    token = access_token(grant)
    answer = requests.post(
        provider.introspection_url,
        data={"token": token},
        auth=(RESOURCE_ID, RESOURCE_SECRET),
        timeout=10,
    ).json()
    assert answer["active"] is True and answer["sub"] == "sid"
    assert access_token(grant) == token  # kept until shortly before it expires
    with pytest.raises(TokenUnavailable, match="refused"):
        access_token(TokenGrant(provider.issuer + "/token", CLIENT_ID, CLIENT_SECRET,
                                grant="refresh_token", refresh_token="not-a-token"))  # fmt: skip


def test_sasl_initial_responses() -> None:
    assert initial_response("xoauth2", user="a@b", token="t", host="h", port=1) == (
        "user=a@b\x01auth=Bearer t\x01\x01"
    )
    assert initial_response("oauthbearer", user="a=b,c", token="t", host="h", port=993) == (
        "n,a=a=3Db=2Cc,\x01host=h\x01port=993\x01auth=Bearer t\x01\x01"
    )
    with pytest.raises(ValueError):
        initial_response("xoauth2", user="a", token="t\r\nA1 LOGOUT", host="h", port=1)
