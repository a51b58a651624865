"""Inline quotes, reported speech and counter-speech: words the sender mentions, not uses.

"your colleague called me an idiot", "it is not acceptable to say 'X'", "stop calling people
vermin" report or condemn abuse; they do not make the sender abusive. Works on text of the
same length as the original (history already blanked), and returns spans into it.
"""

from __future__ import annotations

import re

from .emailparse import Span, merge

_I = re.IGNORECASE

# "..." “...” «...» and '...' (an apostrophe inside a word does not open a quote).
_DOUBLE_QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»\n]{1,400})[\"“”„«»]")
_SINGLE_QUOTED = re.compile(r"(?<![\w])['‘’]([^'‘’\n]{2,300}?)['‘’](?![\w])")

_CLAUSE_END = r"(?=[.!?;\n]|,\s*(?:you|u)\b|\bbut\b|$)"
# "X called me an idiot", "I was called a liar", "he said I was useless", "she told me to ..."
_REPORTED = re.compile(
    r"\b(?:called|calls|calling|labelled|labeled|branded|described|describing|referred to)"
    r"\s+(?:me|us|him|her|them|my\s+\w+|his\s+\w+|her\s+\w+|our\s+\w+|people|someone)"
    r"(?:\s+(?:as|a|an))?\s[^.!?;\n]{0,120}?" + _CLAUSE_END
    + r"|\b(?:been|being|was|were|get|got|getting)\s+(?:called|labelled|labeled|branded)\s"
    r"[^.!?;\n]{0,120}?" + _CLAUSE_END
    + r"|\b(?<!\bi\s)(?<!\bwe\s)(?:said|says|saying|told\s+(?:me|us|him|her|them)|tells\s+me"
    r"|wrote|writes|shouted|yelled|screamed|claimed|claims|implied|suggested|muttered"
    r"|accused\s+(?:me|us|him|her|them)\s+of|replied|responded|insisted)\b"
    r"(?:\s+that)?[^.!?;\n]{0,160}?" + _CLAUSE_END,
    _I,
)
# Sentences that condemn or refuse abusive words rather than use them.
_COUNTER_CUE = re.compile(
    r"\b(?:is|are|was|it's|its|that's|thats|it\s+is|that\s+is)\s+(?:never\s+|not\s+|totally\s+|completely\s+|so\s+|really\s+|deeply\s+)?"
    r"(?:unacceptable|wrong|racist|sexist|homophobic|transphobic|bigoted|hateful|offensive"
    r"|hurtful|not\s+(?:ok|okay|acceptable|appropriate|right|fine|on))\b"
    r"|(?:not|never|n't)\s+(?:ok|okay|acceptable|right|fine)\s+to\b"
    r"|\b(?:stop|quit|shouldn't|should\s+not|mustn't|never|don't|do\s+not|please\s+don't)\s+"
    r"(?:calling|call|saying|say|using|use|describing|describe|referring|refer|spreading)\b"
    r"|\b(?:no\s+one|nobody|no\s+\w+)\s+(?:deserves|should\s+be|should\s+have)\b"
    r"|\b(?:racism|sexism|homophobia|transphobia|bigotry|hate\s+speech|discrimination|abuse"
    r"|islamophobia|antisemitism|misogyny)\s+(?:is|has|have|are|was)\b"
    r"|\bi\s+(?:condemn|reject|oppose|will\s+not\s+tolerate|won't\s+tolerate)\b"
    r"|\b(?:people|those|anyone|someone)\s+who\s+(?:say|says|call|calls|think|thinks|use|uses)\b"
    r"|\b(?:saying|calling|to\s+say|to\s+call|claiming|suggesting)\b[^.!?\n]{0,120}"
    r"\b(?:is|are|was)\s+(?:\w+\s+)?(?:wrong|unacceptable|racist|sexist|hateful|offensive|"
    r"hurtful|bigoted|ignorant|disgusting|not\s+ok(?:ay)?)\b",
    _I,
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def quote_spans(text: str) -> list[Span]:
    """Spans of inline quotations, reported speech and counter-speech sentences."""
    spans: list[Span] = []
    if any(q in text for q in "\"“”„«»"):
        spans.extend(Span(m.start(), m.end(), "quoted words") for m in _DOUBLE_QUOTED.finditer(text))
    if any(q in text for q in "'‘’"):
        spans.extend(
            Span(m.start(), m.end(), "quoted words")
            for m in _SINGLE_QUOTED.finditer(text)
            if " " in m.group(1) or len(m.group(1)) > 3
        )
    spans.extend(Span(m.start(), m.end(), "reported speech") for m in _REPORTED.finditer(text))
    if _COUNTER_CUE.search(text):
        for s in _SENTENCE.finditer(text):
            cue = _COUNTER_CUE.search(s.group())
            if cue is None:
                continue
            # Keep a clause addressed to the reader ("..., you idiot") out of the mask.
            sentence = s.group()
            start, end = 0, len(sentence)
            before = [m.end() for m in _VOCATIVE_CLAUSE.finditer(sentence, 0, cue.start())]
            if before:
                start = before[-1]
            after = _VOCATIVE_CLAUSE.search(sentence, cue.end())
            if after:
                end = after.start()
            spans.append(Span(s.start() + start, s.start() + end, "counter-speech"))
    return merge(spans)


_VOCATIVE_CLAUSE = re.compile(r",\s*(?=(?:you|u|ya)\b)|(?<=\byou)\s+\w+\s*,", _I)
