"""The policy's procedure as plain-Python rules. Imports nothing from Django.

Every function takes simple values or dataclasses and either returns a value
or raises ``RuleViolation`` naming the rule it enforces. The service layer
calls these again before every write, so the pages, the API and scheduled
jobs all refuse the same things with the same words.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from conduct.casework.wording import long_date
from conduct.core.refusals import FORBIDDEN, Refused

STAFF = "staff"
SENIOR_MANAGER = "senior_manager"
ADMIN = "admin"

SANCTIONS = frozenset({"contact_restriction", "terminate_engagement"})
NO_FURTHER_ACTION = "no_further_action"
ZERO_TOLERANCE_GROUNDS: dict[str, str] = {
    "violence": "Violence",
    "threats_of_violence": "Threats of violence",
    "serious_harassment": "Serious harassment",
}
# The recorded categories each zero-tolerance ground rests on. Serious harassment
# is any category of the policy's "aggressive or abusive behaviour" group:
# conduct that might cause staff to feel intimidated, offended, bullied or harassed.
GROUND_CATEGORIES: dict[str, frozenset[str]] = {
    "violence": frozenset({"violence"}),
    "threats_of_violence": frozenset({"violence", "threatening_communication"}),
}
HARASSMENT_GROUP = "aggressive_or_abusive"
POLICE_CATEGORIES = frozenset({"violence", "threatening_communication"})
REVIEW_OUTCOMES = ("confirm", "vary", "end")
CALL_STEPS = ("warn_and_explain", "staff_withdraws", "inform_call_termination")
CALL_END_STEP = "inform_call_termination"


class RuleViolation(Refused):
    """A rule of the policy's procedure refused an action (422; 403 where the rule is
    about who may act)."""

    def __init__(self, rule: str, message: str, *, status: int | None = None) -> None:
        super().__init__(message, rule=rule, status=status)

    def __str__(self) -> str:
        return f"{self.message} (rule: {self.rule})"


# --- Who may do what --------------------------------------------------------


def check_may_record(roles: Collection[str]) -> None:
    """Staff and senior managers record incidents; admins alone do not."""
    if not ({STAFF, SENIOR_MANAGER} & set(roles)):
        raise RuleViolation(
            "staff_record",
            "Only staff and senior managers record incidents.",
            status=FORBIDDEN,
        )


def check_may_decide(roles: Collection[str]) -> None:
    """Only senior managers decide cases; an admin decides only if also a senior manager."""
    if SENIOR_MANAGER not in roles:
        raise RuleViolation(
            "only_senior_managers_decide",
            "Only a member of the Senior Management team can decide a case, review a decision "
            "or record a police referral.",
            status=FORBIDDEN,
        )


# --- Dates ----------------------------------------------------------------


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day if it is shorter."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def is_overdue(due_on: date, today: date) -> bool:
    return today > due_on


def default_review_date(starts_on: date, months: int = 6) -> date:
    return add_months(starts_on, months)


# --- Restrictions -----------------------------------------------------------


@dataclass(frozen=True)
class RestrictionTerms:
    """Exactly what a contact restriction restricts, and for how long."""

    starts_on: date | None
    review_on: date | None
    single_contact: str = ""  # the named staff member's display name, if any
    channels_allowed: tuple[str, ...] = ()
    set_times: str = ""
    max_call_minutes: int | None = None
    no_visits: bool = False
    representative_only: bool = False
    representative_name: str = ""

    def restricts_something(self) -> bool:
        return bool(
            self.single_contact
            or self.channels_allowed
            or self.set_times.strip()
            or self.max_call_minutes
            or self.no_visits
            or self.representative_only
        )


def check_restriction_terms(
    terms: RestrictionTerms, *, known_channels: Collection[str], max_months: int
) -> None:
    """A restriction has a start, a review date within the maximum, and says what it restricts."""
    if terms.starts_on is None:
        raise RuleViolation("restriction_has_start", "A restriction needs a start date.")
    if terms.review_on is None:
        raise RuleViolation(
            "restriction_has_review_date",
            "A restriction needs a review date: restrictions are time-limited and reviewed.",
        )
    if terms.review_on <= terms.starts_on:
        raise RuleViolation(
            "restriction_has_review_date", "The review date must be after the start date."
        )
    latest = add_months(terms.starts_on, max_months)
    if terms.review_on > latest:
        raise RuleViolation(
            "restriction_review_within_maximum",
            f"The review date may be at most {max_months} months after the start "
            f"(no later than {latest.isoformat()}).",
        )
    if not terms.restricts_something():
        raise RuleViolation(
            "restriction_says_what",
            "Say exactly what is restricted: a single point of contact, the channels allowed, "
            "set times or call length, no visits, or contact only through a representative.",
        )
    unknown = sorted(set(terms.channels_allowed) - set(known_channels))
    if unknown:
        raise RuleViolation(
            "restriction_says_what", f"Unknown channel(s) in the restriction: {', '.join(unknown)}."
        )
    if terms.max_call_minutes is not None and terms.max_call_minutes < 1:
        raise RuleViolation(
            "restriction_says_what", "A call length limit must be at least 1 minute."
        )
    if terms.representative_only and not terms.representative_name.strip():
        raise RuleViolation(
            "restriction_says_what", "Name the representative the client must contact us through."
        )


def check_restriction_start(
    *, starts_on: date, today: date, window_days: int, warned_on: date | None
) -> None:
    """A new restriction starts today or within ``window_days``, and after the warning.

    A restriction is never back-dated: the client cannot have kept to terms they
    had not been told of. ``warned_on`` is the day of the earliest warning in
    force (None when a zero-tolerance override stands in for it).
    """
    if starts_on < today:
        raise RuleViolation(
            "restriction_starts_from_today",
            f"A restriction cannot start in the past ({long_date(starts_on)}): it starts today "
            "or later, once the client can be told of it.",
        )
    latest = today + timedelta(days=window_days)
    if starts_on > latest:
        raise RuleViolation(
            "restriction_starts_from_today",
            f"A restriction starts within {window_days} days of the decision (no later than "
            f"{long_date(latest)}).",
        )
    if warned_on is not None and starts_on < warned_on:
        raise RuleViolation(
            "warn_before_sanction",
            f"The restriction would start on {long_date(starts_on)}, before the client was "
            f"warned on {long_date(warned_on)}: the warning comes first.",
        )


def restriction_should_lapse(*, active: bool, review_on: date, today: date) -> bool:
    """An active restriction lapses on its review date unless a review has renewed it."""
    return active and today >= review_on


# --- Decisions --------------------------------------------------------------


@dataclass(frozen=True)
class DecisionDraft:
    decider_roles: frozenset[str]
    outcomes: tuple[str, ...]
    reasons: str
    clauses: tuple[str, ...]
    known_outcomes: frozenset[str]
    known_clauses: frozenset[str]
    has_prior_warning: bool
    today: date
    adjustments_note: str = ""
    override_ground: str = ""
    override_reason: str = ""
    restriction: RestrictionTerms | None = None
    known_channels: frozenset[str] = field(default_factory=frozenset)
    max_restriction_months: int = 12
    start_window_days: int = 30
    warned_on: date | None = None  # the earliest warning in force


def is_sanction(outcomes: Iterable[str]) -> bool:
    return bool(SANCTIONS & set(outcomes))


def check_decision(draft: DecisionDraft) -> None:
    """Everything a Senior Management decision must satisfy before it is recorded."""
    check_may_decide(draft.decider_roles)
    if not draft.outcomes:
        raise RuleViolation("decision_has_outcome", "Choose at least one outcome.")
    unknown = sorted(set(draft.outcomes) - draft.known_outcomes)
    if unknown:
        raise RuleViolation(
            "decision_has_outcome", f"Unknown outcome(s) for this policy: {', '.join(unknown)}."
        )
    if NO_FURTHER_ACTION in draft.outcomes and len(set(draft.outcomes)) > 1:
        raise RuleViolation(
            "decision_has_outcome", "'No further action' cannot be combined with other outcomes."
        )
    if not draft.reasons.strip():
        raise RuleViolation(
            "decision_has_reasons", "Write the reasons for the decision: the client is told why."
        )
    if not draft.clauses:
        raise RuleViolation(
            "decision_cites_clause",
            "Cite at least one clause of the policy the decision relies on.",
        )
    unknown = sorted(set(draft.clauses) - draft.known_clauses)
    if unknown:
        raise RuleViolation(
            "decision_cites_clause", f"Unknown policy clause(s): {', '.join(unknown)}."
        )
    if is_sanction(draft.outcomes):
        check_warned_before_sanction(
            has_prior_warning=draft.has_prior_warning,
            override_ground=draft.override_ground,
            override_reason=draft.override_reason,
        )
        if not draft.adjustments_note.strip():
            raise RuleViolation(
                "adjustments_considered",
                "Before a restriction or termination, record whether a disability or vulnerability "
                "is known and which reasonable adjustments were considered.",
            )
    elif draft.override_ground or draft.override_reason.strip():
        raise RuleViolation(
            "warn_before_sanction",
            "A zero-tolerance override only applies to a restriction or termination.",
        )
    if "contact_restriction" in draft.outcomes:
        if draft.restriction is None:
            raise RuleViolation(
                "restriction_says_what", "A contact restriction needs its terms and a review date."
            )
        check_restriction_terms(
            draft.restriction,
            known_channels=draft.known_channels,
            max_months=draft.max_restriction_months,
        )
        assert draft.restriction.starts_on is not None
        check_restriction_start(
            starts_on=draft.restriction.starts_on,
            today=draft.today,
            window_days=draft.start_window_days,
            warned_on=None if draft.override_ground else draft.warned_on,
        )
    elif draft.restriction is not None:
        raise RuleViolation(
            "restriction_says_what",
            "Restriction terms were given but 'contact restriction' is not an outcome.",
        )


def check_warned_before_sanction(
    *, has_prior_warning: bool, override_ground: str, override_reason: str
) -> None:
    """No sanction without an earlier warning, unless a zero-tolerance override is recorded."""
    if has_prior_warning and not override_ground:
        return
    if not override_ground:
        raise RuleViolation(
            "warn_before_sanction",
            "This client has no earlier recorded warning. A restriction or termination needs one, "
            "unless you record a zero-tolerance override (violence, threats of violence or "
            "serious harassment) with its reason.",
        )
    if override_ground not in ZERO_TOLERANCE_GROUNDS:
        raise RuleViolation(
            "warn_before_sanction",
            "A zero-tolerance override must be for violence, threats of violence or serious "
            "harassment.",
        )
    if not override_reason.strip():
        raise RuleViolation(
            "warn_before_sanction", "Write the reason for the zero-tolerance override."
        )


def override_ground_matches(ground: str, category_groups: Mapping[str, str]) -> bool:
    """Whether the case's recorded categories (id -> policy group) show the ground."""
    if ground == "serious_harassment":
        return HARASSMENT_GROUP in category_groups.values()
    return bool(GROUND_CATEGORIES.get(ground, frozenset()) & set(category_groups))


def check_override_ground(
    *, ground: str, category_groups: Mapping[str, str], differs_reason: str
) -> None:
    """The override's ground matches what the incidents record, or the manager says why not."""
    if override_ground_matches(ground, category_groups) or differs_reason.strip():
        return
    title = ZERO_TOLERANCE_GROUNDS.get(ground, ground).lower()
    raise RuleViolation(
        "override_matches_categories",
        f"No incident in this case is recorded as {title}. Correct the incident's categories "
        "if they leave it out, or say why the override applies on this ground anyway.",
    )


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
