"""The three roles and the permissions each one holds.

Plain Python: no Django imports, so the table can be read and tested on its own.
Each role is a Django group of the same name; ``sync_role_groups`` keeps the
groups' permissions equal to this table after every migration.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Duty:
    """A piece of work, the roles that do it and the permissions it needs.

    ``DUTIES`` is the one table of who may do what: the role groups' permissions
    (``ROLE_PERMISSIONS``, which every view's permission check reads) are derived
    from it, and the services' rules ask it directly (``holds``).
    """

    roles: frozenset[Role]
    permissions: tuple[str, ...]


_ALL = frozenset(Role)
_CLIENT_WORKERS = frozenset({Role.STAFF, Role.SENIOR_MANAGER})
_MANAGERS = frozenset({Role.SENIOR_MANAGER})
_ADMINS = frozenset({Role.ADMIN})

# Everyone reads client records and the policy; staff and senior managers edit
# client records. Admins see them but never change them.
READ_CLIENTS = Duty(_ALL, ("clients.view_client", "policy.view_policyversion"))
EDIT_CLIENTS = Duty(_CLIENT_WORKERS, ("clients.add_client", "clients.change_client"))

# Casework: staff record incidents; senior managers also handle cases, decide,
# review and refer. Admins edit the live-call scripts but never decide.
RECORD_INCIDENTS = Duty(
    _CLIENT_WORKERS,
    ("casework.add_incident", "casework.view_incident", "casework.change_incident"),
)
DECIDE_CASES = Duty(
    _MANAGERS,
    (
        "casework.view_case",
        "casework.change_case",
        "casework.add_decision",
        "casework.add_review",
        "casework.add_policereferral",
        "casework.view_supportfollowup",
        "casework.change_supportfollowup",
    ),
)
EDIT_CALL_SCRIPTS = Duty(_ADMINS, ("casework.view_script", "casework.change_script"))

# Correspondence: staff read (redacted by default), review and link; senior
# managers also see demand analytics; admins import but do not read messages.
READ_CORRESPONDENCE = Duty(
    _CLIENT_WORKERS,
    (
        "correspondence.view_communication",
        "correspondence.review_communication",
        "correspondence.link_communication",
    ),
)
SEE_DEMAND = Duty(_MANAGERS, ("correspondence.view_demand",))
IMPORT_CORRESPONDENCE = Duty(_ADMINS, ("correspondence.ingest_communication",))

# Reports: senior managers see the dashboard. Data protection: admins export
# subject access, run retention and set legal holds.
SEE_REPORTS = Duty(_MANAGERS, ("reports.view_reports",))
PROTECT_DATA = Duty(
    _ADMINS,
    (
        "privacy.export_subject_access",
        "privacy.run_retention",
        "privacy.view_legalhold",
        "privacy.add_legalhold",
        "privacy.change_legalhold",
    ),
)

# Letters: senior managers generate, edit and send letters and produce police
# referral packs; admins edit the letter templates. Staff have none of these.
MANAGE_LETTERS = Duty(
    _MANAGERS,
    (
        "letters.view_letter",
        "letters.add_letter",
        "letters.change_letter",
        "letters.add_policepack",
    ),
)
EDIT_LETTER_TEMPLATES = Duty(
    _ADMINS,
    ("letters.view_lettertemplate", "letters.add_lettertemplate", "letters.change_lettertemplate"),
)

# Clients' requests (a review, a copy of their data): anyone may record one as
# it comes in; senior managers answer reviews and admins subject access (the
# kind each answers is ``requests.rules.HANDLER_PERMISSION``).
RECORD_REQUESTS = Duty(_ALL, ("requests.add_clientrequest",))
ANSWER_REQUESTS = Duty(
    frozenset({Role.SENIOR_MANAGER, Role.ADMIN}),
    ("requests.view_clientrequest", "requests.change_clientrequest"),
)

# Administration: policy versions, the audit log, API tokens and user accounts.
ADMINISTER = Duty(
    _ADMINS,
    (
        "policy.add_policyversion",
        "audit.view_auditevent",
        "accounts.add_apitoken",
        "accounts.view_apitoken",
        "accounts.delete_apitoken",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
    ),
)

DUTIES: tuple[Duty, ...] = (
    READ_CLIENTS,
    EDIT_CLIENTS,
    RECORD_INCIDENTS,
    DECIDE_CASES,
    EDIT_CALL_SCRIPTS,
    READ_CORRESPONDENCE,
    SEE_DEMAND,
    IMPORT_CORRESPONDENCE,
    SEE_REPORTS,
    PROTECT_DATA,
    MANAGE_LETTERS,
    EDIT_LETTER_TEMPLATES,
    RECORD_REQUESTS,
    ANSWER_REQUESTS,
    ADMINISTER,
)

# "app_label.codename" permissions, by role, derived from ``DUTIES``. Nothing
# is granted by default.
ROLE_PERMISSIONS: dict[Role, list[str]] = {
    role: [perm for duty in DUTIES if role in duty.roles for perm in duty.permissions]
    for role in Role
}


def holds(roles: Collection[Role], duty: Duty) -> bool:
    """Whether a user holding ``roles`` does ``duty``."""
    return bool(duty.roles & set(roles))


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
