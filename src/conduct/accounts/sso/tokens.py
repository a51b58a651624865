"""OAuth 2.0 access tokens for the mailbox (IMAP and SMTP).

Two grants: client credentials (Microsoft Entra ID's app-only access to a
shared mailbox) or a refresh token given once by the mailbox's owner (Google
Workspace, which has no client-credentials grant for mail). The token endpoint
is the single sign-on provider's unless ``CONDUCT_MAIL_OAUTH_TOKEN_URL`` names
another. Tokens are kept in memory until a minute before they expire; they are
never logged or stored.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

import requests
from django.conf import settings

from conduct.accounts.sso.provider import ProviderUnavailable, configured, endpoints

TIMEOUT_SECONDS = 10
MARGIN_SECONDS = 60


class TokenUnavailable(Exception):
    """No access token could be had; the message says why (never the secret)."""


@dataclass(frozen=True)
class TokenGrant:
    token_url: str
    client_id: str
    client_secret: str = field(repr=False)
    scope: str = ""
    grant: str = "client_credentials"
    refresh_token: str = field(default="", repr=False)


def mail_grant() -> TokenGrant:
    """The configured grant (CONDUCT_MAIL_OAUTH_*), defaulting to the single
    sign-on provider's token endpoint and client."""
    conf: dict[str, Any] = settings.MAIL_OAUTH
    token_url = conf.get("token_url") or ""
    if not token_url:
        provider = configured()
        if provider is None:
            raise TokenUnavailable(
                "set CONDUCT_MAIL_OAUTH_TOKEN_URL, or CONDUCT_OIDC_ISSUER to use its token endpoint"
            )
        try:
            token_url = endpoints(provider.issuer).token
        except ProviderUnavailable as exc:
            raise TokenUnavailable(f"the identity provider is unavailable: {exc}") from None
    client_id = conf.get("client_id") or ""
    if not client_id:
        raise TokenUnavailable("set CONDUCT_MAIL_OAUTH_CLIENT_ID")
    grant = conf.get("grant") or "client_credentials"
    if grant == "refresh_token" and not conf.get("refresh_token"):
        raise TokenUnavailable("set CONDUCT_MAIL_OAUTH_REFRESH_TOKEN for the refresh_token grant")
    return TokenGrant(
        token_url=token_url,
        client_id=client_id,
        client_secret=conf.get("client_secret") or "",
        scope=conf.get("scope") or "",
        grant=grant,
        refresh_token=conf.get("refresh_token") or "",
    )


_cache: dict[TokenGrant, tuple[float, str]] = {}
_lock = threading.Lock()


def access_token(grant: TokenGrant) -> str:
    """A current access token for ``grant``, from memory or the token endpoint."""
    with _lock:
        cached = _cache.get(grant)
        if cached and cached[0] - MARGIN_SECONDS > time.monotonic():
            return cached[1]
    data = {"grant_type": grant.grant, "client_id": grant.client_id}
    if grant.client_secret:
        data["client_secret"] = grant.client_secret
    if grant.scope:
        data["scope"] = grant.scope
    if grant.grant == "refresh_token":
        data["refresh_token"] = grant.refresh_token
    try:
        response = requests.post(grant.token_url, data=data, timeout=TIMEOUT_SECONDS)
        answer = response.json() if response.content else {}
    except (requests.RequestException, ValueError) as exc:
        raise TokenUnavailable(
            f"the token endpoint could not be reached ({exc.__class__.__name__})"
        ) from None
    if response.status_code != 200 or not isinstance(answer, dict):
        error = answer.get("error", "") if isinstance(answer, dict) else ""
        raise TokenUnavailable(
            f"the token endpoint refused ({response.status_code} {str(error)[:60]})".strip()
        )
    token = answer.get("access_token")
    if not isinstance(token, str) or not token:
        raise TokenUnavailable("the token endpoint sent no access token")
    try:
        lifetime = max(0, int(answer.get("expires_in", 300)))
    except (TypeError, ValueError):
        lifetime = 300
    with _lock:
        _cache[grant] = (time.monotonic() + lifetime, token)
    return token


def forget_tokens() -> None:
    with _lock:
        _cache.clear()
