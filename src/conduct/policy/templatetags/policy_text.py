"""Show policy ids in the policy's own words: ``{{ ids|policy_titles }}``."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from conduct.policy.document import humanise
from conduct.policy.services import current_policy

register = template.Library()


def label_for(policy_id: str) -> str:
    policy = current_policy()
    if policy.has_outcome(policy_id):
        return policy.outcome(policy_id).title
    try:
        return policy.clause_text(policy_id)
    except KeyError:
        return humanise(policy_id)


@register.filter
def policy_title(policy_id: str) -> str:
    """The policy's wording for one id (category, outcome, right, step or principle)."""
    return label_for(str(policy_id))


@register.filter
def policy_titles(policy_ids: Iterable[str] | None, separator: str = "; ") -> str:
    """The policy's wording for several ids, joined."""
    return separator.join(label_for(str(i)) for i in (policy_ids or []))


@register.filter
def channel_title(channel_id: str) -> str:
    """A channel in words: ``email`` is "Email", ``in_person`` is "In person"."""
    return current_policy().channel_title(str(channel_id))
