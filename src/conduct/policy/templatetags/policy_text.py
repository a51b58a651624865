"""Show policy ids in the policy's own words: ``{{ ids|policy_titles }}`` in the version in
force, ``{{ ids|titles_under:record.policy_version }}`` in the version a record was made
under, ``{{ screening.categories|screener_titles }}`` for what the screener found."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from conduct.policy.document import Policy, humanise
from conduct.policy.models import PolicyVersion
from conduct.policy.services import current_policy, current_version, policy_of
from conduct.screening.categories import DETECTABLE

register = template.Library()


def label_for(policy_id: str, policy: Policy | None = None) -> str:
    policy = policy or current_policy()
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
def titles_under(policy_ids: Iterable[str] | None, version: PolicyVersion | None) -> str:
    """The wording of several ids in the version a record was made under, joined."""
    policy = policy_of(version) if isinstance(version, PolicyVersion) else current_policy()
    return "; ".join(label_for(str(i), policy) for i in (policy_ids or []))


@register.filter
def screener_titles(names: Iterable[str] | None) -> str:
    """What the screener found, as the categories of the policy in force it maps onto."""
    policy = current_policy()
    found = policy.from_screener([str(n) for n in names or []], DETECTABLE)
    return "; ".join(policy.category(c).title for c in found) or "no category of the policy"


@register.filter
def channel_title(channel_id: str) -> str:
    """A channel in words: ``email`` is "Email", ``in_person`` is "In person"."""
    return current_policy().channel_title(str(channel_id))


@register.simple_tag
def policy_version_in_force() -> str:
    """The number of the version in force, for forms that take their choices from it."""
    return current_version().version
