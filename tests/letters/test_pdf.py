"""The restriction letter as a PDF says what, why, how long, the review date, how
to ask for a review and the ombudsman route (read back out of the PDF)."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

from conduct.casework.models import Decision
from conduct.core.pdf import html_to_pdf
from conduct.letters import rules
from conduct.letters.services import generate_letter
from conduct.letters.wording import long_date

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


def test_the_restriction_letter_pdf_says_everything_the_ombudsman_looks_for(
    restriction_decision: Decision, manager: Any
) -> None:
    letter = generate_letter(rules.RESTRICTION, decision=restriction_decision, actor=manager)
    restriction = restriction_decision.restrictions.get()
    data = html_to_pdf(letter.html)
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    starts, review = long_date(restriction.starts_on), long_date(restriction.review_on)
    # What is restricted
    assert "Please contact us in writing only (email, letter); we will not take calls." in text
    assert "Please do not visit our offices" in text
    # Why: the reasons and the clause relied on
    assert "Threats continued on the phone after the warning was given." in text
    assert "Threatening emails and telephone calls" in text
    # For how long, and the review date
    assert f"From {starts} until {review}" in text
    assert f"The restriction starts on {starts} and will be reviewed on {review}." in text
    # How to ask for a review, by someone not involved
    assert "How to ask for a review" in text
    assert "A senior manager who was not involved in the decision will look at it again" in text
    assert "1 Example Street, London, SW1A 1AA" in text
    # The ombudsman route
    assert (
        "the right to complain to the Legal Ombudsman (https://www.legalombudsman.org.uk)" in text
    )
    # Who it is to, from whom
    assert "Jane Example" in text and "Example Organisation Ltd" in text
