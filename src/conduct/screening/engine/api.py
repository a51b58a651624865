"""`screen(text)` and `screen_many(texts)`: rules and model combined into a verdict.

1. Quoted history, forwarded messages, signatures, inline quotes, reported speech and
   counter-speech are blanked out (same length, so offsets still point into the input).
2. The rest is normalised (look-alikes folded, disguised words restored).
3. Rules find threats, violence, name-calling aimed at a person, identity-based abuse and
   sexual remarks, each with a fixed confidence.
4. The classifier scores each chunk of a few sentences with one calibrated probability per
   head (abuse, threat, identity-based, sexual); each head's best chunk is the score of its
   policy category (`HEAD_CATEGORY`). No cap, no gate: the probability is the score.
5. A category's score is the highest of its rule confidences and its model probability. It is
   flagged at the one flag threshold; the message is flagged if any category is (a
   malicious-allegation hint never flags on its own).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from . import second_stage
from .classifier import Classifier, default_classifier
from .emailparse import Span, history_spans, mask, merge
from .features import span_tokens
from .identity import GROUP_RULES, identity_hits, profanity_hits
from .lexicon import PROFANITY, SLURS
from .normalise import Normalised, normalise, word_set
from .quotes import quote_spans
from .rules import RULES, Hit, _alt, apply
from .rules import _index as rule_index
from .scan import LazyPattern, literal_start
from .verdict import Evidence, ModelInfo, Verdict

if TYPE_CHECKING:
    from .encoder import Encoder
    from .second_stage import SecondStage

ENCODER_NAME = "minilm"

DEFAULT_THRESHOLDS = {
    # A category (and the message) is flagged at or above this score. The model's scores are
    # calibrated probabilities; the value is chosen on the cross-dataset figures (model card).
    "flag": 0.5,
    # Once a message is flagged, a kind (threat, identity-based, sexual) is also named at this.
    "category": 0.5,
}
# Model head -> the policy category its probability is the score of.
HEAD_CATEGORY = {
    "abuse": "abusive_language",
    "threat": "threatening_communication",
    "identity": "derogatory_remark",
    "sexual": "inappropriate_banter",
}
_HEAD_WHY = {
    "abuse": "abusive",
    "threat": "a threat or call for violence",
    "identity": "identity-based abuse",
    "sexual": "a sexual remark or harassment",
}
_HINT_ONLY = frozenset({"malicious_allegation"})
_NAMED_KINDS = frozenset(HEAD_CATEGORY.values()) - {"abusive_language"}
_WRITTEN = ("no_reply", "refer_to_smt", "inform_smt_and_record")
_SPOKEN = (
    "warn_and_explain",
    "end_call",
    "inform_call_termination",
    "refer_to_smt",
    "inform_smt_and_record",
)
_IN_PERSON = ("warn_and_explain", "staff_withdraws", "refer_to_smt", "inform_smt_and_record")
_POLICE = frozenset({"violence", "threatening_communication"})

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_CHUNK_CHARS = 300
_MODEL_WHY = "statistical model"
_ABUSE_WHY = f"{_MODEL_WHY}: abusive "
# Someone the message could be aimed at; swearing aimed at no one is low severity.
# (`literal_start`: the same matches, found faster.)
_TARGET = literal_start(
    LazyPattern(
        r"\b(?:you|your|yours|yourself|yourselves|u|ur|ya|staff|colleagues?|advis[oe]rs?|manager"
        r"|receptionist|employees?|caseworker|agent|he|she|him|her|they|them)\b"
    )
)
_SWEAR = literal_start(LazyPattern(rf"\b{_alt(PROFANITY)}\b"))


@dataclass(frozen=True)
class Prepared:
    original: str
    ignored: list[Span]
    norm: Normalised


def prepare(text: str) -> Prepared:
    """Blank out what the sender did not say themselves, then normalise."""
    history = history_spans(text)
    without_history = mask(text, history)
    quoted = quote_spans(without_history)
    if not quoted:  # nothing more to blank: the text is already masked
        return Prepared(text, history, normalise(without_history))
    ignored = merge(history + quoted)
    return Prepared(text, ignored, normalise(mask(text, ignored)))


def chunks(text: str) -> list[tuple[int, int]]:
    """Spans of a few whole sentences each, for the model (it was trained on short texts)."""
    out: list[tuple[int, int]] = []
    start = end = -1
    for m in _SENTENCE.finditer(text):
        if m.group().isspace():  # (a match is never empty)
            continue
        lo, hi = m.span()
        if start >= 0 and hi - start > _CHUNK_CHARS:
            out.append((start, end))
            start = -1
        if start < 0:
            start = lo
        end = hi
    if start >= 0:
        out.append((start, end))
    return out


_asked: list[tuple[object, object, frozenset[str]]] = []


def _asked_words() -> frozenset[str]:
    """Every word that the rules, slurs and swear words below ask for (kept while the rule
    lists are unchanged)."""
    rules_index, group_index = rule_index(RULES), rule_index(GROUP_RULES)
    if not _asked or _asked[0][0] is not rules_index or _asked[0][1] is not group_index:
        words = rules_index.all_words | group_index.all_words | SLURS | PROFANITY
        _asked[:] = [(rules_index, group_index, words)]
    return _asked[0][2]


def rule_hits(text: str) -> list[Hit]:
    # Only the words something asks for: every gate below meets them exactly where it meets
    # all the text's words, and a small set is quicker to meet.
    words = _asked_words() & word_set(text)
    return apply(RULES, text, words) + identity_hits(text, words) + profanity_hits(text, words)


class Screener:
    """Rules plus an optional classifier. Build once; `screen_many` is the fast path."""

    def __init__(
        self,
        classifier: Classifier | None,
        thresholds: dict[str, float] | None = None,
        *,
        rules: bool = True,
        swearing_discount: bool = True,
        second_stage: SecondStage | None = None,
        embed: Callable[[Sequence[str]], npt.NDArray[np.float32]] | None = None,
    ) -> None:
        self.classifier = classifier
        # The second stage (`second_stage.py`) needs the first stage's model and an encoder.
        self.second_stage = second_stage if classifier is not None and embed else None
        self.embed = embed
        self.rules = rules  # False: the model alone (to measure what the rules add)
        self.swearing_discount = swearing_discount
        stored = (classifier.metadata.get("thresholds") if classifier else None) or {}
        if self.second_stage is not None:
            stored = {**stored, "flag": self.second_stage.flag}
        self.thresholds = {**DEFAULT_THRESHOLDS, **stored, **(thresholds or {})}
        if classifier is None:
            self.model = ModelInfo("conduct-screening-rules", "rules-only", dict(self.thresholds))
        else:
            self.model = ModelInfo(classifier.name, classifier.version, dict(self.thresholds))
        if self.second_stage is not None and classifier is not None:
            self.model = ModelInfo(
                f"{classifier.name}+{ENCODER_NAME}",
                f"{classifier.version}+{self.second_stage.version}",
                dict(self.thresholds),
            )

    def screen(self, text: str, channel: str | None = None) -> Verdict:
        return self.screen_many([text], channel=channel)[0]

    def screen_many(self, texts: Sequence[str], channel: str | None = None) -> list[Verdict]:
        prepared: list[Prepared] = []
        rule_results: list[list[Hit]] = []
        for t in texts:
            # The rules run straight after preparing each text: the words and sentence ends
            # found for its quotes are then still at hand (see `word_set` and `scan`).
            p = prepare(t)
            prepared.append(p)
            rule_results.append(rule_hits(p.norm.text) if self.rules else [])
        spans = [chunks(p.norm.text) for p in prepared]
        # Each text's chunk probabilities, one row (a list of heads) per chunk.
        rows: list[list[list[float]]] = [[] for _ in prepared]
        if self.classifier is not None:
            tokens = [
                t
                for p, cs in zip(prepared, spans, strict=True)
                for t in span_tokens(p.norm.text, cs)
            ]
            scores = self.classifier.predict_tokens(tokens)  # `predict_all` of the chunks
            if self.classifier.metadata.get("conditional_heads") and scores.shape[1] > 1:
                # The kind heads were trained on abusive rows only, so they give
                # P(kind | abusive): a kind's score is P(abusive) * P(kind | abusive).
                scores = np.concatenate([scores[:, :1], scores[:, :1] * scores[:, 1:]], axis=1)
            table = scores.tolist()  # once for the batch: the rest is plain Python
            k = 0
            for i, cs in enumerate(spans):
                rows[i] = table[k : k + len(cs)]
                k += len(cs)
        all_hits = [
            hits + self._model_hits(p.norm.text, cs, ps)
            for p, cs, ps, hits in zip(prepared, spans, rows, rule_results, strict=True)
        ]
        if self.second_stage is not None:
            all_hits = self._second_stage(prepared, all_hits)
        return [self._verdict(p, hits, channel) for p, hits in zip(prepared, all_hits, strict=True)]

    def _second_stage(self, prepared: list[Prepared], all_hits: list[list[Hit]]) -> list[list[Hit]]:
        """Messages in the uncertain band: a weighted mean of the first stage's score and the
        encoder's probability for the abuse head's best chunk becomes the message's score.
        The model's category scores are scaled to it; a rule's confidence is raised with
        them, never lowered (a rule found a phrasing the encoder may not know)."""
        stage, embed = self.second_stage, self.embed
        assert stage is not None and embed is not None
        todo: list[tuple[int, float, str]] = []
        for i, hits in enumerate(all_hits):
            first = max((h.score for h in hits if h.category not in _HINT_ONLY), default=0.0)
            best = next((h for h in hits if h.why.startswith(_ABUSE_WHY)), None)
            if best is not None and first > 0 and stage.in_band(first):
                chunk = prepared[i].norm.text[best.start : best.end]
                if self.swearing_discount and not _TARGET.search(chunk) and _SWEAR.search(chunk):
                    chunk = _SWEAR.sub(" ", chunk)  # as the first stage: aimed at no one
                todo.append((i, first, chunk))
        if not todo:
            return all_hits
        second = stage.probability(embed([t for _, _, t in todo]))
        out = list(all_hits)
        for (i, first, _), p2 in zip(todo, second.tolist(), strict=True):
            both = (1 - stage.weight) * first + stage.weight * p2
            factor = both / first
            note = f"; second stage {p2:.2f}, {both:.2f} with the first ({first:.2f})"
            out[i] = [
                h if h.category in _HINT_ONLY or (factor < 1 and not h.why.startswith(_MODEL_WHY))
                else Hit(h.category, h.start, h.end, round(min(1.0, h.score * factor), 4),
                         h.why + note)
                for h in all_hits[i]
            ]  # fmt: skip
        return out

    def _model_hits(
        self, text: str, spans: list[tuple[int, int]], rows: list[list[float]]
    ) -> list[Hit]:
        """One hit per head: its best chunk, scored with the head's calibrated probability
        (`rows`: each chunk's probabilities, the kind heads already times P(abusive))."""
        out: list[Hit] = []
        if self.classifier is None or not rows:
            return out
        n = len(rows)
        for k, head in enumerate(self.classifier.heads):
            column = [row[k] for row in rows]
            # The first chunk with the highest probability (as `argmax` picks it).
            best = 0 if n == 1 else max(range(n), key=column.__getitem__)
            p = column[best]
            why = f"{_MODEL_WHY}: {_HEAD_WHY.get(head, head)} with probability {p:.2f}"
            start, end = spans[best]
            if k == 0 and self.swearing_discount:
                chunk = text[start:end]
                if not _TARGET.search(chunk) and _SWEAR.search(chunk):
                    # Swearing aimed at no one: the rest of the chunk must be abusive on its own.
                    rest = float(self.classifier.predict([_SWEAR.sub(" ", chunk)])[0])
                    if rest < p:
                        p = rest
                        why += f", {rest:.2f} without its swear words (aimed at no one)"
            out.append(
                Hit(HEAD_CATEGORY.get(head, "abusive_language"), start, end, round(p, 4), why)
            )
        return out

    def _verdict(self, prep: Prepared, hits: list[Hit], channel: str | None) -> Verdict:
        flag = self.thresholds["flag"]
        scores: dict[str, float] = {}
        for h in hits:
            scores[h.category] = max(scores.get(h.category, 0.0), h.score)
        flagged_cats = [c for c, s in scores.items() if s >= flag and c not in _HINT_ONLY]
        flagged = bool(flagged_cats)
        if flagged:
            # A flagged message also names the kinds of abuse whose score reaches the
            # (lower) category bar: a threat the abuse head flags is named as a threat.
            bar = self.thresholds.get("category", flag)
            flagged_cats += [
                c for c, s in scores.items()
                if bar <= s < flag and c in _NAMED_KINDS
            ]  # fmt: skip
            flagged_cats += [c for c in _HINT_ONLY if c in scores]
            if channel == "social_media":
                scores["inappropriate_social_media"] = max(scores.values())
                flagged_cats.append("inappropriate_social_media")
        score = max((s for c, s in scores.items() if c not in _HINT_ONLY), default=0.0)
        return Verdict(
            flagged=flagged,
            score=round(score, 4),
            category_scores={c: round(s, 4) for c, s in sorted(scores.items())},
            categories=sorted(flagged_cats, key=lambda c: -scores[c]),
            evidence=self._evidence(prep, hits),
            actions=_actions(flagged_cats, channel) if flagged else [],
            model=self.model,
            ignored=[(s.start, s.end, s.reason) for s in prep.ignored],
        )

    def _evidence(self, prep: Prepared, hits: list[Hit]) -> list[Evidence]:
        out: dict[tuple[int, int, str], Evidence] = {}
        flag = self.thresholds["flag"]
        ruled = {h.category for h in hits if h.score >= flag and not h.why.startswith(_MODEL_WHY)}
        for h in sorted(hits, key=lambda h: (h.start, -h.score)):
            if h.why.startswith(_MODEL_WHY) and (h.score < flag or h.category in ruled):
                continue  # a rule's evidence says more than the model's chunk
            start, end = prep.norm.span_to_original(h.start, h.end)
            raw = prep.original[start:end]
            start += len(raw) - len(raw.lstrip())
            end -= len(raw) - len(raw.rstrip())
            key = (start, end, h.category)
            if end > start and key not in out:
                out[key] = Evidence(start, end, prep.original[start:end], h.category, h.why)
        kept: list[Evidence] = []
        for e in sorted(out.values(), key=lambda e: (e.start, -e.end)):
            # A span inside a longer one of the same category adds nothing.
            if not any(
                k.category == e.category and k.start <= e.start and e.end <= k.end for k in kept
            ):
                kept.append(e)
        return kept


def _actions(categories: list[str], channel: str | None) -> list[str]:
    if channel in ("phone", "video"):
        actions = list(_SPOKEN)
    elif channel == "in_person":
        actions = list(_IN_PERSON)
    else:
        actions = list(_WRITTEN)
    if _POLICE.intersection(categories):
        actions.append("police_referral")
    return actions


_default: Screener | None = None


def default_screener() -> Screener:
    """The process-wide screener with the committed model (loaded once)."""
    global _default
    if _default is None:
        stage = second_stage.default()
        if stage is None:
            _default = Screener(default_classifier())
        else:
            head, encoder = stage
            _default = Screener(default_classifier(), second_stage=head, embed=_one_by_one(encoder))
    return _default


def _one_by_one(encoder: Encoder) -> Callable[[Sequence[str]], npt.NDArray[np.float32]]:
    """Each text embedded on its own: a verdict never depends on the rest of its batch."""

    def embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
        return np.concatenate([encoder.embed([t]) for t in texts]) if texts else encoder.embed([])

    return embed


def screen(text: str, channel: str | None = None) -> Verdict:
    """Screen one message; `channel` is a policy channel id (email, social_media, phone, ...)."""
    return default_screener().screen(text, channel=channel)


def screen_many(texts: Sequence[str], channel: str | None = None) -> list[Verdict]:
    """Screen many messages at once (faster: the model scores them in one batch)."""
    return default_screener().screen_many(texts, channel=channel)
