"""Who may change whose roles. Plain Python: no Django imports."""

from __future__ import annotations

from collections.abc import Collection

from conduct.accounts.roles import ROLE_LABELS, Role
from conduct.core.refusals import FORBIDDEN, Refused


class RoleChangeRefused(Refused):
    """A role change that is not allowed; the message says why."""

    rule = "role_change_allowed"
    status = FORBIDDEN


def check_role_change(
    *,
    actor_id: int | None,
    actor_roles: Collection[Role],
    user_id: int,
    adds_roles: bool = False,
    actor_sponsors: Collection[int] = (),
) -> None:
    """Refuse a role change by anyone but an admin, and any change to one's own roles.

    ``actor_id`` is None for the system (roles from the identity provider at sign-in).
    ``actor_sponsors`` are the users who created the actor's account or gave it roles,
    and who did so for them, and so on: none of them may be given a role by the actor,
    or one person could raise themselves through a second account they made.
    Taking roles away from them is allowed.
    """
    if actor_id is None:
        return
    if Role.ADMIN not in actor_roles:
        raise RoleChangeRefused("Only admins change roles.")
    if actor_id == user_id:
        raise RoleChangeRefused("No one changes their own roles: ask another admin.")
    if adds_roles and user_id in actor_sponsors:
        raise RoleChangeRefused(
            "This user created your account or gave it its roles, so you cannot give them "
            "a role: ask an admin they did not appoint."
        )


def roles_label(roles: Collection[Role]) -> str:
    """``Admin, Staff`` or ``No role``, for pages."""
    return ", ".join(ROLE_LABELS[r] for r in Role if r in roles) or "No role"
