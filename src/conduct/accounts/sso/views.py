"""The two steps of signing in through the provider: send the person there (with
state, nonce and a PKCE challenge), and take them back (check, exchange, sign in).

Every way this can fail ends on a page that says what happened and who to ask,
never on an error page.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib import auth
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render, resolve_url
from django.views.generic import View
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from conduct.accounts.sso.backend import ProviderBackend, SignInRefused
from conduct.accounts.sso.provider import (
    ProviderConfig,
    ProviderUnavailable,
    configured,
    endpoints,
)
from conduct.accounts.sso.signin import sign_in_with_claims
from conduct.audit.services import record_event
from conduct.core.access import public

logger = logging.getLogger(__name__)
BACKEND = "conduct.accounts.sso.backend.ProviderBackend"


def _page(
    request: HttpRequest, conf: ProviderConfig, code: str, status: int, **extra: Any
) -> HttpResponse:
    context = {
        "code": code,
        "provider_name": conf.provider_name,
        "contact": conf.access_contact,
        **extra,
    }
    return render(request, "accounts/sso_refused.html", context, status=status)


class StartSignIn(OIDCAuthenticationRequestView):  # type: ignore[misc]  # mozilla-django-oidc ships no types
    """Redirect to the provider's authorisation endpoint (code flow with PKCE)."""

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)  # the endpoint comes from discovery, per request
        self.scopes = ""

    def get_settings(self, attr: str, *args: Any) -> Any:
        if attr == "OIDC_RP_SCOPES":
            return self.scopes
        return import_from_settings(attr, *args)

    def get(self, request: HttpRequest) -> HttpResponseBase:
        conf = configured()
        if conf is None:
            raise Http404("Single sign-on is not configured.")
        try:
            found = endpoints(conf.issuer)
        except ProviderUnavailable as exc:
            logger.warning("single sign-on: %s", exc)
            return _page(request, conf, "unavailable", 503)
        self.OIDC_OP_AUTH_ENDPOINT = found.authorization
        self.OIDC_RP_CLIENT_ID = conf.client_id
        self.scopes = conf.scopes
        response: HttpResponseBase = super().get(request)
        return response


start = public(StartSignIn.as_view())


@public
def callback(request: HttpRequest) -> HttpResponseBase:
    """Where the provider sends the person back with a code (or an error)."""
    conf = configured()
    if conf is None:
        raise Http404("Single sign-on is not configured.")
    if request.method != "GET":
        return HttpResponse(status=405, headers={"Allow": "GET"})
    states = request.session.get("oidc_states")
    state = request.GET.get("state", "")
    entry = states.pop(state, None) if isinstance(states, dict) else None
    if entry is not None:
        # Each state is used once, even if what follows fails.
        request.session.modified = True
        request.session.save()
    if request.GET.get("error"):
        return _page(request, conf, "cancelled", 403)
    code = request.GET.get("code", "")
    if not isinstance(entry, dict) or not code:
        return _page(request, conf, "stale", 400)
    next_url = request.session.get("oidc_login_next")
    try:
        found = endpoints(conf.issuer)
        claims = ProviderBackend().exchange(
            request,
            code=code,
            nonce=str(entry.get("nonce") or ""),
            code_verifier=str(entry.get("code_verifier") or ""),
            conf=conf,
            endpoints=found,
        )
        user = sign_in_with_claims(claims, conf)
    except ProviderUnavailable as exc:
        logger.warning("single sign-on: %s", exc)
        return _page(request, conf, "unavailable", 503)
    except SignInRefused as refusal:
        logger.warning("single sign-on refused: %s", refusal.code)
        record_event(
            "accounts.login.refused",
            actor=None,
            target=refusal.user,
            payload={"reason": refusal.code, "username": refusal.username[:150]},
        )
        return _page(
            request, conf, refusal.code, 403, message=refusal.message, username=refusal.username
        )
    auth.login(request, user, backend=BACKEND)
    return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
