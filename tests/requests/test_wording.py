"""The letters' words: each quotes the reference; no database."""

from __future__ import annotations

import pytest

from conduct.requests import rules, wording

FACTS = {
    "reference": "REQ-00042",
    "received_on": "31 January 2026",
    "first_due_on": "28 February 2026",
    "due_on": "30 April 2026",
    "summary": "A copy of my records.",
    "reason": "Three years of records.",
    "months": "2",
    "outcome_note": "Enclosed.",
    "closed_on": "20 April 2026",
    "ico": "ico.org.uk",
    "ombudsman_name": "the Housing Ombudsman",
    "ombudsman_url": "https://example.org",
    "signatory": "Grace Bell",
    "organisation_name": "Example Housing",
}


@pytest.mark.parametrize("letter", [wording.ACKNOWLEDGEMENT, wording.EXTENSION, wording.ANSWER])
@pytest.mark.parametrize("kind", list(rules.KINDS))
def test_every_letter_gives_the_reference_to_quote(letter: str, kind: str) -> None:
    subject, body = wording.letter_text(letter, kind, FACTS)
    assert "REQ-00042" in subject
    assert "Please quote the reference REQ-00042" in body


def test_the_acknowledgement_gives_the_first_deadline_and_the_extension_the_new_one() -> None:
    _, ack = wording.letter_text(wording.ACKNOWLEDGEMENT, rules.SUBJECT_ACCESS, FACTS)
    assert "We will answer by 28 February 2026." in ack
    _, ext = wording.letter_text(wording.EXTENSION, rules.SUBJECT_ACCESS, FACTS)
    assert "further 2 month(s)" in ext and "30 April 2026" in ext and "Why: Three years" in ext


def test_a_review_answer_names_the_ombudsman_and_a_data_answer_the_ico() -> None:
    _, review = wording.letter_text(wording.ANSWER, rules.REVIEW, FACTS)
    assert "the Housing Ombudsman" in review and "ico.org.uk" not in review
    _, data = wording.letter_text(wording.ANSWER, rules.SUBJECT_ACCESS, FACTS)
    assert "Information Commissioner" in data


def test_which_letters_a_request_has() -> None:
    assert wording.available_letters(status=rules.OPEN, extended=False) == ["acknowledgement"]
    assert wording.available_letters(status=rules.ANSWERED, extended=True) == [
        "acknowledgement",
        "extension",
        "answer",
    ]
    assert wording.available_letters(status=rules.WITHDRAWN, extended=False) == ["acknowledgement"]
    with pytest.raises(ValueError, match="unknown letter"):
        wording.letter_text("postcard", rules.REVIEW, FACTS)
