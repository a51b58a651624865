"""mozilla-django-oidc's backend, made strict: the ID token's issuer, audience,
expiry and nonce are checked (the library checks only the signature), and the
person is matched by the provider's subject id, never by e-mail address."""

from __future__ import annotations

from typing import Any

import jwt
import requests
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import absolutify

from conduct.accounts.backends import RolePermissions
from conduct.accounts.sso.provider import Endpoints, ProviderConfig

# Asymmetric only: a symmetric algorithm would let anyone holding the client
# secret mint tokens, and "none" is no signature at all.
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
LEEWAY_SECONDS = 60


class SignInRefused(Exception):
    """Sign-in through the provider did not succeed; ``code`` says why, ``message``
    says it to the person (never a token or a claim's raw value)."""

    def __init__(self, code: str, message: str, *, username: str = "", user: Any = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.username = username
        self.user = user


class ProviderBackend(RolePermissions, OIDCAuthenticationBackend):  # type: ignore[misc]  # mozilla-django-oidc ships no types
    """Answers permission checks from the role table. It signs nobody in
    through ``authenticate``: only the provider's callback view, through
    :meth:`exchange`, so a password form can never reach the provider."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.UserModel = get_user_model()

    def authenticate(self, request: Any, **kwargs: Any) -> None:
        return None

    def exchange(
        self,
        request: HttpRequest,
        *,
        code: str,
        nonce: str,
        code_verifier: str,
        conf: ProviderConfig,
        endpoints: Endpoints,
    ) -> dict[str, Any]:
        """Trade the authorisation code (with the PKCE verifier) for tokens, verify
        the ID token and return the person's claims (ID token over userinfo)."""
        self.request = request
        self.issuer = conf.issuer
        self.OIDC_OP_TOKEN_ENDPOINT = endpoints.token
        self.OIDC_OP_USER_ENDPOINT = endpoints.userinfo
        self.OIDC_OP_JWKS_ENDPOINT = endpoints.jwks
        self.OIDC_RP_CLIENT_ID = conf.client_id
        self.OIDC_RP_CLIENT_SECRET = conf.client_secret
        self.OIDC_RP_SIGN_ALGO = "RS256"
        self.OIDC_RP_IDP_SIGN_KEY = None
        payload = {
            "client_id": conf.client_id,
            "client_secret": conf.client_secret,
            "grant_type": "authorization_code",
            "code": code,
            "code_verifier": code_verifier,
            "redirect_uri": absolutify(request, reverse("accounts:sso_callback")),
        }
        try:
            tokens = self.get_token(payload)
        except (requests.RequestException, ValueError):
            raise SignInRefused(
                "token_exchange", "The identity provider did not accept the sign-in."
            ) from None
        id_token = tokens.get("id_token") if isinstance(tokens, dict) else None
        if not isinstance(id_token, str):
            raise SignInRefused("token", "The identity provider sent no ID token.")
        claims = self.verify_token(id_token, nonce=nonce)
        access_token = tokens.get("access_token")
        if endpoints.userinfo and isinstance(access_token, str):
            try:
                userinfo = self.get_userinfo(access_token, id_token, claims)
            except (requests.RequestException, ValueError, SuspiciousOperation):
                raise SignInRefused(
                    "userinfo", "The identity provider's user details could not be read."
                ) from None
            if not isinstance(userinfo, dict) or userinfo.get("sub") != claims.get("sub"):
                raise SignInRefused(
                    "userinfo", "The identity provider's user details are for someone else."
                )
            claims = {**userinfo, **claims}
        return claims

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        refused = "The sign-in could not be checked: "
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError:
            raise SignInRefused("token", refused + "the ID token is not a signed token.") from None
        if header.get("alg") not in ALGORITHMS:
            raise SignInRefused("token", refused + "the ID token is signed in a way not accepted.")
        try:
            key = self.retrieve_matching_jwk(token)
        except (requests.RequestException, ValueError, KeyError, SuspiciousOperation):
            raise SignInRefused(
                "token", refused + "the provider's signing key could not be found."
            ) from None
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[header["alg"]],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=self.issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": ["iss", "sub", "aud", "exp", "iat"]},
            )
        except jwt.ExpiredSignatureError:
            raise SignInRefused("expired", refused + "the ID token has expired.") from None
        except jwt.InvalidAudienceError:
            raise SignInRefused(
                "audience", refused + "the ID token was issued for another application."
            ) from None
        except jwt.InvalidIssuerError:
            raise SignInRefused(
                "issuer", refused + "the ID token comes from another issuer."
            ) from None
        except (jwt.ImmatureSignatureError, jwt.InvalidIssuedAtError):
            raise SignInRefused(
                "clock", refused + "the ID token is dated in the future (check the clocks)."
            ) from None
        except jwt.InvalidTokenError:
            raise SignInRefused("token", refused + "the ID token is not valid.") from None
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SignInRefused(
                "audience", refused + "the ID token was issued for another application."
            )
        if claims.get("nonce") != kwargs.get("nonce"):
            raise SignInRefused("nonce", refused + "the ID token is not for this sign-in.")
        return claims
