"""What the screener says about one message."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# The policy's aggressive-or-abusive categories the screener can suggest (policy.yaml ids).
CATEGORIES = (
    "threatening_communication",
    "violence",
    "abusive_language",
    "derogatory_remark",
    "protected_characteristic",
    "inappropriate_banter",
    "inappropriate_social_media",
    "malicious_allegation",
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of the ORIGINAL text: `text == original[start:end]`."""

    start: int
    end: int
    text: str
    category: str
    why: str


@dataclass(frozen=True, slots=True)
class ModelInfo:
    name: str
    version: str
    thresholds: dict[str, float]


@dataclass(frozen=True, slots=True)
class Verdict:
    flagged: bool
    score: float
    category_scores: dict[str, float]
    categories: list[str]
    evidence: list[Evidence]
    actions: list[str]
    model: ModelInfo
    ignored: list[tuple[int, int, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the `ignored` spans, i.e. quotes and history, are included)."""
        d = asdict(self)
        d["ignored"] = [{"start": s, "end": e, "reason": r} for s, e, r in self.ignored]
        return d
