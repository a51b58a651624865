"""Inline quotes, reported speech and counter-speech: words the sender mentions, not uses.

"your colleague called me an idiot", "it is not acceptable to say 'X'", "stop calling people
vermin" report or condemn abuse; they do not make the sender abusive. Works on text of the
same length as the original (history already blanked), and returns spans into it.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from . import scan
from .emailparse import Span, merge
from .normalise import fold, word_set
from .rules import ANY_GROUP

_I = re.NOFLAG  # patterns run on folded (lower-case) text: IGNORECASE would be 10x slower

# "..." “...” «...» and '...' (an apostrophe inside a word does not open a quote).
_DOUBLE_QUOTED = re.compile(r'"([^"\n]{1,400})"')
# Written to start with the quote mark (`re` then jumps from one ' to the next): the same as
# "(?<![\w])'..." (the quote not preceded by a word character).
_SINGLE_QUOTED = re.compile(r"'(?<!\w')([^'\n]{2,300}?)'(?![\w])")

_CLAUSE_END = r"(?=[.!?;\n]|,\s*(?:you|u)\b|\bbut\b|$)"
# "X called me an idiot", "I was called a liar", "he said I was useless", "she told me to ..."
# Reported speech: (needed words, pattern).
_REPORTED: tuple[tuple[frozenset[str], scan.LazyPattern], ...] = tuple(
    (frozenset(needs.split()), scan.LazyPattern(pattern + _CLAUSE_END))
    for needs, pattern in (
        ("called calls calling labelled labeled branded described describing referred",
         r"\b(?:called|calls|calling|labelled|labeled|branded|described|describing|referred to)"
         r"\s+(?:me|us|him|her|them|my\s+\w+|his\s+\w+|her\s+\w+|our\s+\w+|people|someone)"
         r"(?:\s+(?:as|a|an))?\s[^.!?;\n]{0,120}?"),
        ("call",
         r"\bcall\s+(?:me|us|him|her|them)\s+(?!back|on|at|about|when|if|to|as|again|later|in)"
         r"[^.!?;\n]{0,120}?"),
        ("say call shout write",
         r"\b(?:him|her|them|they|he|she|people|someone|somebody)\s+(?:say|call|shout|write)\b"
         r"[^.!?;\n]{0,160}?"),
        ("called labelled labeled branded",
         r"\b(?:am|is|are|been|being|was|were|get|got|getting)\s+(?:called|labelled|labeled|branded)\s"
         r"[^.!?;\n]{0,120}?"),
        ("said says saying told tells wrote writes shouted yelled screamed claimed claims implied"
         " suggested muttered accused replied responded insisted",
         r"\b(?<!\bi\s)(?<!\bwe\s)(?:said|says|saying|told\s+(?:me|us|him|her|them)|tells\s+me"
         r"|wrote|writes|shouted|yelled|screamed|claimed|claims(?!\s+(?:court|process|handler|department|team|form))|implied|suggested|muttered"
         r"|accused\s+(?:me|us|him|her|them)\s+of|replied|responded|insisted)\b"
         r"(?:\s+that)?[^.!?;\n]{0,160}?"),
    )
)  # fmt: skip
# One pass is faster than five (the five are compiled only if used on their own).
_REPORTED_ANY = re.compile("|".join(p.pattern for _, p in _REPORTED))
_REPORTING_WORDS = frozenset().union(*(needs for needs, _ in _REPORTED))
# The words that open a match one word before a reporting word: "he say", "was called". Only
# the third and fourth patterns start before their reporting word (the others start at it).
_BEFORE_SAY = "him her them they he she people someone somebody"
_BEFORE_CALLED = "am is are been being was were get got getting"
_BEFORE: dict[str, frozenset[str]] = {
    **dict.fromkeys(_REPORTED[2][0], frozenset(_BEFORE_SAY.split())),
    **dict.fromkeys(_REPORTED[3][0], frozenset(_BEFORE_CALLED.split())),
}
# Sentences that condemn or refuse abusive words rather than use them: (needed words, cue).
_COUNTER_CUES: tuple[tuple[frozenset[str], re.Pattern[str]], ...] = tuple(
    (frozenset(needs.split()), scan.literal_start(scan.LazyPattern(cue, _I)))
    for needs, cue in (
        ("unacceptable wrong racist sexist homophobic transphobic bigoted hateful offensive hurtful"
         " ok okay acceptable appropriate",
         r"\b(?:is|are|was|it's|its|that's|thats|it\s+is|that\s+is)\s+(?:never\s+|not\s+|totally\s+"
         r"|completely\s+|so\s+|really\s+|deeply\s+)?(?:unacceptable|wrong|racist|sexist|homophobic"
         r"|transphobic|bigoted|hateful|offensive|hurtful|not\s+(?:ok|okay|acceptable|appropriate))\b"
         r"|\b(?:not|never|isn't|is\s+not)\s+(?:ok|okay|acceptable|right|fine)\s+to\b"),
        ("calling call saying say using use describing describe referring refer spreading",
         r"\b(?:stop|quit|shouldn't|should\s+not|mustn't|never|don't|do\s+not|please\s+don't)\s+"
         r"(?:calling|call|saying|say|using|use|describing|describe|referring|refer|spreading)\b"),
        ("deserves deserve", r"\b(?:no\s+one|nobody|no\s+\w+)\s+(?:deserves?)\b"),
        ("racism sexism homophobia transphobia bigotry speech discrimination islamophobia"
         " antisemitism misogyny",
         r"\b(?:racism|sexism|homophobia|transphobia|bigotry|hate\s+speech|discrimination"
         r"|islamophobia|antisemitism|misogyny)\s+(?:is|has|have|are|was)\b"),
        ("condemn reject oppose tolerate",
         r"\bi\s+(?:condemn|reject|oppose|will\s+not\s+tolerate|won't\s+tolerate)\b"),
        ("comments comment statements statement phrases phrase remarks remark posts tweets words things",
         r"\b(?:comments?|statements?|phrases?|words?|things|remarks?|posts|tweets)\s+(?:such\s+as|like)\b"),
        ("who", r"\b(?:people|those|anyone|someone)\s+who\s+(?:say|says|call|calls|think|thinks|use|uses)\b"),
        ("if",
         r"\bif\s+(?:you|anyone|someone|somebody|people)\s+(?:call|calls|say|says)\s+(?:that\s+)?"
         rf"(?:{ANY_GROUP}|people|others|other\s+people|someone|anyone)\b"),
        ("saying calling claiming suggesting say call",
         r"\b(?:saying|calling|to\s+say|to\s+call|claiming|suggesting)\b[^.!?\n]{0,120}"
         r"\b(?:is|are|was)\s+(?:\w+\s+)?(?:wrong|unacceptable|racist|sexist|hateful|offensive|"
         r"hurtful|bigoted|ignorant|disgusting|not\s+ok(?:ay)?)\b"),
    )
)  # fmt: skip

# For some cues, strings of which every match holds one (beside the needed words, which are
# elsewhere in the match): a text or window without any is not scanned. In cue order.
_CUE_NEAR: tuple[frozenset[str] | None, ...] = (
    None,
    None,
    None,
    None,
    None,
    frozenset({"such", "like"}),
    frozenset({"say", "call", "think", "use"}),
    frozenset({"call", "say"}),
    frozenset(
        [
            "wrong",
            "unacceptable",
            "racist",
            "sexist",
            "hateful",
            "offensive",
            "hurtful",
            "bigoted",
            "ignorant",
            "disgusting",
            "ok",
        ]
    ),
)


# For some cues, a word every match holds and what follows it in every match: a text where
# no occurrence of the word is followed so is not scanned (in cue order). The cue's needed
# words are common ("who", "if"), these pairs rare.
_CUE_GATE: tuple[tuple[str, re.Pattern[str]] | None, ...] = (
    None,
    None,
    None,
    None,
    None,
    None,
    ("who", re.compile(r"\s+(?:say|call|think|use)")),
    ("if", re.compile(r"\s+(?:you|anyone|someone|somebody|people)\s+(?:call|say)")),
    None,
)


def _gate_open(text: str, gate: tuple[str, re.Pattern[str]]) -> bool:
    """Whether some occurrence of the gate's word is followed by what its cue needs there."""
    word, after = gate
    i = text.find(word)
    while i != -1:
        if after.match(text, i + len(word)):
            return True
        i = text.find(word, i + 1)
    return False


