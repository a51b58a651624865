"""The words of the letters about a client's request. Plain Python.

Each letter names the request's reference for the client to quote. The text
uses the letters app's plain format: a blank line starts a paragraph, ``## `` a
heading, ``- `` a list item.
"""

from __future__ import annotations

from collections.abc import Mapping

from conduct.requests import rules

ACKNOWLEDGEMENT, EXTENSION, ANSWER = "acknowledgement", "extension", "answer"
LETTER_TITLES: dict[str, str] = {
    ACKNOWLEDGEMENT: "acknowledgement",
    EXTENSION: "extension",
    ANSWER: "answer",
}


def available_letters(*, status: str, extended: bool) -> list[str]:
    """The letters a request has at this point: the acknowledgement always, the
    extension once extended, the answer once answered."""
    found = [ACKNOWLEDGEMENT]
    if extended:
        found.append(EXTENSION)
    if status == rules.ANSWERED:
        found.append(ANSWER)
    return found


def _quote(facts: Mapping[str, str]) -> str:
    return f"Please quote the reference {facts['reference']} whenever you contact us about this request."


def _what(kind: str) -> str:
    return (
        "a copy of the personal data we hold about you"
        if kind == rules.SUBJECT_ACCESS
        else "a review of our decision"
    )


def letter_text(letter: str, kind: str, facts: Mapping[str, str]) -> tuple[str, str]:
    """(subject, body) of ``letter`` for a request of ``kind``, from plain-string ``facts``:
    reference, received_on, first_due_on, due_on, summary, reason (extension), months, outcome_note,
    closed_on, ico (subject access), ombudsman_name, ombudsman_url, signatory,
    organisation_name."""
    ref = facts["reference"]
    if letter == ACKNOWLEDGEMENT:
        subject = f"Your request {ref}"
        paragraphs = [
            f"We received your request for {_what(kind)} on {facts['received_on']}.",
            f"What you asked for: {facts['summary']}",
            f"We will answer by {facts['first_due_on']}.",
        ]
        if kind == rules.SUBJECT_ACCESS:
            paragraphs.append(
                "If the request is complex, or you have made several, we may need up to two "
                "further months; if so we will write to you before the first month is up and "
                "tell you why."
            )
        else:
            paragraphs.append(
                "The review will be done by a member of our Senior Management team who was not "
                "involved in the decision."
            )
    elif letter == EXTENSION:
        subject = f"Your request {ref}: more time needed"
        paragraphs = [
            f"We received your request for {_what(kind)} on {facts['received_on']}.",
            f"We need a further {facts['months']} month(s) to answer it, and will answer by "
            f"{facts['due_on']}.",
            f"Why: {facts['reason']}",
            "The law allows this extension where a request is complex or one of several "
            "(UK GDPR Article 12(3)).",
            f"If you are unhappy with this, you may complain to the Information Commissioner's "
            f"Office ({facts['ico']}).",
        ]
    elif letter == ANSWER:
        subject = f"Your request {ref}: our answer"
        paragraphs = [
            f"This is our answer to your request for {_what(kind)}, received on {facts['received_on']}.",
        ]
        if kind == rules.SUBJECT_ACCESS:
            paragraphs.append(
                "We enclose a copy of the personal data we hold about you. Some details of other "
                "people may have been removed to protect them."
            )
        if facts.get("outcome_note"):
            paragraphs.append(facts["outcome_note"])
        if kind == rules.SUBJECT_ACCESS:
            paragraphs.append(
                "If you are unhappy with how we have handled your request, you may complain to the "
                f"Information Commissioner's Office ({facts['ico']})."
            )
        else:
            paragraphs.append(
                f"If you remain unhappy you may complain to {facts['ombudsman_name']} "
                f"({facts['ombudsman_url']})."
            )
    else:
        raise ValueError(f"unknown letter {letter!r}")
    paragraphs.append(_quote(facts))
    paragraphs.append(f"Yours sincerely,\n{facts['signatory'] or facts['organisation_name']}")
    return subject, "\n\n".join(paragraphs)
