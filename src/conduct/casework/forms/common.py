"""What the casework forms share: choices from the policy in force, people to choose."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from conduct.accounts.roles import Role
from conduct.policy.services import current_policy

DATE = forms.DateInput(attrs={"type": "date", "class": "input--narrow"}, format="%Y-%m-%d")


def policy_choices() -> dict[str, list[tuple[str, str]]]:
    policy = current_policy()
    return {
        "channels": [(c, policy.channel_title(c)) for c in policy.channels],
        "categories": [(c.id, c.title) for c in policy.categories],
        "staff_rights": [(r.id, r.text.rstrip(".")) for r in policy.staff_rights],
        "outcomes": [(o.id, o.title) for o in policy.outcomes],
    }


def clause_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every clause a decision may cite, grouped and worded as the policy has them."""
    policy = current_policy()
    groups: list[tuple[str, list[tuple[str, str]]]] = [
        ("Principles", [(p.id, p.text) for p in policy.principles])
    ]
    for _, title, categories in policy.categories_by_group():
        groups.append((title, [(c.id, c.title) for c in categories]))
    groups.append(
        (
            "Procedures: staff have the right to",
            [(r.id, r.text) for r in policy.staff_rights],
        )
    )
    groups.append(("Procedures: the steps we may take", [(s.id, s.text) for s in policy.procedure]))
    return [(title, items) for title, items in groups if items]


def senior_managers() -> Any:
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.SENIOR_MANAGER.value)
        .distinct()
    )


def staff_members() -> Any:
    names = [Role.STAFF.value, Role.SENIOR_MANAGER.value]
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=names)
        .distinct()
        .order_by("username")
    )
