"""The bridge to the screening engine: what is screened, and in what text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from conduct.correspondence.models import WRITTEN_CHANNELS


def screened_text(subject: str, body: str) -> str:
    """The text the screener sees; evidence offsets point into it."""
    return f"{subject}\n\n{body}" if subject.strip() else body


def screen_texts(texts: Sequence[str], channel: str) -> list[Any]:
    """Verdicts for ``texts`` (the engine's ``Verdict``), batched for speed."""
    from conduct.screening.engine import screen_many

    return list(screen_many(list(texts), channel=channel))


def should_screen(channel: str, direction: str) -> bool:
    return channel in WRITTEN_CHANNELS and direction == "in"


def verdict_fields(verdict: Any) -> dict[str, Any]:
    """ScreeningResult field values from a Verdict."""
    return {
        "flagged": bool(verdict.flagged),
        "score": float(verdict.score),
        "categories": list(verdict.categories),
        "category_scores": dict(verdict.category_scores),
        "evidence": [
            {"start": e.start, "end": e.end, "category": e.category, "why": e.why}
            for e in verdict.evidence
        ],
        "actions": list(verdict.actions),
        "model_name": verdict.model.name,
        "model_version": verdict.model.version,
        "thresholds": dict(verdict.model.thresholds),
    }
