"""Letters: generated from a decision or review, edited by a manager, recorded as sent."""

from __future__ import annotations

import hashlib
import logging
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from conduct.audit.services import record_event
from conduct.clients.models import Client
from conduct.core.pdf import html_to_pdf
from conduct.core.refusals import CONFLICT, Refused
from conduct.letters import facts as letter_facts
from conduct.letters import rules, wording
from conduct.letters.models import Letter
from conduct.letters.render import render_document, render_text
from conduct.letters.services.templates import current_template

if TYPE_CHECKING:
    from conduct.casework.models import Decision, Review

logger = logging.getLogger(__name__)


class StaleLetter(Refused):
    """Someone else changed the letter since it was opened."""

    rule = "letter_unchanged"
    status = CONFLICT


def _require(actor: Any, perm: str) -> None:
    if not actor.has_perm(perm):
        raise PermissionDenied("Only senior managers write and send letters.")


def generate_letter(
    kind: str, *, actor: Any, decision: Decision | None = None, review: Review | None = None
) -> Letter:
    """Write a letter of ``kind`` from a decision (or, for a review outcome, a review).

    The facts are filled in from the records and checked before anything is
    rendered. Refuses (PermissionDenied) anyone but a senior manager;
    (LetterRefused) a kind that does not fit the decision, or a required fact
    that is missing, e.g. a restriction letter for a decision with no review date.
    """
    _require(actor, "letters.add_letter")
    if (decision is None) == (review is None):
        raise ValueError("give exactly one of decision or review")
    if decision is not None:
        rules.check_kind_fits_decision(kind, decision.outcomes)
        facts = letter_facts.for_decision(decision, actor)
    else:
        assert review is not None
        if kind != rules.review_letter_kind(review.subject):
            raise rules.LetterRefused(
                "kind_fits",
                f"A review of this kind is told in a {rules.KIND_TITLES[rules.review_letter_kind(review.subject)]}.",
            )
        facts = letter_facts.for_review(review, actor)
    rules.check_facts(kind, facts)
    template = current_template(kind)
    subject = render_text(template.subject, facts)[:200]
    body = render_text(template.body, facts)
    client = letter_facts.client_of(decision=decision, review=review)
    with transaction.atomic():
        letter = Letter.objects.create(
            kind=kind,
            client=client,
            decision=decision,
            review=review,
            template=template,
            facts=facts,
            subject=subject,
            generated_body=body,
            body=body,
            html=render_document(subject=subject, body=body, facts=facts),
            generated_by=actor,
            generated_at=timezone.now(),
        )
        record_event(
            "letters.letter.generated",
            actor=actor,
            target=letter,
            client_id=client.pk,
            payload={
                "letter_id": letter.pk,
                "kind": kind,
                "kind_title": rules.KIND_TITLES[kind],
                "source": f"decision on case {decision.case_id}"
                if decision
                else f"review {review.pk if review else '?'}",
                "template_id": template.pk,
                "template_version": template.version,
                "body_sha256": hashlib.sha256(body.encode()).hexdigest(),
            },
        )
    return letter


def edit_letter(
    letter: Letter, *, subject: str, body: str, actor: Any, expected_version: int | None = None
) -> Letter:
    """Change a draft letter's subject and words. The generated words are kept too.

    Refuses (PermissionDenied) anyone but a senior manager; (LetterRefused) a
    sent letter, an empty subject or body; (StaleLetter) a letter changed meanwhile.
    """
    _require(actor, "letters.change_letter")
    body = body.replace("\r\n", "\n").strip()
    with transaction.atomic():
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        rules.check_editable(sent=locked.is_sent, subject=subject, body=body)
        if expected_version is not None and locked.version != expected_version:
            raise StaleLetter(
                "Someone else changed this letter while you were editing it, so your changes "
                "were not saved. Read the letter as it is now and edit again."
            )
        locked.subject = subject.strip()[:200]
        locked.body = body
        locked.html = render_document(subject=locked.subject, body=body, facts=locked.facts)
        locked.edited_by = actor
        locked.edited_at = timezone.now()
        locked.version += 1
        locked.save()
        record_event(
            "letters.letter.edited",
            actor=actor,
            target=locked,
            client_id=locked.client_id,
            payload={
                "letter_id": locked.pk,
                "version": locked.version,
                "body_sha256": hashlib.sha256(body.encode()).hexdigest(),
            },
        )
    return locked


