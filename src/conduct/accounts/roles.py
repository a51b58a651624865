"""The three roles and the permissions each one holds.

Plain Python: no Django imports, so the table can be read and tested on its own.
Each role is a Django group of the same name; ``sync_role_groups`` keeps the
groups' permissions equal to this table after every migration.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    STAFF = "staff"
    SENIOR_MANAGER = "senior_manager"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.STAFF: "Staff",
    Role.SENIOR_MANAGER: "Senior manager",
    Role.ADMIN: "Admin",
}

# "app_label.codename" permissions, by role. Later parts of the product add
# their own rows here; nothing is granted by default.
_CLIENT_WORK = [
    "clients.view_client",
    "clients.add_client",
    "clients.change_client",
    "policy.view_policyversion",
]

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.STAFF: [*_CLIENT_WORK],
    Role.SENIOR_MANAGER: [*_CLIENT_WORK],
    Role.ADMIN: [
        "clients.view_client",
        "policy.view_policyversion",
        "policy.add_policyversion",
        "audit.view_auditevent",
        "accounts.add_apitoken",
        "accounts.view_apitoken",
        "accounts.delete_apitoken",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
    ],
}


def permissions_for(roles: set[Role]) -> set[str]:
    """All permissions that a user holding ``roles`` has."""
    granted: set[str] = set()
    for role in roles:
        granted.update(ROLE_PERMISSIONS[role])
    return granted


def parse_role(value: str) -> Role:
    """Turn user input such as ``senior-manager`` into a Role, or raise ValueError."""
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return Role(key)
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise ValueError(f"unknown role {value!r}; choose one of: {choices}") from None
