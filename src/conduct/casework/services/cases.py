"""Senior Management case handling: assignment, notes, linking, override, decision."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from conduct.audit.services import record_event
from conduct.casework import rules
from conduct.casework.models import Case, CaseNote, ClientWarning, Decision, Restriction
from conduct.casework.services.common import (
    StaleCase,
    current_policy,
    current_version_id,
    display_name,
    roles_of,
    setting,
    today,
)


@dataclass
class RestrictionInput:
    starts_on: date | None
    review_on: date | None
    single_contact: Any = None
    channels_allowed: list[str] = field(default_factory=list)
    set_times: str = ""
    max_call_minutes: int | None = None
    no_visits: bool = False
    representative_only: bool = False
    representative_name: str = ""

    def terms(self) -> rules.RestrictionTerms:
        return rules.RestrictionTerms(
            starts_on=self.starts_on,
            review_on=self.review_on,
            single_contact=display_name(self.single_contact),
            channels_allowed=tuple(self.channels_allowed),
            set_times=self.set_times,
            max_call_minutes=self.max_call_minutes,
            no_visits=self.no_visits,
            representative_only=self.representative_only,
            representative_name=self.representative_name,
        )

    def apply_to(self, restriction: Restriction) -> None:
        restriction.single_contact = self.single_contact
        restriction.channels_allowed = list(self.channels_allowed)
        restriction.set_times = self.set_times.strip()
        restriction.max_call_minutes = self.max_call_minutes
        restriction.no_visits = self.no_visits
        restriction.representative_only = self.representative_only
        restriction.representative_name = self.representative_name.strip()
        assert self.review_on is not None
        restriction.review_on = self.review_on


@dataclass
class DecisionInput:
    outcomes: list[str]
    reasons: str
    clauses: list[str]
    adjustments_note: str = ""
    restriction: RestrictionInput | None = None


def _locked(case: Case, expected_version: int | None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleCase(
            "Another senior manager changed this case while you were working on it, so your "
            "changes were not saved. Read the case as it is now before deciding again."
        )
    return locked


def _require_open(case: Case) -> None:
    if case.status != Case.OPEN:
        raise rules.RuleViolation(
            "case_open", f"Case {case.pk} is {case.get_status_display().lower()}."
        )


def assign_case(
    case: Case, assignee: Any, *, actor: Any, expected_version: int | None = None
) -> Case:
    """Give the case to a senior manager. Refuses assignees who are not senior managers."""
    rules.check_may_decide(roles_of(actor))
    rules.check_may_decide(roles_of(assignee))
    with transaction.atomic():
        locked = _locked(case, expected_version)
        _require_open(locked)
        locked.assigned_to = assignee
        locked.version += 1
        locked.save(update_fields=["assigned_to", "version"])
        record_event(
            "casework.case.assigned",
            actor=actor,
            target=locked,
            client_id=locked.client_id,
            payload={"case_id": locked.pk, "assignee": assignee.get_username()},
        )
    return locked


def add_case_note(case: Case, text: str, *, actor: Any) -> CaseNote:
    """Add an investigation note. Refuses an empty note."""
    rules.check_may_decide(roles_of(actor))
    if not text.strip():
        raise rules.RuleViolation("note_has_text", "Write the note before saving it.")
    with transaction.atomic():
        note = CaseNote.objects.create(
            case=case, author=actor, text=text.strip(), created_at=timezone.now()
        )
        record_event(
            "casework.case.noted",
            actor=actor,
            target=case,
            client_id=case.client_id,
            payload={"case_id": case.pk, "note_id": note.pk},
        )
    return note


def link_cases(case: Case, other: Case, *, actor: Any) -> Case:
    """Bring another open case's incidents into this one (same client only)."""
    rules.check_may_decide(roles_of(actor))
    with transaction.atomic():
        locked = _locked(case, None)
        merged = Case.objects.select_for_update().get(pk=other.pk)
        _require_open(locked)
        _require_open(merged)
        if locked.pk == merged.pk:
            raise rules.RuleViolation("link_same_client", "A case cannot be linked to itself.")
        if locked.client_id is None or locked.client_id != merged.client_id:
            raise rules.RuleViolation(
                "link_same_client",
                "Only incidents about the same client can be handled in one case.",
            )
        merged.incidents.update(case=locked)
        merged.evidence.update(case=locked)
        merged.status = Case.MERGED
        merged.merged_into = locked
        merged.version += 1
        merged.save(update_fields=["status", "merged_into", "version"])
        locked.opened_at = min(locked.opened_at, merged.opened_at)
        locked.due_on = min(locked.due_on, merged.due_on)
        locked.version += 1
        locked.save(update_fields=["opened_at", "due_on", "version"])
        record_event(
            "casework.case.linked",
            actor=actor,
            target=locked,
            client_id=locked.client_id,
            payload={"case_id": locked.pk, "merged_case_id": merged.pk},
        )
    return locked


def case_category_groups(case: Case) -> dict[str, str]:
    """The categories recorded in the case's incidents, each with its policy group."""
    policy = current_policy()
    recorded = {c for i in case.incidents.all() for c in i.categories}
    return {c: policy.category(c).group for c in sorted(recorded) if policy.has_category(c)}