def client_emails(client: Client) -> list[str]:
    return [p.value for p in client.contact_points.all() if p.kind == "email"]


def pdf_name(letter: Letter) -> str:
    return f"letter-{letter.pk}-{letter.kind.replace('_', '-')}.pdf"


def _deliver(letter_id: int, to: str, pdf: bytes) -> None:
    letter = Letter.objects.get(pk=letter_id)
    message = EmailMessage(
        subject=letter.subject,
        body=wording.to_plain(letter.body) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach(pdf_name(letter), pdf, "application/pdf")
    try:
        message.send(fail_silently=False)
    except (OSError, ValueError) as exc:  # smtplib errors are OSErrors
        logger.warning("letter %s could not be emailed: %s", letter_id, exc.__class__.__name__)
        with transaction.atomic():
            record_event(
                "letters.letter.email_failed",
                actor=None,
                target=letter,
                client_id=letter.client_id,
                payload={"letter_id": letter.pk, "error": exc.__class__.__name__},
            )


def send_letter(
    letter: Letter,
    *,
    method: str,
    sent_on: date | None,
    actor: Any,
    email: str = "",
    expected_version: int | None = None,
) -> Letter:
    """Record a letter as sent, by email (the PDF attached, mailed once this commits) or by post.

    Refuses (PermissionDenied) anyone but a senior manager; (LetterRefused) a
    letter already sent, no method or date, a future date, an email address
    that is not on the client record, or post with no postal address.
    """
    _require(actor, "letters.change_letter")
    client = letter.client
    emails = client_emails(client)
    if method == rules.EMAIL:
        email = email.strip() or (emails[0] if emails else "")
        if email and email.lower() not in {e.lower() for e in emails}:
            raise rules.LetterRefused(
                "send_to", "Send only to an email address on the client record."
            )
    rules.check_send(
        sent=letter.is_sent,
        method=method,
        sent_on=sent_on,
        today=timezone.localdate(),
        email=email,
        address=client.postal_address,
    )
    assert sent_on is not None
    # The letter is dated the day it is sent; from here on the document is frozen.
    facts = {**letter.facts, "letter_date": wording.long_date(sent_on)}
    html = render_document(subject=letter.subject, body=letter.body, facts=facts)
    pdf = html_to_pdf(html)
    with transaction.atomic():
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        if expected_version is not None and locked.version != expected_version:
            raise StaleLetter(
                "This letter changed after you opened it; read it again before sending."
            )
        if locked.is_sent:
            raise rules.LetterRefused("send_once", "This letter is already recorded as sent.")
        if (locked.subject, locked.body) != (letter.subject, letter.body):
            html = render_document(subject=locked.subject, body=locked.body, facts=facts)
            pdf = html_to_pdf(html)
        locked.status = Letter.SENT
        locked.facts = facts
        locked.html = html
        locked.sent_via = method
        locked.sent_on = sent_on
        locked.sent_to = email if method == rules.EMAIL else client.postal_address.strip()
        locked.sent_by = actor
        locked.sent_at = timezone.now()
        locked.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        locked.version += 1
        locked.save()
        record_event(
            "letters.letter.sent",
            actor=actor,
            target=locked,
            client_id=locked.client_id,
            payload={
                "letter_id": locked.pk,
                "via": method,
                "how": "by email" if method == rules.EMAIL else "by post",
                "sent_on": sent_on.isoformat(),
                "pdf_sha256": locked.pdf_sha256,
            },
        )
        if method == rules.EMAIL:
            letter_id = locked.pk
            transaction.on_commit(lambda: _deliver(letter_id, email, pdf))
    return locked
