"""Reviews of written warnings and terminations: services, page and API; expired warnings."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from conduct.audit.models import AuditEvent
from conduct.casework import queries
from conduct.casework.models import ClientWarning, Decision, Incident, Restriction, Review
from conduct.casework.services import (
    DecisionInput,
    RestrictionInput,
    RuleViolation,
    SanctionReviewInput,
    record_decision,
    record_incident,
    record_sanction_review,
)
from conduct.casework.services.cases import has_prior_warning
from conduct.letters.rules import REVIEW_OUTCOME, LetterRefused
from conduct.letters.services import generate_letter
from conduct.privacy.registry import record_types
from tests.casework.conftest import details
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def decide(incident: Incident, manager: Any, outcomes: list[str]) -> Decision:
    assert incident.case is not None
    return record_decision(
        incident.case,
        DecisionInput(
            outcomes=outcomes,
            reasons="Threats after a warning on the call.",
            clauses=["threatening_communication"],
            adjustments_note="No disability known; writing offered.",
        ),
        actor=manager,
        expected_version=incident.case.version,
    )


def review(decision: Decision, actor: Any, **changes: Any) -> Review:
    base: dict[str, Any] = {
        "subject": "written_warning",
        "outcome": "end",
        "reasons": "The client showed the calls were about a genuine error on our part.",
    }
    base.update(changes)
    return record_sanction_review(decision, SanctionReviewInput(**base), actor=actor)


def events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_ending_a_written_warning_lifts_it(
    incident: Incident, manager: Any, other_manager: Any
) -> None:
    # Only the written warning: the verbal one from the call is not part of the decision.
    ClientWarning.objects.filter(incident=incident).delete()
    decision = decide(incident, manager, ["written_warning"])
    assert queries.marker_for(decision.client_id) is not None
    made = review(decision, other_manager)
    assert made.requested_by_client and made.decision == decision and made.warning is not None
    assert made.warning.ended_on == timezone.localdate()
    details_ = [e.detail for e in queries.timeline_for(decision.client_id) if e.kind == "warning"]
    assert any("ended on review on" in d for d in details_)
    assert queries.marker_for(decision.client_id) is None
    assert not has_prior_warning(decision.client_id)
    assert events("casework.sanction_review.recorded") == 1
    with pytest.raises(RuleViolation, match="no longer in force"):
        review(decision, other_manager, outcome="confirm")


def test_varying_a_warning_changes_its_end_date_and_keeps_the_old_one(
    incident: Incident, manager: Any, other_manager: Any
) -> None:
    decision = decide(incident, manager, ["written_warning"])
    new_end = timezone.localdate() + timedelta(days=30)
    made = review(decision, other_manager, outcome="vary", warning_until=new_end)
    warning = ClientWarning.objects.get(decision=decision)
    assert warning.active_until == new_end and warning.ended_on is None
    assert made.previous_terms["active_until"] != new_end.isoformat()


def test_the_decider_may_not_review_and_confirm_changes_nothing(
    incident: Incident, manager: Any, other_manager: Any
) -> None:
    decision = decide(incident, manager, ["written_warning"])
    with pytest.raises(RuleViolation) as caught:
        review(decision, manager)
    assert caught.value.rule == "reviewer_not_decider"
    review(decision, other_manager, outcome="confirm")
    assert ClientWarning.objects.get(decision=decision).ended_on is None
    assert events("casework.sanction_review.recorded") == 1


def test_ending_a_termination_lifts_the_marker(
    incident: Incident, manager: Any, other_manager: Any
) -> None:
    decision = decide(incident, manager, ["terminate_engagement"])
    marker = queries.marker_for(decision.client_id)
    assert marker is not None and marker.headline == "Engagement terminated"
    review(decision, other_manager, subject="terminate_engagement")
    marker = queries.marker_for(decision.client_id)
    assert marker is None or marker.headline != "Engagement terminated"
    timeline = [e.title for e in queries.timeline_for(decision.client_id)]
    assert "Review of the termination of engagement: end" in timeline


def test_varying_a_termination_puts_a_restriction_in_its_place(
    incident: Incident, manager: Any, other_manager: Any
) -> None:
    decision = decide(incident, manager, ["terminate_engagement"])
    review_on = timezone.localdate() + timedelta(days=90)
    made = review(
        decision,
        other_manager,
        subject="terminate_engagement",
        outcome="vary",
        new_terms=RestrictionInput(
            starts_on=None, review_on=review_on, channels_allowed=["letter"]
        ),
    )
    restriction = Restriction.objects.get(decision=decision)
    assert restriction.starts_on == timezone.localdate() and made.next_review_on == review_on
    marker = queries.marker_for(decision.client_id)
    assert marker is not None and marker.tag.startswith("Restriction until")


def test_a_decision_with_neither_has_nothing_to_review(
    incident: Incident, manager: Any, other_manager: Any
) -> None:
    decision = decide(incident, manager, ["no_further_action"])
    with pytest.raises(RuleViolation, match="no longer in force"):
        review(decision, other_manager)


def test_an_expired_warning_does_not_count_for_warn_before_sanction(
    client_record: Any, staff: Any, manager: Any
) -> None:
    long_ago = timezone.now() - timedelta(days=400)
    incident = record_incident(
        details(client_record, occurred_at=long_ago, categories=["abusive_language"]),
        actor=staff,
    )
    assert ClientWarning.objects.filter(incident=incident).exists()
    assert not has_prior_warning(client_record.pk)
    with pytest.raises(RuleViolation) as caught:
        record_decision(
            incident.case,  # type: ignore[arg-type]
            DecisionInput(
                outcomes=["contact_restriction"],
                reasons="Abuse.",
                clauses=["abusive_language"],
                adjustments_note="None known.",
                restriction=RestrictionInput(
                    starts_on=timezone.localdate(),
                    review_on=timezone.localdate() + timedelta(days=90),
                    channels_allowed=["letter"],
                ),
            ),
            actor=manager,
            expected_version=1,
        )
    assert caught.value.rule == "warn_before_sanction"


# --- The page and the API -------------------------------------------------------


@pytest.fixture
def warned(incident: Incident, manager: Any) -> Decision:
    return decide(incident, manager, ["written_warning", "terminate_engagement"])


def test_the_review_page_for_each_role(
    warned: Decision, staff: Any, manager: Any, other_manager: Any, outsider: Any
) -> None:
    url = f"/casework/decisions/{warned.pk}/reviews/"
    assert signed_in(staff).get(url).status_code == 403
    assert signed_in(outsider).get(url).status_code == 403
    page = signed_in(manager).get(url)
    assert page.status_code == 200
    assert "another senior manager must review it" in page.content.decode()
    http = signed_in(other_manager)
    page = http.get(url)
    assert "Record a review the client asked for" in page.content.decode()
    assert http.get("/casework/decisions/99999/reviews/").status_code == 404
    refused = http.post(url, {"subject": "written_warning", "outcome": "end", "reasons": ""})
    assert refused.status_code == 400
    done = http.post(
        url, {"subject": "terminate_engagement", "outcome": "end", "reasons": "New evidence."}
    )
    assert done.status_code == 302
    assert Review.objects.get().subject == "terminate_engagement"
    case_page = http.get(f"/casework/cases/{warned.case_id}/").content.decode()
    assert f"/casework/decisions/{warned.pk}/reviews/" in case_page


def test_the_review_api_for_each_role(
    warned: Decision, staff: Any, manager: Any, other_manager: Any, outsider: Any
) -> None:
    url = f"/api/casework/decisions/{warned.pk}/reviews"
    body = json.dumps(
        {"subject": "written_warning", "outcome": "end", "reasons": "Apology accepted."}
    )
    for user, status in ((staff, 403), (outsider, 403), (manager, 422)):
        answer = signed_in(user).post(url, body, content_type="application/json")
        assert answer.status_code == status, user
    answer = signed_in(other_manager).post(url, body, content_type="application/json")
    assert answer.status_code == 201
    data = answer.json()
    assert data["subject"] == "written_warning" and data["decision_id"] == warned.pk
    assert data["restriction_id"] is None and data["warning_id"] is not None
    again = signed_in(other_manager).post(url, body, content_type="application/json")
    assert again.status_code == 422 and "no longer in force" in again.json()["detail"]


def test_other_apps_cope_with_reviews_of_warnings_and_terminations(
    warned: Decision, manager: Any, other_manager: Any
) -> None:
    """Letters refuse a restriction letter for them; erasure removes them cleanly."""
    made = review(warned, other_manager)
    with pytest.raises(LetterRefused, match="told in a warning review outcome letter"):
        generate_letter(REVIEW_OUTCOME, review=made, actor=other_manager)

    # Through the registry, as retention reaches it.
    casework = next(t for t in record_types() if t.key == "casework")
    casework.erase(warned.client, other_manager)
    assert not Review.objects.exists() and not Decision.objects.exists()
