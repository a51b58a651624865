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

# Casework: staff record incidents; senior managers also handle cases, decide,
# review and refer. Admins edit the live-call scripts but never decide.
_CASEWORK_RECORD = [
    "casework.add_incident",
    "casework.view_incident",
    "casework.change_incident",
]
_CASEWORK_DECIDE = [
    "casework.view_case",
    "casework.change_case",
    "casework.add_decision",
    "casework.add_review",
    "casework.add_policereferral",
    "casework.view_supportfollowup",
    "casework.change_supportfollowup",
]

# Correspondence: staff read (redacted by default), review and link; senior
# managers also see demand analytics; admins import but do not read messages.
_CORRESPONDENCE_WORK = [
    "correspondence.view_communication",
    "correspondence.review_communication",
    "correspondence.link_communication",
]

# Reports: senior managers see the dashboard. Data protection: admins export
# subject access, run retention and set legal holds.
_REPORTS = ["reports.view_reports"]
_PRIVACY = [
    "privacy.export_subject_access",
    "privacy.run_retention",
    "privacy.view_legalhold",
    "privacy.add_legalhold",
    "privacy.change_legalhold",
]

# Letters: senior managers generate, edit and send letters and produce police
# referral packs; admins edit the letter templates. Staff have none of these.
_LETTERS_MANAGE = [
    "letters.view_letter",
    "letters.add_letter",
    "letters.change_letter",
    "letters.add_policepack",
]
_LETTER_TEMPLATES = [
    "letters.view_lettertemplate",
    "letters.add_lettertemplate",
    "letters.change_lettertemplate",
]

# Clients' requests (a review, a copy of their data): anyone may record one as
# it comes in; senior managers answer reviews and admins subject access (the
# kind each answers is ``requests.rules.HANDLER_PERMISSION``).
_REQUESTS_RECORD = ["requests.add_clientrequest"]
_REQUESTS_ANSWER = ["requests.view_clientrequest", "requests.change_clientrequest"]

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.STAFF: [*_CLIENT_WORK, *_CASEWORK_RECORD, *_CORRESPONDENCE_WORK, *_REQUESTS_RECORD],
    Role.SENIOR_MANAGER: [
        *_CLIENT_WORK,
        *_CASEWORK_RECORD,
        *_CASEWORK_DECIDE,
        *_CORRESPONDENCE_WORK,
        "correspondence.view_demand",
        *_REPORTS,
        *_LETTERS_MANAGE,
        *_REQUESTS_RECORD,
        *_REQUESTS_ANSWER,
    ],
    Role.ADMIN: [
        "correspondence.ingest_communication",
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
        "casework.view_script",
        "casework.change_script",
        *_PRIVACY,
        *_LETTER_TEMPLATES,
        *_REQUESTS_RECORD,
        *_REQUESTS_ANSWER,
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
