"""The functional and bias suite (engine.suite), with the committed model: one test per case."""

from __future__ import annotations

import pytest

from conduct.screening.engine import screen
from conduct.screening.engine.suite import CASES, KNOWN_MISSES, Case

_KNOWN = pytest.mark.xfail(strict=True, reason="a known miss of the learned model (suite.py)")
_PARAMS = [pytest.param(c, marks=[_KNOWN] if c.text in KNOWN_MISSES else []) for c in CASES]


def test_known_misses_are_suite_cases() -> None:
    assert {c.text for c in CASES} >= KNOWN_MISSES


@pytest.mark.parametrize("case", _PARAMS, ids=lambda c: f"{c.functionality}:{c.text[:40]}")
def test_case(case: Case) -> None:
    verdict = screen(case.text, channel=case.channel)
    assert verdict.flagged is case.flagged, (verdict.categories, verdict.evidence)
    if case.category is not None:
        assert case.category in verdict.categories


def test_uk_legitimate_complaints_are_not_flagged_even_as_one_long_email() -> None:
    from conduct.screening.engine.suite import LEGITIMATE_COMPLAINTS_UK

    email = "\n\n".join(c.text for c in LEGITIMATE_COMPLAINTS_UK)
    assert not screen(email, channel="email").flagged


@pytest.mark.xfail(strict=True, reason="a known miss: one chunk mixes 'you' with swearing")
def test_legitimate_complaints_as_one_long_email() -> None:
    from conduct.screening.engine.suite import LEGITIMATE_COMPLAINTS

    email = "\n\n".join(c.text for c in LEGITIMATE_COMPLAINTS)
    assert not screen(email, channel="email").flagged
