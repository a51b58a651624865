"""Every verdict field on a fixed, varied sample equals the committed snapshot.

The sample is the functional suite's texts plus generated long emails (quoted history,
signatures, obfuscated words, Unicode look-alikes). A speed-up must not change any verdict:
flagged, scores (to 1e-9), categories, evidence offsets and ignored spans are all compared.

After an intended change of behaviour, regenerate the snapshot:

    .venv/bin/python tests/screening/test_verdict_snapshot.py
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from conduct.screening.engine.api import default_screener
from conduct.screening.engine.suite import CASES

SNAPSHOT = Path(__file__).with_name("verdict_snapshot.json")

_PLAIN = [
    "I am writing about my case, which has now been open for six weeks.",
    "Nobody has called me back, although I was promised a call within 48 hours.",
    "Please refund the duplicate charge taken on 3 March.",
    "I will take this to the Ombudsman if I do not hear from you.",
    "My neighbour had the same experience at your branch.",
    "Thank you for your help last week, it was appreciated.",
]
_ABUSIVE = [
    "You are a useless, lying idiot.",
    "I know where you live.",
    "f*ck you and your 1d10t manager.",
    "y o u  a r e  a n  i d i o t",
    "you are a st00pid m0r0n",
    "Y\u043eu \u0430re \u0430 \u0441lown.",  # Cyrillic look-alikes
    "\uff59\uff4f\uff55 \uff49\uff44\uff49\uff4f\uff54",  # full-width
    "i\u200bd\u200bi\u200bo\u200bt",  # zero-width joiners
    "I'll smash your face in if this is not sorted.",
    "Go back to your own country.",
    "idiooooot, sh!t service",
    "He said you were a moron, which is not acceptable.",
    "Calling people \u201cscum\u201d is wrong.",
]
_QUOTES = [
    "On 2 March, Advice Team wrote:\n> Thank you for your email.\n> You are an idiot.",
    "-----Original Message-----\nFrom: someone\nSent: Monday\n\nYou useless idiot.",
    "> I will kill you\n> said the caller",
]
_SIGNATURES = [
    "--\nJ. Smith\nCustomer, account 1234",
    "Kind regards,\nAnna M\u00fcller\nSent from my iPhone",
    "Yours faithfully,\nClient 42",
]


def sample() -> list[str]:
    rng = random.Random(11)
    texts = [c.text for c in CASES]
    for i in range(60):
        parts = [rng.choice(["Dear Sir or Madam,", "Hi team,", "Hello,"]), ""]
        while sum(len(p) for p in parts) < rng.randint(400, 2500):
            parts.append(rng.choice(_ABUSIVE if rng.random() < 0.2 else _PLAIN))
        parts += ["", rng.choice(_SIGNATURES)]
        if i % 3 == 0:
            parts += ["", rng.choice(_QUOTES)]
        texts.append("\n".join(parts))
    return texts


def verdicts() -> list[dict[str, Any]]:
    out = []
    for v in default_screener().screen_many(sample()):
        out.append(
            {
                "flagged": v.flagged,
                "score": v.score,
                "category_scores": v.category_scores,
                "categories": v.categories,
                "evidence": [[e.start, e.end, e.category, e.why] for e in v.evidence],
                "ignored": [list(s) for s in v.ignored],
            }
        )
    return out


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return abs(a - b) <= 1e-9
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def test_verdicts_match_the_snapshot() -> None:
    expected = json.loads(SNAPSHOT.read_text())
    got = json.loads(json.dumps(verdicts()))
    assert len(got) == len(expected)
    texts = sample()
    for text, g, e in zip(texts, got, expected, strict=True):
        assert _close(g, e), (text[:200], g, e)


def test_single_calls_match_the_batch() -> None:
    screener = default_screener()
    texts = sample()[::7]
    batch = screener.screen_many(texts)
    for text, v in zip(texts, batch, strict=True):
        assert screener.screen(text) == v


if __name__ == "__main__":
    SNAPSHOT.write_text(json.dumps(verdicts(), separators=(",", ":")) + "\n")
