"""Signing in (passwords and single sign-on) and what the browser is told to allow."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from csp.constants import NONE, SELF

from conduct.core.env import ConfigError, env_list, env_str

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}


def oidc() -> dict[str, Any]:
    """Single sign-on (OpenID Connect): off unless an issuer is set. Roles come from
    a claim (groups or app roles) mapped per role."""
    return {
        "issuer": env_str("CONDUCT_OIDC_ISSUER"),
        "client_id": env_str("CONDUCT_OIDC_CLIENT_ID"),
        "client_secret": env_str("CONDUCT_OIDC_CLIENT_SECRET"),
        "scopes": env_str("CONDUCT_OIDC_SCOPES", "openid email profile"),
        "provider_name": env_str("CONDUCT_OIDC_PROVIDER_NAME", "your organisation's account"),
        "username_claim": env_str("CONDUCT_OIDC_USERNAME_CLAIM", "preferred_username"),
        "roles_claim": env_str("CONDUCT_OIDC_ROLES_CLAIM", "groups"),
        "role_groups": {
            "staff": env_list("CONDUCT_OIDC_STAFF_GROUPS", []),
            "senior_manager": env_list("CONDUCT_OIDC_SENIOR_MANAGER_GROUPS", []),
            "admin": env_list("CONDUCT_OIDC_ADMIN_GROUPS", []),
        },
        "access_contact": env_str("CONDUCT_ACCESS_CONTACT", "an admin of Client Conduct"),
    }


def check_sign_in(oidc: dict[str, Any], local_passwords: bool) -> None:
    """Refuse a configuration nobody could sign in with, or one that would send
    people to a provider over plain HTTP."""
    if not local_passwords and not oidc["issuer"]:
        raise ConfigError(
            "CONDUCT_LOCAL_PASSWORDS=false needs single sign-on: set CONDUCT_OIDC_ISSUER too"
        )
    if oidc["issuer"] and not oidc["client_id"]:
        raise ConfigError("CONDUCT_OIDC_ISSUER is set: set CONDUCT_OIDC_CLIENT_ID too")
    issuer = urlsplit(oidc["issuer"])
    if oidc["issuer"] and not (
        (issuer.scheme == "https" and issuer.hostname)
        or (issuer.scheme == "http" and issuer.hostname in {"127.0.0.1", "localhost", "::1"})
    ):
        raise ConfigError("CONDUCT_OIDC_ISSUER must be an https:// URL")
