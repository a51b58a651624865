"""Permission checks answer from the role table and nothing else.

Django grants an active superuser every permission, and adds permissions given
to a user directly or through any group. Here a permission is held only through
one of the three roles (``roles.ROLE_PERMISSIONS``): no superuser shortcut, no
per-user permissions, no other groups. The superuser flag is refused when a
user is saved (``signals``); a flag set behind the application's back is
dropped from every user the backends and API tokens load.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend, ModelBackend
from django.http import HttpRequest

from conduct.accounts.access import user_roles
from conduct.accounts.roles import permissions_for


def without_superuser(user: Any) -> Any:
    """``user`` with the superuser flag cleared in memory (never saved here)."""
    if user is not None and getattr(user, "is_superuser", False):
        user.is_superuser = False
    return user


class RolePermissions(BaseBackend):
    """Mixin for a Django authentication backend: permissions from roles only."""

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return self.get_all_permissions(user_obj, obj)

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if obj is not None or not getattr(user_obj, "is_active", False):
            return set()
        return permissions_for(user_roles(user_obj))

    def get_user(self, user_id: Any) -> Any:
        return without_superuser(super().get_user(user_id))


class RoleBackend(RolePermissions, ModelBackend):
    """Username and password sign-in, with permissions from the role table."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        user = super().authenticate(request, username=username, password=password, **kwargs)
        return without_superuser(user)