def _counter_span(text: str, cue: re.Match[str]) -> Span:
    """The sentence around a counter-speech cue, less a clause addressed to the reader."""
    start = max(text.rfind(c, 0, cue.start()) for c in ".!?\n") + 1
    ends = [i for c in ".!?\n" if (i := text.find(c, cue.end())) != -1]
    end = min(ends) + 1 if ends else len(text)
    before = [m.end() for m in _VOCATIVE_CLAUSE.finditer(text, start, cue.start())]
    if before:
        start = before[-1]
    after = _VOCATIVE_CLAUSE.search(text, cue.end(), end)
    if after:
        end = after.start()
    return Span(start, end, "counter-speech")


def _reported(text: str, words: frozenset[str]) -> list[re.Match[str]]:
    """`scan.finditer(_REPORTED_ANY, text, _REPORTING_WORDS, words)`, only faster.

    Every match of `_REPORTED_ANY` starts at a reporting word ("called", "said", ...) or at
    the start of the word just before one that can open a match there ("he say", "was
    called": `_BEFORE`), so instead of trying the pattern at every character of each window
    (the pattern starts with `\b` and an alternation, which `re` cannot skip ahead to), it is
    tried only at those places, in order, with `finditer`'s rules (leftmost match, no
    overlaps, the same window ends). Each opening word is a whole word followed by
    whitespace, so a word before that is not one of them cannot start a match.
    """
    present = _REPORTING_WORDS & words
    if not present:
        return []
    starts: set[int] = set()
    for needle in present:
        before = _BEFORE.get(needle)
        i = text.find(needle)
        while i != -1:
            starts.add(i)
            if before is not None:
                k = i
                while k > 0 and text[k - 1].isspace():
                    k -= 1
                if k < i:
                    j = k
                    while j > 0 and "a" <= text[j - 1] <= "z":
                        j -= 1
                    if text[j:k] in before:
                        starts.add(j)
            i = text.find(needle, i + len(needle))
    ordered = sorted(starts)
    windows = [(0, len(text))] if len(text) <= scan.SHORT else scan.windows(text, present)
    out: list[re.Match[str]] = []
    seen: set[tuple[int, int]] = set()
    for lo, hi in windows:
        last = lo
        for p in ordered[bisect_left(ordered, lo) :]:
            if p >= hi:
                break
            if p < last:
                continue
            m = _REPORTED_ANY.match(text, p, hi)
            if m is None:
                continue
            last = m.end()
            if m.span() not in seen:
                seen.add(m.span())
                out.append(m)
    return out


