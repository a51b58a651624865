"""A request's letters as documents, on the letters app's letterhead."""

from __future__ import annotations

from typing import Any

from conduct.casework.wording import long_date
from conduct.letters import facts as letter_facts
from conduct.letters.render import render_document
from conduct.requests import wording
from conduct.requests.models import ClientRequest

ICO = "ico.org.uk, 0303 123 1113"


def facts_for(request: ClientRequest, actor: Any) -> dict[str, str]:
    facts = {
        k: v for k, v in letter_facts.common(request.client, actor).items() if isinstance(v, str)
    }
    facts.update(
        reference=request.reference,
        received_on=long_date(request.received_on),
        first_due_on=long_date(request.due_on),
        due_on=long_date(request.deadline),
        summary=request.summary,
        reason=request.extension_reason,
        months=str(request.extension_months),
        outcome_note=request.outcome_note,
        closed_on=long_date(request.closed_on) if request.closed_on else "",
        ico=ICO,
    )
    return facts


def letter_document(request: ClientRequest, letter: str, actor: Any) -> tuple[str, str]:
    """(subject, HTML document) of one of the request's letters."""
    facts = facts_for(request, actor)
    if letter == wording.EXTENSION and request.extension_told_on is not None:
        # The extension letter is dated the day the client was told.
        facts["letter_date"] = long_date(request.extension_told_on)
    subject, body = wording.letter_text(letter, request.kind, facts)
    return subject, render_document(subject=subject, body=body, facts=facts)
