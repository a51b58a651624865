"""The configured OpenID provider: its settings and its discovery document.

Endpoints are not configured one by one: they come from the issuer's
``/.well-known/openid-configuration``, fetched on first use and kept for an
hour, and refused unless the document names the configured issuer (OpenID
Connect Discovery 1.0, section 4.3).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings

from conduct.accounts.roles import Role

DISCOVERY_SECONDS = 3600
TIMEOUT_SECONDS = 10


class ProviderUnavailable(Exception):
    """The provider could not be reached, or answered with something unusable."""


@dataclass(frozen=True)
class ProviderConfig:
    issuer: str
    client_id: str
    client_secret: str = field(repr=False)
    scopes: str
    provider_name: str
    username_claim: str
    roles_claim: str
    role_groups: dict[str, list[str]]
    access_contact: str

    @property
    def roles_from_provider(self) -> bool:
        """Roles follow the provider at every sign-in; otherwise they are given here."""
        return bool(self.roles_claim)


def configured() -> ProviderConfig | None:
    conf: dict[str, Any] = settings.CONDUCT_OIDC
    if not conf.get("issuer") or not conf.get("client_id"):
        return None
    groups = {role.value: list(conf.get("role_groups", {}).get(role.value, [])) for role in Role}
    return ProviderConfig(
        issuer=conf["issuer"],
        client_id=conf["client_id"],
        client_secret=conf.get("client_secret", ""),
        scopes=conf.get("scopes") or "openid email profile",
        provider_name=conf.get("provider_name") or "your organisation's account",
        username_claim=conf.get("username_claim") or "preferred_username",
        roles_claim=conf.get("roles_claim", ""),
        role_groups=groups,
        access_contact=conf.get("access_contact") or "an admin of Client Conduct",
    )


@dataclass(frozen=True)
class Endpoints:
    authorization: str
    token: str
    jwks: str
    userinfo: str = ""
    introspection: str = ""


_cache: dict[str, tuple[float, Endpoints]] = {}
_lock = threading.Lock()


def _https_or_loopback(url: str) -> bool:
    parsed = urlsplit(url)
    if parsed.scheme == "https":
        return bool(parsed.hostname)
    return parsed.scheme == "http" and parsed.hostname in {"127.0.0.1", "localhost", "::1"}


def endpoints(issuer: str) -> Endpoints:
    """The provider's endpoints from its discovery document (cached)."""
    with _lock:
        cached = _cache.get(issuer)
        if cached and time.monotonic() - cached[0] < DISCOVERY_SECONDS:
            return cached[1]
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ProviderUnavailable(
            f"the discovery document could not be read ({exc.__class__.__name__})"
        ) from None
    if not isinstance(document, dict) or document.get("issuer") != issuer:
        raise ProviderUnavailable("the discovery document names a different issuer")
    try:
        found = Endpoints(
            authorization=str(document["authorization_endpoint"]),
            token=str(document["token_endpoint"]),
            jwks=str(document["jwks_uri"]),
            userinfo=str(document.get("userinfo_endpoint") or ""),
            introspection=str(document.get("introspection_endpoint") or ""),
        )
    except KeyError as exc:
        raise ProviderUnavailable(f"the discovery document has no {exc.args[0]}") from None
    if not all(_https_or_loopback(u) for u in (found.authorization, found.token, found.jwks)):
        raise ProviderUnavailable("the provider's endpoints must use HTTPS")
    with _lock:
        _cache[issuer] = (time.monotonic(), found)
    return found


def forget_endpoints() -> None:
    """Drop cached discovery documents (after a configuration change; tests)."""
    with _lock:
        _cache.clear()
