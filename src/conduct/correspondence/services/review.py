"""Reviewing flagged communications: open the full text, refer, or dismiss."""

from __future__ import annotations

import hashlib
import io
from typing import Any

from django.db import transaction
from django.utils import timezone

from conduct.audit.services import record_event
from conduct.casework.services import IncidentDetails, store_evidence, store_incident
from conduct.core.refusals import CONFLICT, Refused
from conduct.correspondence import attachments as files
from conduct.correspondence.models import Communication, ScreeningFeedback
from conduct.policy.services import current_policy
from conduct.screening.categories import DETECTABLE


class ReviewRefused(Refused, ValueError):
    """The communication is not awaiting review (already referred or dismissed)."""

    rule = "review_pending"
    status = CONFLICT


def _locked_pending(communication: Communication) -> Communication:
    locked = Communication.objects.select_for_update().get(pk=communication.pk)
    if locked.review_state != Communication.PENDING:
        raise ReviewRefused(
            f"This communication is not awaiting review (it is {locked.get_review_state_display().lower()})."
        )
    return locked


def open_full_text(communication: Communication, *, actor: Any) -> Communication:
    """Record that ``actor`` chose to read the full text (shielding is the default)."""
    with transaction.atomic():
        record_event(
            "correspondence.communication.full_text_opened",
            actor=actor,
            target=communication,
            client_id=communication.client_id,
            payload={"communication_id": communication.pk},
        )
    return communication


def _sender(comm: Communication) -> str:
    if comm.sender_display and comm.sender_key:
        return f"{comm.sender_display} <{comm.sender_key}>"
    return comm.sender_display or comm.sender_key or "an unknown sender"


_KINDS = {
    "email": "email",
    "letter": "letter",
    "social_media": "social media post",
    "web_form": "web form message",
}


def _incident_details(comm: Communication) -> IncidentDetails:
    screening = comm.screening
    policy = current_policy()
    categories = policy.from_screener(list(screening.categories), DETECTABLE)
    if not categories:
        # The policy maps none of the screener's findings: the incident still needs one.
        fallback = policy.from_screener(["abusive_language"], DETECTABLE)
        categories = fallback or [policy.categories[0].id]
    text = comm.body if not comm.subject else f"{comm.subject}\n\n{comm.body}"
    evidence = [text[e["start"] : e["end"]] for e in screening.evidence][:20]
    why = sorted({str(e["why"]) for e in screening.evidence})[:10]
    channel = comm.channel if comm.channel in policy.channels else "other"
    what_kind = _KINDS.get(channel, "message")
    article = "An" if what_kind[0] in "aeiou" else "A"
    when = timezone.localtime(comm.occurred_at)
    subject = f", subject “{comm.subject}”" if comm.subject else ""
    lines = [
        f"{article} {what_kind} from {_sender(comm)}, received on {when.day} {when:%B %Y} at "
        f"{when:%H:%M}{subject}.",
        f"Screening flagged it on arrival as {'; '.join(c.lower() for c in _titles(categories))} "
        f"({screening.model_name} {screening.model_version}, score {screening.score:.2f}), "
        "and a member of staff referred it without replying.",
    ]
    if why:
        lines.append("Why it was flagged: " + "; ".join(why) + ".")
    lines.append("The message as received is attached as evidence.")
    return IncidentDetails(
        channel=channel,
        occurred_at=comm.occurred_at,
        categories=categories,
        what_happened="\n".join(lines),
        client=comm.client,
        caller_address="" if comm.client else (comm.sender_key or "unknown sender")[:200],
        verbatim_words="\n".join(f"“{e}”" for e in evidence),
        staff_actions=["no_reply", "refer_to_smt"],
    )


def _titles(categories: list[str]) -> list[str]:
    policy = current_policy()
    return [policy.category(c).title for c in categories if policy.has_category(c)]


_EXTENSIONS = {"message/rfc822": "eml", "application/pdf": "pdf", "text/plain": "txt"}


def original_file(comm: Communication) -> tuple[str, bytes]:
    """The message as received (an e-mail's .eml, a letter's file), or, for one kept
    without it (a social-media post, an older import), its stored text as a .txt."""
    stamp = timezone.localtime(comm.occurred_at).strftime("%Y-%m-%d-%H%M")
    if comm.original_sha256:
        try:
            data = files.open_attachment(comm.original_sha256)
        except OSError:
            data = b""
        if data and hashlib.sha256(data).hexdigest() == comm.original_sha256:
            extension = _EXTENSIONS.get(comm.original_type, "bin")
            return f"{comm.channel}-{stamp}.{extension}", data
    when = timezone.localtime(comm.occurred_at)
    header = [
        "The message as stored by Client Conduct (the original was not kept)",
        "",
        f"Channel: {comm.channel}",
        f"From: {_sender(comm)}",
        f"Received: {when.isoformat()}",
    ]
    if comm.url:
        header.append(f"Address: {comm.url}")
    if comm.subject:
        header.append(f"Subject: {comm.subject}")
    text = "\n".join(header) + "\n\n" + comm.body + "\n"
    return f"{comm.channel}-{stamp}.txt", text.encode("utf-8")


def refer_communication(communication: Communication, *, actor: Any) -> Communication:
    """Refer a flagged communication: records an incident (opening a case) pre-filled with
    the channel, time, categories and the flagged words, with the message as received
    attached as its evidence (SHA-256 recorded).

    Refuses (ReviewRefused) one that is not awaiting review; the casework rules
    refuse users who may not record incidents (RuleViolation). Writes one audit
    event, carrying the incident's and the evidence's details.
    """
    with transaction.atomic():
        locked = _locked_pending(communication)
        incident, recorded = store_incident(_incident_details(locked), actor=actor)
        name, data = original_file(locked)
        evidence, added = store_evidence(io.BytesIO(data), name, actor=actor, incident=incident)
        locked.review_state = Communication.REFERRED
        locked.incident = incident
        locked.save(update_fields=["review_state", "incident"])
        ScreeningFeedback.objects.create(
            communication=locked,
            label=ScreeningFeedback.ABUSIVE,
            model_name=locked.screening.model_name,
            model_version=locked.screening.model_version,
            given_by=actor,
            given_at=timezone.now(),
        )
        # One event for the referral: it carries what recording the incident and
        # adding the message as its evidence would each have recorded.
        record_event(
            "correspondence.communication.referred",
            actor=actor,
            target=locked,
            client_id=locked.client_id,
            payload={
                "communication_id": locked.pk,
                **recorded,
                "via": "correspondence",
                "evidence_id": evidence.pk,
                **{f"evidence_{key}": value for key, value in added.items()},
            },
        )
    return locked


def dismiss_communication(communication: Communication, *, actor: Any) -> Communication:
    """'Not abusive': clears "do not reply" and keeps the feedback for retraining."""
    with transaction.atomic():
        locked = _locked_pending(communication)
        locked.review_state = Communication.DISMISSED
        locked.do_not_reply = False
        locked.save(update_fields=["review_state", "do_not_reply"])
        ScreeningFeedback.objects.create(
            communication=locked,
            label=ScreeningFeedback.NOT_ABUSIVE,
            model_name=locked.screening.model_name,
            model_version=locked.screening.model_version,
            given_by=actor,
            given_at=timezone.now(),
        )
        record_event(
            "correspondence.communication.dismissed",
            actor=actor,
            target=locked,
            client_id=locked.client_id,
            payload={"communication_id": locked.pk},
        )
    return locked
