"""The service layer: the whole procedure, each step audited once."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from conduct.audit.models import AuditEvent
from conduct.casework import queries
from conduct.casework.models import Case, ClientWarning, Incident, Restriction, SupportFollowUp
from conduct.casework.services import (
    DecisionInput,
    EvidenceRefused,
    PoliceReferralInput,
    RestrictionInput,
    ReviewInput,
    RuleViolation,
    StaleCase,
    add_evidence,
    complete_support,
    edit_incident,
    finish_call,
    link_cases,
    link_incident,
    record_call_step,
    record_decision,
    record_incident,
    record_override,
    record_police_referral,
    record_review,
    run_scheduled,
    start_call,
)
from conduct.notifications.models import Notification
from tests.casework.conftest import details

pytestmark = pytest.mark.django_db


def restriction_decision(**changes: Any) -> DecisionInput:
    today = timezone.localdate()
    base: dict[str, Any] = {
        "outcomes": ["contact_restriction"],
        "reasons": "Threats continued after the warning on the call.",
        "clauses": ["threatening_communication", "safe_environment"],
        "adjustments_note": "No known disability; writing offered as an adjustment.",
        "restriction": RestrictionInput(
            starts_on=today,
            review_on=today + timedelta(days=180),
            channels_allowed=["email", "letter"],
        ),
    }
    base.update(changes)
    return DecisionInput(**base)


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))


def test_recording_refers_opens_a_case_keeps_the_warning_and_notifies_managers(
    client_record: Any, staff: Any, manager: Any, django_capture_on_commit_callbacks: Any
) -> None:
    manager.email = "m@example.org"
    manager.save()
    with django_capture_on_commit_callbacks(execute=True):
        incident = record_incident(details(client_record, wants_support=True), actor=staff)
    assert incident.case is not None and incident.case.status == Case.OPEN
    assert ClientWarning.objects.get().kind == ClientWarning.VERBAL
    assert SupportFollowUp.objects.filter(incident=incident, done_at=None).exists()
    assert Notification.objects.filter(user=manager).count() == 2
    assert len(mail.outbox) == 2 and mail.outbox[0].to == ["m@example.org"]
    assert "Caller shouted" not in mail.outbox[0].body  # detail stays in the app
    assert actions().count("casework.incident.recorded") == 1
    event = AuditEvent.objects.get(action="casework.incident.recorded")
    assert event.actor == staff and event.client_id == client_record.pk
    assert event.payload["police_referral_suggested"] is True
    assert incident.policy_version.is_current


def test_admins_may_not_record(client_record: Any, admin_user: Any) -> None:
    with pytest.raises(RuleViolation, match="rule: staff_record"):
        record_incident(details(client_record), actor=admin_user)


def test_edits_are_kept_as_history(incident: Incident, staff: Any) -> None:
    edited = edit_incident(
        incident,
        details(incident.client, what_happened="Corrected account."),
        actor=staff,
        expected_version=1,
    )
    assert edited.what_happened == "Corrected account." and edited.version == 2
    revision = edited.revisions.get()
    assert revision.snapshot["what_happened"].startswith("Caller shouted")
    with pytest.raises(RuleViolation, match="changed by someone else"):
        edit_incident(incident, details(incident.client), actor=staff, expected_version=1)
    assert actions().count("casework.incident.edited") == 1


def test_a_warning_added_by_an_edit_is_kept_once(client_record: Any, staff: Any) -> None:
    incident = record_incident(details(client_record, warning_given=False), actor=staff)
    assert not ClientWarning.objects.exists()
    incident = edit_incident(
        incident, details(client_record, warning_given=True), actor=staff, expected_version=1
    )
    edit_incident(
        incident, details(client_record, warning_given=True), actor=staff, expected_version=2
    )
    assert ClientWarning.objects.filter(incident=incident).count() == 1


def test_unknown_caller_linked_later(client_record: Any, staff: Any) -> None:
    incident = record_incident(details(None, caller_number="0113 496 0000"), actor=staff)
    assert incident.case is not None and incident.case.client is None
    assert not ClientWarning.objects.exists()
    link_incident(incident, client_record, actor=staff)
    incident.refresh_from_db()
    assert incident.client == client_record
    assert Case.objects.get(pk=incident.case_id).client == client_record
    assert ClientWarning.objects.filter(client=client_record).count() == 1
    with pytest.raises(RuleViolation, match="already linked"):
        link_incident(incident, client_record, actor=staff)


def test_the_live_call_guide_records_a_timestamped_incident(client_record: Any, staff: Any) -> None:
    incident = start_call(client=client_record, channel="phone", actor=staff)
    for step in ["warn_and_explain", "staff_withdraws", "inform_call_termination"]:
        record_call_step(incident, step, actor=staff)
    with pytest.raises(RuleViolation, match="already been recorded"):
        record_call_step(incident, "warn_and_explain", actor=staff)
    done = finish_call(
        incident,
        details(
            None,
            categories=["abusive_language"],
            what_happened="Swore repeatedly.",
            staff_actions=[],
            warning_given=False,
            wants_support=True,
        ),
        actor=staff,
    )
    assert done.status == Incident.RECORDED and done.warning_given
    assert [s["step"] for s in done.call_steps] == [
        "warn_and_explain",
        "staff_withdraws",
        "inform_call_termination",
    ]
    assert done.staff_actions == ["end_call", "refer_to_smt"]
    assert done.case is not None and done.support_items.exists()
    assert actions().count("casework.call.step_recorded") == 3
    assert actions().count("casework.incident.recorded") == 1
    with pytest.raises(RuleViolation, match="already been recorded"):
        finish_call(incident, details(None), actor=staff)


def test_decision_restriction_marker_review_and_lapse(
    incident: Incident, manager: Any, other_manager: Any, staff: Any
) -> None:
    case = incident.case
    assert case is not None
    decision = record_decision(
        case, restriction_decision(), actor=manager, expected_version=case.version
    )
    restriction = Restriction.objects.get(decision=decision)
    marker = queries.marker_for(incident.client_id)  # type: ignore[arg-type]
    assert marker is not None and "Contact in writing only" in marker.text
    with pytest.raises(RuleViolation, match="did not make the decision"):
        record_review(
            restriction,
            ReviewInput(outcome="confirm", reasons="x", next_review_on=restriction.review_on),
            actor=manager,
        )
    record_review(
        restriction,
        ReviewInput(
            outcome="confirm",
            reasons="Letters still threatening.",
            next_review_on=timezone.localdate() + timedelta(days=200),
        ),
        actor=other_manager,
    )
    restriction.refresh_from_db()
    assert restriction.review_on == timezone.localdate() + timedelta(days=200)
    assert run_scheduled(on=restriction.review_on - timedelta(days=1)).lapsed == 0
    result = run_scheduled(on=restriction.review_on)
    assert result.lapsed == 1
    restriction.refresh_from_db()
    assert restriction.status == Restriction.LAPSED
    assert run_scheduled(on=restriction.review_on).lapsed == 0
    assert (
        queries.marker_for(incident.client_id, on=restriction.review_on) is not None
    )  # the warning remains
    kinds = [e.kind for e in queries.timeline_for(incident.client_id)]  # type: ignore[arg-type]
    for kind in ["incident", "warning", "decision", "restriction", "review"]:
        assert kind in kinds
    lapse = AuditEvent.objects.get(action="casework.restriction.lapsed")
    assert lapse.actor_label == "system"
    assert actions().count("casework.decision.recorded") == 1


def test_two_managers_deciding_at_once_one_wins(
    incident: Incident, manager: Any, other_manager: Any
) -> None:
    case = incident.case
    assert case is not None
    version = case.version
    record_decision(
        case,
        restriction_decision(outcomes=["written_warning"], restriction=None),
        actor=manager,
        expected_version=version,
    )
    with pytest.raises(StaleCase, match="Another senior manager"):
        record_decision(case, restriction_decision(), actor=other_manager, expected_version=version)


def test_staff_cannot_decide_and_sanctions_need_a_warning_or_override(
    client_record: Any, staff: Any, manager: Any
) -> None:
    incident = record_incident(
        details(client_record, warning_given=False, categories=["violence"]), actor=staff
    )
    case = incident.case
    assert case is not None
    with pytest.raises(RuleViolation, match="rule: only_senior_managers_decide"):
        record_decision(case, restriction_decision(), actor=staff, expected_version=case.version)
    with pytest.raises(RuleViolation, match="rule: warn_before_sanction"):
        record_decision(case, restriction_decision(), actor=manager, expected_version=case.version)
    case = record_override(
        case, ground="violence", reason="Threw a chair at reception.", actor=manager
    )
    record_decision(case, restriction_decision(), actor=manager, expected_version=case.version)
    assert actions().count("casework.override.recorded") == 1


def test_a_terminated_client_carries_a_marker(client_record: Any, staff: Any, manager: Any) -> None:
    incident = record_incident(details(client_record, categories=["violence"]), actor=staff)
    case = incident.case
    assert case is not None
    record_decision(
        case,
        restriction_decision(outcomes=["terminate_engagement"], restriction=None),
        actor=manager,
        expected_version=case.version,
    )
    marker = queries.marker_for(client_record.pk)
    assert marker is not None and marker.headline == "Engagement terminated"


def test_linking_cases_of_one_client(client_record: Any, staff: Any, manager: Any) -> None:
    first = record_incident(details(client_record), actor=staff)
    second = record_incident(details(client_record), actor=staff)
    assert first.case is not None and second.case is not None
    merged = link_cases(first.case, second.case, actor=manager)
    assert set(merged.incidents.values_list("pk", flat=True)) == {first.pk, second.pk}
    assert Case.objects.get(pk=second.case_id).status == Case.MERGED


def test_police_referral_and_support(incident: Incident, staff: Any, manager: Any) -> None:
    client = incident.client
    assert client is not None
    with pytest.raises(RuleViolation, match="rule: only_senior_managers_decide"):
        record_police_referral(
            client,
            PoliceReferralInput(referred_on=date.today(), force="West Yorkshire Police"),
            actor=staff,
        )
    referral = record_police_referral(
        client,
        PoliceReferralInput(
            referred_on=timezone.localdate(),
            force="West Yorkshire Police",
            officer="PC 123",
            crime_reference="13/2026/1",
        ),
        actor=manager,
        case=incident.case,
    )
    assert referral.crime_reference == "13/2026/1"
    incident2 = record_incident(details(client, wants_support=True), actor=staff)
    item = incident2.support_items.get()
    complete_support(item, actor=manager, note="Talked it through.")
    with pytest.raises(RuleViolation, match="already marked done"):
        complete_support(item, actor=manager)


def test_overdue_cases_and_reviews_coming_due_send_one_reminder_each(
    incident: Incident, manager: Any
) -> None:
    case = incident.case
    assert case is not None
    later = case.due_on + timedelta(days=1)
    assert run_scheduled(on=later).reminders == 1
    assert run_scheduled(on=later).reminders == 0
    assert Notification.objects.filter(key__startswith="case-overdue").count() == 1


def test_evidence_is_sniffed_size_checked_and_content_addressed(
    incident: Incident, staff: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    item = add_evidence(io.BytesIO(b"%PDF-1.4 fake"), "letter.pdf", actor=staff, incident=incident)
    assert item.content_type == "application/pdf" and len(item.sha256) == 64
    assert (tmp_path / "evidence" / item.sha256[:2] / item.sha256).read_bytes() == b"%PDF-1.4 fake"
    with pytest.raises(EvidenceRefused, match="not accepted"):
        add_evidence(
            io.BytesIO(b"<html><script>alert(1)</script>"), "x.txt", actor=staff, incident=incident
        )
    with pytest.raises(EvidenceRefused, match="not accepted"):
        add_evidence(io.BytesIO(b"MZ\x90\x00\x03"), "x.pdf", actor=staff, incident=incident)
    settings.CASEWORK_EVIDENCE_MAX_BYTES = 1024
    with pytest.raises(EvidenceRefused, match="larger than"):
        add_evidence(io.BytesIO(b"a" * 2048), "big.txt", actor=staff, incident=incident)
    assert actions().count("casework.evidence.added") == 1
