"""Generating, editing and sending letters through the services; one audit event each."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from conduct.audit.models import AuditEvent
from conduct.casework.models import Decision, Review
from conduct.letters import rules
from conduct.letters.models import Letter
from conduct.letters.services import (
    LetterRefused,
    StaleLetter,
    change_template,
    current_template,
    edit_letter,
    generate_letter,
    send_letter,
)
from conduct.letters.wording import long_date
from tests.letters.conftest import REASONS

pytestmark = pytest.mark.django_db


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("seq"))


def test_a_restriction_letter_is_filled_in_from_the_decision(
    restriction_decision: Decision, manager: Any
) -> None:
    letter = generate_letter(rules.RESTRICTION, decision=restriction_decision, actor=manager)
    restriction = restriction_decision.restrictions.get()
    assert letter.status == Letter.DRAFT
    assert letter.client == restriction_decision.client
    assert letter.template == current_template(rules.RESTRICTION)
    assert letter.body == letter.generated_body
    body = letter.body
    assert "Dear Jane Example," in body
    assert "Please contact us in writing only (email, letter)" in body
    assert "Please do not visit our offices" in body
    assert REASONS in body
    assert "Threatening emails and telephone calls" in body
    assert f"will be reviewed on {long_date(restriction.review_on)}" in body
    assert "## How to ask for a review" in body
    assert "the Legal Ombudsman (https://www.legalombudsman.org.uk)" in body
    assert letter.subject == f"How you can contact us from {long_date(restriction.starts_on)}"
    assert "<h2>How to ask for a review</h2>" in letter.html
    assert "Example Organisation Ltd" in letter.html
    assert 'src="data:image/svg+xml;base64,' in letter.html
    [event] = events("letters.letter.generated")
    assert event.client_id == letter.client_id
    assert event.payload["template_version"] == 1
    assert event.sentence.startswith(f"generated restriction letter {letter.pk} from the decision")


def test_a_restriction_letter_for_a_decision_without_a_restriction_is_refused(
    warning_decision: Decision, manager: Any
) -> None:
    with pytest.raises(LetterRefused) as refused:
        generate_letter(rules.RESTRICTION, decision=warning_decision, actor=manager)
    assert "A restriction letter needs" in refused.value.message
    assert "a review date; the decision has none." in refused.value.message
    assert not Letter.objects.exists()
    assert not events("letters.letter.generated")


def test_a_warning_letter_says_what_happened_which_clause_and_what_next(
    warning_decision: Decision, manager: Any
) -> None:
    letter = generate_letter(rules.WARNING, decision=warning_decision, actor=manager)
    assert "(phone): threatening emails and telephone calls." in letter.body
    assert "Shouting and a threat on the phone." in letter.body  # the decision's reasons
    assert "## What we ask of you" in letter.body
    assert "This warning stays on our records until" in letter.body
    with pytest.raises(LetterRefused, match="did not reach the outcome"):
        generate_letter(rules.TERMINATION, decision=warning_decision, actor=manager)


def test_a_review_outcome_letter_names_the_next_review(review: Review, manager: Any) -> None:
    letter = generate_letter(rules.REVIEW_OUTCOME, review=review, actor=manager)
    assert letter.review == review and letter.decision is None
    assert "as you asked us to" in letter.body
    assert "We have decided to keep the restriction in place." in letter.body
    assert f"We will review it again on {long_date(review.next_review_on)}" in letter.body  # type: ignore[arg-type]
    assert "complain to the Legal Ombudsman" in letter.body


def test_staff_cannot_write_letters(restriction_decision: Decision, staff: Any) -> None:
    with pytest.raises(PermissionDenied):
        generate_letter(rules.RESTRICTION, decision=restriction_decision, actor=staff)


def test_the_manager_edits_a_draft_and_the_generated_words_are_kept(
    restriction_decision: Decision, manager: Any
) -> None:
    letter = generate_letter(rules.RESTRICTION, decision=restriction_decision, actor=manager)
    edited = edit_letter(
        letter,
        subject="Contacting us from now on",
        body=letter.body + "\n\nP.S. <script>alert(1)</script>",
        actor=manager,
        expected_version=letter.version,
    )
    assert edited.version == letter.version + 1
    assert edited.generated_body == letter.generated_body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in edited.html
    assert "<script>" not in edited.html
    assert len(events("letters.letter.edited")) == 1
    with pytest.raises(StaleLetter):
        edit_letter(letter, subject="x", body="y", actor=manager, expected_version=letter.version)


def test_a_template_change_is_a_new_version_and_old_letters_keep_their_words(
    restriction_decision: Decision, manager: Any, admin_user: Any
) -> None:
    first = generate_letter(rules.RESTRICTION, decision=restriction_decision, actor=manager)
    old = current_template(rules.RESTRICTION)
    new = change_template(
        rules.RESTRICTION,
        subject="Contact with us",
        body=old.body.replace("Dear {{ client_name }},", "Dear {{ client_name }}, hello."),
        note="Friendlier opening",
        actor=admin_user,
    )
    assert (new.version, old.version) == (2, 1)
    second = generate_letter(rules.RESTRICTION, decision=restriction_decision, actor=manager)
    first.refresh_from_db()
    assert first.template_id == old.pk and "hello." not in first.body
    assert second.template_id == new.pk and "Dear Jane Example, hello." in second.body
    [event] = events("letters.template.changed")
    assert event.sentence == "changed the restriction letter template (now version 2)"


def test_templates_are_checked_and_only_admins_change_them(admin_user: Any, manager: Any) -> None:
    with pytest.raises(PermissionDenied):
        change_template(rules.WARNING, subject="s", body="b", actor=manager)
    words = current_template(rules.WARNING).body
    with pytest.raises(LetterRefused, match="has a mistake"):
        change_template(rules.WARNING, subject="s", body=words + "{% if %}", actor=admin_user)
    with pytest.raises(LetterRefused, match="has a mistake"):
        change_template(
            rules.WARNING, subject="s", body="{% load static %}" + words, actor=admin_user
        )
    with pytest.raises(LetterRefused, match=r"leaves out the date the warning stays in force"):
        change_template(
            rules.WARNING,
            subject="s",
            body=words.replace("{{ warning_until }}", "soon"),
            actor=admin_user,
        )


def test_templates_reach_nothing_but_their_facts(
    restriction_decision: Decision, manager: Any, admin_user: Any
) -> None:
    reaching = current_template(rules.RESTRICTION).body + '{% include "base.html" %}'
    with pytest.raises(LetterRefused, match="has a mistake"):
        change_template(rules.RESTRICTION, subject="s", body=reaching, actor=admin_user)
    _store_unchecked(rules.RESTRICTION, body=reaching, actor=admin_user)
    with pytest.raises(LetterRefused, match="has a mistake"):
        generate_letter(rules.RESTRICTION, decision=restriction_decision, actor=manager)


def _store_unchecked(kind: str, *, body: str, actor: Any, subject: str = "s") -> None:
    """A version saved before templates were tried on sample facts."""
    from conduct.letters.models import LetterTemplate

    old = current_template(kind)
    LetterTemplate.objects.create(
        kind=kind,
        version=old.version + 1,
        subject=subject,
        body=body,
        created_by=actor,
        created_at=timezone.now(),
    )


@pytest.mark.parametrize(
    "mistake",
    [
        "{% for a, b in client_name %}{{ a }}{% endfor %}",
        "{% for x in requested_by_client %}{{ x }}{% endfor %}",
        "{% for x in clauses %}{% cycle %}{% endfor %}",
    ],
)
def test_a_template_that_fails_when_filled_in_is_refused_before_it_is_saved(
    admin_user: Any, mistake: str
) -> None:
    words = current_template(rules.WARNING).body
    with pytest.raises(LetterRefused, match="has a mistake"):
        change_template(rules.WARNING, subject="s", body=words + mistake, actor=admin_user)
    with pytest.raises(LetterRefused, match="has a mistake"):
        change_template(rules.WARNING, subject=mistake, body=words, actor=admin_user)
    assert current_template(rules.WARNING).version == 1
    assert events("letters.template.changed") == []


def test_every_default_template_fills_in_with_its_sample_facts() -> None:
    from conduct.letters.render import render_text

    for kind in rules.KINDS:
        template = current_template(kind)
        assert "Sample client name" in render_text(template.body, rules.sample_facts(kind))


def test_a_stored_template_that_cannot_be_filled_in_is_a_refusal_not_a_crash(
    restriction_decision: Decision, manager: Any, admin_user: Any
) -> None:
    words = current_template(rules.RESTRICTION).body
    _store_unchecked(
        rules.RESTRICTION,
        body=words + "{% for a, b in client_name %}{% endfor %}",
        actor=admin_user,
    )
    with pytest.raises(LetterRefused, match="cannot be filled in"):
        generate_letter(rules.RESTRICTION, decision=restriction_decision, actor=manager)
    assert not Letter.objects.exists()


def test_sending_by_post_records_the_date_and_freezes_the_letter(
    restriction_decision: Decision, manager: Any
) -> None:
    letter = generate_letter(rules.RESTRICTION, decision=restriction_decision, actor=manager)
    yesterday = timezone.localdate() - timedelta(days=1)
    sent = send_letter(letter, method="post", sent_on=yesterday, actor=manager)
    assert (sent.status, sent.sent_via, sent.sent_on) == (Letter.SENT, "post", yesterday)
    assert sent.sent_to == "1 High Street\nLeeds"
    assert len(sent.pdf_sha256) == 64
    assert f'<p class="date">{long_date(yesterday)}</p>' in sent.html  # dated when posted
    [event] = events("letters.letter.sent")
    assert (
        event.sentence == f"recorded letter {letter.pk} as sent by post on {yesterday.isoformat()}"
    )
    with pytest.raises(LetterRefused, match="kept exactly as it was sent"):
        edit_letter(sent, subject="x", body="y", actor=manager)
    with pytest.raises(LetterRefused, match="already recorded as sent"):
        send_letter(sent, method="post", sent_on=yesterday, actor=manager)
    assert not mail.outbox


def test_sending_by_email_mails_the_pdf_once_committed(
    restriction_decision: Decision, manager: Any, django_capture_on_commit_callbacks: Any
) -> None:
    letter = generate_letter(rules.RESTRICTION, decision=restriction_decision, actor=manager)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_letter(letter, method="email", sent_on=timezone.localdate(), actor=manager)
    assert not mail.outbox
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.to == ["jane@example.com"]
    assert message.subject == letter.subject
    assert "How to ask for a review" in message.body and "## " not in message.body
    [(name, content, mime)] = message.attachments
    assert (name, mime) == (f"letter-{letter.pk}-restriction.pdf", "application/pdf")
    assert content.startswith(b"%PDF-")


def test_email_only_to_an_address_on_the_client_record(
    restriction_decision: Decision, manager: Any
) -> None:
    letter = generate_letter(rules.RESTRICTION, decision=restriction_decision, actor=manager)
    with pytest.raises(LetterRefused, match="on the client record"):
        send_letter(
            letter,
            method="email",
            sent_on=timezone.localdate(),
            email="someone@else.example",
            actor=manager,
        )
