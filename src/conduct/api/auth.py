"""API authentication (token or session) and per-endpoint permission declarations."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer

from conduct.accounts.access import declare_access
from conduct.accounts.services import user_for_token

F = TypeVar("F", bound=Callable[..., Any])
P = ParamSpec("P")
R = TypeVar("R")


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


def allow(
    *perms: str,
) -> Callable[[Callable[Concatenate[HttpRequest, P], R]], Callable[Concatenate[HttpRequest, P], R]]:
    """Declare and enforce the permissions an endpoint needs (403 JSON otherwise)."""

    def decorate(
        func: Callable[Concatenate[HttpRequest, P], R],
    ) -> Callable[Concatenate[HttpRequest, P], R]:
        @wraps(func)
        def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> R:
            user = request.user
            if not all(user.has_perm(p) for p in perms):
                raise HttpError(403, "Your role does not allow this.")
            return func(request, *args, **kwargs)

        return declare_access(wrapper, "permissions", perms)

    return decorate


def any_user(func: F) -> F:
    """Any authenticated user, whatever their role."""
    return declare_access(func, "signed_in", ())
