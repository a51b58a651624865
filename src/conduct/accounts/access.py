"""Who may use a page: every view declares it with ``@requires``.

Anonymous users are sent to the login page; a signed-in user without the
permission gets 403. The declaration is kept on the view function so a test
can check that every URL declares its access.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from conduct.accounts.roles import Role

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def user_roles(user: Any) -> set[Role]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cached = getattr(user, "_conduct_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = {role for role in Role if role.value in names}
        user._conduct_roles = cached
    return set(cached)


def has_role(user: Any, *roles: Role) -> bool:
    return bool(user_roles(user) & set(roles))


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
