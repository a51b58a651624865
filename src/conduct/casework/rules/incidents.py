"""Incidents, the live-call guide and police referrals."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, datetime, timedelta

from conduct.casework.rules.base import RuleViolation

POLICE_CATEGORIES = frozenset({"violence", "threatening_communication"})
CALL_STEPS = ("warn_and_explain", "staff_withdraws", "inform_call_termination")
CALL_END_STEP = "inform_call_termination"


# --- Police referrals -------------------------------------------------------


def police_referral_suggested(categories: Iterable[str]) -> bool:
    """Suggest a referral whenever violence or threatening communication is recorded."""
    return bool(POLICE_CATEGORIES & set(categories))


def check_police_referral(*, referred_on: date | None, force: str, today: date) -> None:
    if referred_on is None:
        raise RuleViolation("police_referral_details", "Give the date of the police referral.")
    if referred_on > today:
        raise RuleViolation("police_referral_details", "The referral date cannot be in the future.")
    if not force.strip():
        raise RuleViolation("police_referral_details", "Name the police force referred to.")


# --- Incidents and the live-call guide ---------------------------------------


def check_incident(
    *,
    categories: Collection[str],
    known_categories: Collection[str],
    channel: str,
    known_channels: Collection[str],
    staff_actions: Collection[str],
    known_staff_rights: Collection[str],
    what_happened: str,
    has_client: bool,
    caller_details: str,
    occurred_at: datetime | None = None,
    now: datetime | None = None,
) -> None:
    """An incident says who (or how to reach the unknown caller), how, when and what happened."""
    if occurred_at is not None and now is not None and occurred_at > now + timedelta(minutes=5):
        raise RuleViolation(
            "incident_time", "An incident cannot be recorded as happening in the future."
        )
    if not categories:
        raise RuleViolation("incident_has_category", "Choose at least one category of behaviour.")
    unknown = sorted(set(categories) - set(known_categories))
    if unknown:
        raise RuleViolation("incident_has_category", f"Unknown category: {', '.join(unknown)}.")
    if channel not in known_channels:
        raise RuleViolation("incident_channel", f"Unknown channel: {channel}.")
    unknown = sorted(set(staff_actions) - set(known_staff_rights))
    if unknown:
        raise RuleViolation(
            "incident_staff_actions", f"Unknown staff action: {', '.join(unknown)}."
        )
    if not what_happened.strip():
        raise RuleViolation("incident_describes_conduct", "Describe what happened.")
    if not has_client and not caller_details.strip():
        raise RuleViolation(
            "incident_identifies_caller",
            "Choose the client, or for an unknown caller give a phone number or address.",
        )


def next_call_step(done: Collection[str]) -> str | None:
    """The next step of the live-call guide, in the policy's order, or None when all are done."""
    return next((s for s in CALL_STEPS if s not in done), None)


def check_call_step(done: Collection[str], step: str, *, finished: bool) -> None:
    """Steps are pressed once each, in order; ending the call is a staff right at any point."""
    if finished:
        raise RuleViolation("call_guide_order", "This call has already been recorded.")
    if step not in CALL_STEPS:
        raise RuleViolation("call_guide_order", f"Unknown step: {step}.")
    if step in done:
        raise RuleViolation("call_guide_order", "That step has already been recorded.")
    if CALL_END_STEP in done:
        raise RuleViolation("call_guide_order", "The call has ended; finish the record.")
    if step != CALL_END_STEP and step != next_call_step(done):
        raise RuleViolation(
            "call_guide_order", "Follow the steps in order: warn and explain first, then withdraw."
        )
