"""What a letter tells the client, and what it never does: every sanction letter
says what, why, for how long, how to ask for a review and of the ombudsman; no
letter carries a screening model's name or score, a record number or a note
written for staff."""

from __future__ import annotations

import io
import json
import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.utils import timezone
from pypdf import PdfReader

from conduct.casework.models import Decision, Review
from conduct.casework.services import (
    DecisionInput,
    RestrictionInput,
    SanctionReviewInput,
    add_case_note,
    record_decision,
    record_sanction_review,
)
from conduct.correspondence.models import Communication
from conduct.correspondence.parsing.email import parse_email
from conduct.correspondence.parsing.items import Item
from conduct.correspondence.services import refer_communication, store_items
from conduct.letters import rules
from conduct.letters.defaults import DEFAULT_TEMPLATES
from conduct.letters.services import generate_letter
from conduct.letters.wording import long_date
from tests.correspondence.conftest import ABUSE, mail

pytestmark = pytest.mark.django_db

REASONS = "You wrote that you would come to our office and hurt a member of staff."
SANCTION_KINDS = [rules.WARNING, rules.RESTRICTION, rules.TERMINATION]


def pdf_text(data: bytes) -> str:
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def referred_email(client_record: Any, staff: Any) -> Communication:
    item = parse_email(mail(7, body=ABUSE, subject="Your staff"), "inbox #7")
    assert isinstance(item, Item)
    store_items([item], actor=staff)
    comm = Communication.objects.get(review_state="pending")
    refer_communication(comm, actor=staff)
    comm.refresh_from_db()
    return comm


def decide(comm: Communication, manager: Any, outcomes: list[str], **extra: Any) -> Decision:
    case = comm.incident.case  # type: ignore[union-attr]
    add_case_note(case, "Internal: the manager spoke to HR about this client.", actor=manager)
    case.refresh_from_db()
    return record_decision(
        case,
        DecisionInput(
            outcomes=outcomes,
            reasons=REASONS,
            clauses=["threatening_communication"],
            adjustments_note="Staff-only: no disability known after checking the file.",
            **extra,
        ),
        actor=manager,
        expected_version=case.version,
    )


def internal_words(comm: Communication) -> list[str]:
    screening = comm.screening
    return [
        screening.model_name,
        screening.model_version,
        f"{screening.score:.2f}",
        "score",
        "flagged",
        f"communication {comm.pk}",
        "referred by staff",
        "Internal: the manager",
        "Staff-only",
        comm.incident.what_happened[:40],  # type: ignore[union-attr]
    ]