def record_override(
    case: Case, *, ground: str, reason: str, actor: Any, differs_reason: str = ""
) -> Case:
    """Record a zero-tolerance override, allowing a sanction without an earlier warning.

    Refuses (RuleViolation) anyone but a senior manager, a ground other than
    violence, threats of violence or serious harassment, no reason, and a
    ground that no incident of the case records unless ``differs_reason`` says why.
    """
    rules.check_may_decide(roles_of(actor))
    rules.check_warned_before_sanction(
        has_prior_warning=False, override_ground=ground, override_reason=reason
    )
    with transaction.atomic():
        locked = _locked(case, None)
        _require_open(locked)
        groups = case_category_groups(locked)
        rules.check_override_ground(
            ground=ground, category_groups=groups, differs_reason=differs_reason
        )
        matches = rules.override_ground_matches(ground, groups)
        locked.override_ground = ground
        locked.override_reason = reason.strip()
        locked.override_differs_reason = "" if matches else differs_reason.strip()
        locked.override_by = actor
        locked.override_at = timezone.now()
        locked.version += 1
        locked.save()
        record_event(
            "casework.override.recorded",
            actor=actor,
            target=locked,
            client_id=locked.client_id,
            payload={
                "case_id": locked.pk,
                "ground": ground,
                "reason": locked.override_reason,
                "matches_categories": matches,
            },
        )
    return locked


def has_prior_warning(client_id: int) -> bool:
    """Warned before: a warning still in force (not expired, not ended by a review)."""
    return ClientWarning.objects.in_force(today()).filter(client_id=client_id).exists()


def first_warning_on(client_id: int) -> date | None:
    """The day of the earliest warning in force, or None."""
    first = ClientWarning.objects.in_force(today()).filter(client_id=client_id).order_by("given_on")
    return first.values_list("given_on", flat=True).first()


def record_decision(
    case: Case, data: DecisionInput, *, actor: Any, expected_version: int
) -> Decision:
    """Decide a case: outcome(s), reasons, clauses, the decider, adjustments considered.

    Refuses (RuleViolation) anyone but a senior manager, a missing reason or
    clause, a sanction without an earlier warning or override, a restriction
    without exact terms or a review date within the maximum; (StaleCase) a
    case that another manager changed or decided meanwhile.
    """
    policy = current_policy()
    with transaction.atomic():
        locked = _locked(case, expected_version)
        _require_open(locked)
        if locked.client_id is None:
            raise rules.RuleViolation(
                "case_has_client", "Link the unknown caller's incident to a client before deciding."
            )
        categories = sorted({c for i in locked.incidents.all() for c in i.categories})
        plan = rules.plan_decision(
            rules.DecisionDraft(
                decider_roles=roles_of(actor),
                outcomes=tuple(data.outcomes),
                reasons=data.reasons,
                clauses=tuple(data.clauses),
                known_outcomes=frozenset(o.id for o in policy.outcomes),
                known_clauses=frozenset(policy.clause_ids()),
                has_prior_warning=has_prior_warning(locked.client_id),
                today=today(),
                warned_on=first_warning_on(locked.client_id),
                start_window_days=setting("CASEWORK_RESTRICTION_START_WITHIN_DAYS"),
                adjustments_note=data.adjustments_note,
                override_ground=locked.override_ground,
                override_reason=locked.override_reason,
                restriction=data.restriction.terms() if data.restriction else None,
                known_channels=frozenset(policy.channels),
                max_restriction_months=setting("CASEWORK_RESTRICTION_MAX_MONTHS"),
            ),
            category_titles=[
                policy.category(c).title for c in categories if policy.has_category(c)
            ],
            warning_months=setting("CASEWORK_WARNING_MONTHS"),
        )
        return _write_decision(locked, plan, data.restriction, actor=actor)


def _write_decision(
    case: Case, plan: rules.DecisionPlan, restriction_input: RestrictionInput | None, *, actor: Any
) -> Decision:
    """Apply a checked decision plan to the locked, open ``case`` (inside its transaction)."""
    assert case.client_id is not None
    decision = Decision.objects.create(
        case=case,
        client_id=case.client_id,
        outcomes=list(plan.outcomes),
        reasons=plan.reasons,
        clauses=list(plan.clauses),
        adjustments_note=plan.adjustments_note,
        decided_by=actor,
        decided_at=timezone.now(),
        policy_version_id=current_version_id(),
    )
    payload: dict[str, Any] = {
        "case_id": case.pk,
        "outcomes": ", ".join(decision.outcomes),
        "clauses": decision.clauses,
        "override": plan.override,
    }
    if plan.warning is not None:
        warning = ClientWarning.objects.create(
            client_id=case.client_id,
            kind=ClientWarning.WRITTEN,
            decision=decision,
            given_on=plan.warning.given_on,
            active_until=plan.warning.active_until,
            about=plan.warning.about,
            given_by=actor,
        )
        payload["warning_id"] = warning.pk
    if plan.restriction is not None and restriction_input is not None:
        restriction = Restriction(client_id=case.client_id, decision=decision)
        assert plan.restriction.starts_on is not None
        restriction.starts_on = plan.restriction.starts_on
        restriction_input.apply_to(restriction)
        restriction.save()
        payload["restriction_id"] = restriction.pk
        payload["review_on"] = restriction.review_on.isoformat()
    case.status = Case.DECIDED
    case.version += 1
    case.save(update_fields=["status", "version"])
    record_event(
        "casework.decision.recorded",
        actor=actor,
        target=decision,
        client_id=case.client_id,
        payload=payload,
    )
    return decision
