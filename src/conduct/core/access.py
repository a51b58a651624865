"""Who may use a page or an endpoint: every view declares it.

Pages use ``@requires``, ``@public`` or ``@signed_in``: anonymous users are sent
to the login page; a signed-in user without the permission gets 403. API
endpoints use ``@allow`` or ``@any_user`` (403 JSON). The declaration is kept
on the function so a test can check that every URL and route declares its
access. Only Django's ``user.has_perm`` is needed, so any app may use these.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeAlias, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from ninja.errors import HttpError

View = TypeVar("View", bound=Callable[..., HttpResponseBase])
F = TypeVar("F", bound=Callable[..., Any])
P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")
ViewFunction: TypeAlias = Callable[Concatenate[HttpRequest, P], HttpResponseBase]

# The attribute on a view or endpoint that says what it lets through, so a test
# can check that every URL and API route declares its access.
ACCESS_ATTRIBUTE = "conduct_access"


def declare_access(func: T, kind: str, perms: tuple[str, ...]) -> T:
    """Record on ``func`` who may use it (``kind`` and the permissions it needs)."""
    setattr(func, ACCESS_ATTRIBUTE, (kind, perms))
    return func


def requires(*perms: str) -> Callable[[ViewFunction[P]], ViewFunction[P]]:
    """Allow the view only to signed-in users holding every permission in ``perms``."""

    def decorate(view: ViewFunction[P]) -> ViewFunction[P]:
        @wraps(view)
        def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not all(request.user.has_perm(p) for p in perms):
                raise PermissionDenied("Your role does not allow this page.")
            return view(request, *args, **kwargs)

        return declare_access(wrapper, "permissions", perms)

    return decorate


def public(view: View) -> View:
    """Mark a view as open to anyone (login page, health check)."""
    return declare_access(view, "public", ())


def signed_in(view: ViewFunction[P]) -> ViewFunction[P]:
    """Allow any signed-in user, whatever their role (their own account pages)."""

    @wraps(view)
    def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return declare_access(wrapper, "signed_in", ())


def allow(
    *perms: str,
) -> Callable[[Callable[Concatenate[HttpRequest, P], R]], Callable[Concatenate[HttpRequest, P], R]]:
    """Declare and enforce the permissions an API endpoint needs (403 JSON otherwise)."""

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
    """An API endpoint for any authenticated user, whatever their role."""
    return declare_access(func, "signed_in", ())