def test_the_warning_letter_pdf_from_the_api_holds_reasons_review_route_and_ombudsman(
    referred_email: Communication, manager: Any, as_manager: HttpClient
) -> None:
    decision = decide(referred_email, manager, ["written_warning"])
    created = as_manager.post(
        f"/api/letters/decisions/{decision.pk}/letters",
        json.dumps({"kind": "warning"}),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pdf = as_manager.get(f"/api/letters/{created.json()['id']}/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    text = pdf_text(pdf.content)
    assert REASONS in text
    assert "How to ask for a review" in text
    assert "A senior manager who was not involved in the decision" in text
    assert "1 Example Street, London, SW1A 1AA" in text
    assert "the Legal Ombudsman" in text and "https://www.legalombudsman.org.uk" in text
    warning = decision.warnings.get()
    assert f"stays on our records until {long_date(warning.active_until)}" in text
    assert "On 2 March 2026 at 10:30 (email): any form of physical violence" in text
    assert "threatening emails and telephone calls" in text
    for word in internal_words(referred_email):
        assert word.lower() not in text.lower(), word


@pytest.mark.parametrize("kind", [*SANCTION_KINDS, rules.NO_FURTHER_ACTION])
def test_no_letter_carries_internal_text(
    kind: str, referred_email: Communication, manager: Any
) -> None:
    outcome = {
        rules.WARNING: "written_warning",
        rules.RESTRICTION: "contact_restriction",
        rules.TERMINATION: "terminate_engagement",
        rules.NO_FURTHER_ACTION: "no_further_action",
    }[kind]
    today = timezone.localdate()
    extra: dict[str, Any] = {}
    if kind == rules.RESTRICTION:
        extra["restriction"] = RestrictionInput(
            starts_on=today, review_on=today + timedelta(days=90), channels_allowed=["letter"]
        )
    if kind in (rules.RESTRICTION, rules.TERMINATION):
        case = referred_email.incident.case  # type: ignore[union-attr]
        from conduct.casework.services import record_override

        record_override(
            case, ground="threats_of_violence", reason="A threat to hurt.", actor=manager
        )
    letter = generate_letter(
        kind, decision=decide(referred_email, manager, [outcome], **extra), actor=manager
    )
    for word in internal_words(referred_email):
        assert word.lower() not in letter.body.lower(), word
        assert word.lower() not in letter.html.lower(), word
    assert not re.search(r"\b(incident|case|communication) \d+\b", letter.body)


@pytest.mark.parametrize("kind", SANCTION_KINDS)
def test_every_sanction_template_states_what_why_how_long_review_and_ombudsman(kind: str) -> None:
    subject, body = DEFAULT_TEMPLATES[kind]
    rules.check_template(kind, subject=subject, body=body)
    assert "{{ reasons }}" in body
    assert "## How to ask for a review" in body and "not involved" in body
    assert "{{ ombudsman_name }}" in body and "{{ organisation_address }}" in body
    without_route = body.replace("{{ ombudsman_name }}", "the ombudsman")
    with pytest.raises(rules.LetterRefused, match="the ombudsman the client can complain to"):
        rules.check_template(kind, subject=subject, body=without_route)


def test_a_warning_template_without_the_reasons_is_refused() -> None:
    subject, body = DEFAULT_TEMPLATES[rules.WARNING]
    with pytest.raises(rules.LetterRefused, match="the reasons for the decision"):
        rules.check_template(rules.WARNING, subject=subject, body=body.replace("{{ reasons }}", ""))


def review(decision: Decision, other_manager: Any, subject: str, outcome: str, **kw: Any) -> Review:
    data = SanctionReviewInput(
        subject=subject, outcome=outcome, reasons="The client apologised in writing.", **kw
    )
    return record_sanction_review(decision, data, actor=other_manager)


@pytest.mark.parametrize(
    "outcome, says",
    [
        ("confirm", "We have decided that the warning stands."),
        ("vary", "We have decided to change how long the warning stays on our records."),
        ("end", "We have decided to withdraw the warning."),
    ],
)
def test_a_review_of_a_warning_has_its_own_outcome_letter(
    outcome: str, says: str, referred_email: Communication, manager: Any, other_manager: Any
) -> None:
    decision = decide(referred_email, manager, ["written_warning"])
    until = timezone.localdate() + timedelta(days=60)
    done = review(
        decision,
        other_manager,
        "written_warning",
        outcome,
        warning_until=until if outcome == "vary" else None,
    )
    kind = rules.review_letter_kind(done.subject)
    assert kind == rules.WARNING_REVIEW
    letter = generate_letter(kind, review=done, actor=other_manager)
    assert says in letter.body
    assert "The client apologised in writing." in letter.body
    assert "complain to the Legal Ombudsman" in letter.body
    assert "not involved in the original decision" in letter.body
    if outcome == "vary":
        assert f"stays on our records until {long_date(until)}" in letter.body
    if outcome == "end":
        assert "stays on our records until" not in letter.body
    with pytest.raises(rules.LetterRefused, match="warning review outcome letter"):
        generate_letter(rules.REVIEW_OUTCOME, review=done, actor=other_manager)


@pytest.mark.parametrize("outcome", ["confirm", "vary", "end"])
def test_a_review_of_a_termination_has_its_own_outcome_letter(
    outcome: str, referred_email: Communication, manager: Any, other_manager: Any
) -> None:
    case = referred_email.incident.case  # type: ignore[union-attr]
    from conduct.casework.services import record_override

    record_override(case, ground="threats_of_violence", reason="A threat to hurt.", actor=manager)
    decision = decide(referred_email, manager, ["terminate_engagement"])
    today = timezone.localdate()
    terms = RestrictionInput(
        starts_on=today, review_on=today + timedelta(days=120), channels_allowed=["letter"]
    )
    done = review(
        decision,
        other_manager,
        "terminate_engagement",
        outcome,
        new_terms=terms if outcome == "vary" else None,
    )
    kind = rules.review_letter_kind(done.subject)
    assert kind == rules.TERMINATION_REVIEW
    letter = generate_letter(kind, review=done, actor=other_manager)
    assert "complain to the Legal Ombudsman" in letter.body
    if outcome == "confirm":
        assert "our decision to end our engagement with you stands" in letter.body
    if outcome == "end":
        assert "withdraw our decision to end our engagement" in letter.body
    if outcome == "vary":
        assert "Please contact us in writing only (letter)" in letter.body
        assert f"until {long_date(today + timedelta(days=120))}" in letter.body
        assert "You can ask for a review before then" in letter.body
