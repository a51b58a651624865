"""Who may use a page: every view declares it with ``@requires``.

Anonymous users are sent to the login page; a signed-in user without the
permission gets 403. The declaration is kept on the view function so a test
can check that every URL declares its access.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeAlias, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from conduct.accounts.roles import Role

View = TypeVar("View", bound=Callable[..., HttpResponseBase])
P = ParamSpec("P")
ViewFunction: TypeAlias = Callable[Concatenate[HttpRequest, P], HttpResponseBase]

# The attribute on a view or endpoint that says what it lets through, so a test
# can check that every URL and API route declares its access.
ACCESS_ATTRIBUTE = "conduct_access"
T = TypeVar("T")


def declare_access(func: T, kind: str, perms: tuple[str, ...]) -> T:
    """Record on ``func`` who may use it (``kind`` and the permissions it needs)."""
    setattr(func, ACCESS_ATTRIBUTE, (kind, perms))
    return func


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
