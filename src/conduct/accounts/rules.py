"""Who may change whose roles. Plain Python: no Django imports."""

from __future__ import annotations

from collections.abc import Collection

from conduct.accounts.roles import ROLE_LABELS, Role


class RoleChangeRefused(Exception):
    """A role change that is not allowed; the message says why."""


def check_role_change(*, actor_id: int | None, actor_roles: Collection[Role], user_id: int) -> None:
    """Refuse a role change by anyone but an admin, and any change to one's own roles.

    ``actor_id`` is None for the system (roles from the identity provider at sign-in).
    """
    if actor_id is None:
        return
    if Role.ADMIN not in actor_roles:
        raise RoleChangeRefused("Only admins change roles.")
    if actor_id == user_id:
        raise RoleChangeRefused("No one changes their own roles: ask another admin.")


def roles_label(roles: Collection[Role]) -> str:
    """``Admin, Staff`` or ``No role``, for pages."""
    return ", ".join(ROLE_LABELS[r] for r in Role if r in roles) or "No role"
