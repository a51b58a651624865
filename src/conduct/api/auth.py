"""API authentication (token or session) and per-endpoint permission declarations."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer

from conduct.accounts.services import user_for_token

F = TypeVar("F", bound=Callable[..., Any])


class TokenAuth(HttpBearer):
    """``Authorization: Bearer cc_…`` with a token an admin created."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The browser's signed-in session; unsafe methods need the CSRF token."""

    param_name = "sessionid"

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Any:
        # Without a signed-in session there is nothing to protect with CSRF:
        # answer 401 (not a CSRF failure) so clients learn they must authenticate.
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return request.user


def allow(*perms: str) -> Callable[[F], F]:
    """Declare and enforce the permissions an endpoint needs (403 JSON otherwise)."""

    def decorate(func: F) -> F:
        @wraps(func)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            user = request.user
            if not all(user.has_perm(p) for p in perms):
                raise HttpError(403, "Your role does not allow this.")
            return func(request, *args, **kwargs)

        wrapper.conduct_access = ("permissions", perms)  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def any_user(func: F) -> F:
    """Any authenticated user, whatever their role."""
    func.conduct_access = ("signed_in", ())  # type: ignore[attr-defined]
    return func
