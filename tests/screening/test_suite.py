"""The functional and bias suite (engine.suite), with the committed model: one test per case."""

from __future__ import annotations

import pytest

from conduct.screening.engine import screen
from conduct.screening.engine.suite import CASES, Case


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.functionality}:{c.text[:40]}")
def test_case(case: Case) -> None:
    verdict = screen(case.text, channel=case.channel)
    assert verdict.flagged is case.flagged, (verdict.categories, verdict.evidence)
    if case.category is not None:
        assert case.category in verdict.categories


def test_legitimate_complaints_are_never_flagged_even_as_one_long_email() -> None:
    from conduct.screening.engine.suite import LEGITIMATE_COMPLAINTS, LEGITIMATE_COMPLAINTS_UK

    for cases in (LEGITIMATE_COMPLAINTS, LEGITIMATE_COMPLAINTS_UK):
        email = "\n\n".join(c.text for c in cases)
        assert not screen(email, channel="email").flagged
