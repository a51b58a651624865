"""A user's roles, read once per request from their groups.

The access decorators (``requires``, ``public``, ``signed_in``, ``allow``) need
only ``user.has_perm`` and live in ``conduct.core.access``.
"""

from __future__ import annotations

from typing import Any

from conduct.accounts.roles import Role


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
