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
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from ninja.errors import HttpError

View = TypeVar("View", bound=Callable[..., HttpResponseBase])
F = TypeVar("F", bound=Callable[..., Any])


def requires(*perms: str) -> Callable[[View], View]:
    """Allow the view only to signed-in users holding every permission in ``perms``."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not all(request.user.has_perm(p) for p in perms):
                raise PermissionDenied("Your role does not allow this page.")
            return view(request, *args, **kwargs)

        wrapper.conduct_access = ("permissions", perms)  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def public(view: View) -> View:
    """Mark a view as open to anyone (login page, health check)."""
    view.conduct_access = ("public", ())  # type: ignore[attr-defined]
    return view


def signed_in(view: View) -> View:
    """Allow any signed-in user, whatever their role (their own account pages)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.conduct_access = ("signed_in", ())  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def allow(*perms: str) -> Callable[[F], F]:
    """Declare and enforce the permissions an API endpoint needs (403 JSON otherwise)."""

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
    """An API endpoint for any authenticated user, whatever their role."""
    func.conduct_access = ("signed_in", ())  # type: ignore[attr-defined]
    return func