def quote_spans(original: str, words: frozenset[str] | None = None) -> list[Span]:
    """Spans of inline quotations, reported speech and counter-speech sentences."""
    text = fold(original)  # one character for one: spans fit `original`
    spans: list[Span] = []
    if '"' in text:
        spans.extend(
            Span(m.start(), m.end(), "quoted words") for m in _DOUBLE_QUOTED.finditer(text)
        )
    if "'" in text:
        spans.extend(
            Span(m.start(), m.end(), "quoted words")
            for m in _SINGLE_QUOTED.finditer(text)
            if " " in m.group(1) or len(m.group(1)) > 3
        )
    words = word_set(text) if words is None else words
    for m in _reported(text, words):
        spans.append(Span(m.start(), m.end(), "reported speech"))
    short = len(text) <= scan.SHORT  # scanned whole: `scan.finditer` looks for `near` only
    cues = zip(_COUNTER_CUES, _CUE_NEAR, _CUE_GATE, strict=True)
    for (needs, cue), near, gate in cues:  # `near` in longer texts
        if short and near and not any(w in text for w in near):
            continue  # every match holds one of these
        if gate is not None and not needs.isdisjoint(words) and not _gate_open(text, gate):
            continue  # no match can hold the gate's word followed as it needs
        for m in scan.finditer(cue, text, needs, words, near):
            spans.append(_counter_span(text, m))
    return merge(spans)


_VOCATIVE_CLAUSE = re.compile(r",\s*(?=(?:you|u|ya)\b)|(?<=\byou)\s+\w+\s*,", _I)
