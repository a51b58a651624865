"""Small helpers the casework services share."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.utils import timezone

from conduct.accounts.access import user_roles
from conduct.accounts.roles import Role
from conduct.casework.rules import RuleViolation
from conduct.core.refusals import CONFLICT, Refused
from conduct.policy.services import current_policy, current_version, current_version_id

__all__ = [
    "RuleViolation",
    "StaleCase",
    "current_policy",
    "current_version",
    "current_version_id",
    "roles_of",
    "today",
]


class StaleCase(Refused):
    """Someone else changed the case since it was opened."""

    rule = "case_unchanged"
    status = CONFLICT


def roles_of(user: Any) -> frozenset[Role]:
    return frozenset(user_roles(user))


def today() -> date:
    return timezone.localdate()


def setting(name: str) -> int:
    return int(getattr(settings, name))


def display_name(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())
