"""Rules for remarks about protected characteristics, slurs, and untargeted swearing.

Neutral or positive mentions of a group ("as a gay man", "my wife is disabled", "Muslims
celebrate Eid") match nothing here: every pattern needs a derogatory predicate, a slur, a
hostile verb, or a remark about the reader's identity.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import lexicon as lx
from . import scan
from .normalise import word_set as scan_words
from .rules import (
    GROUPS,
    INSULT,
    MODIFIER,
    Hit,
    Rule,
    _alt,
    apply,
    words_of,
)

_DEROG = "derogatory_remark"
_PROT = "protected_characteristic"
_VIOLENCE = "violence"
_ABUSE = "abusive_language"

_DEHUM = _alt(lx.DEHUMANISING)
# "X are not ..." is negation, but "X are no better than animals" is not.
_NOT_AFTER_BUT_NO_BETTER = r"(?!\s*(?:not|never|n't)\b|\s*no\b(?!\s+better\s+than\b))"
_DEHUM_STRICT = _alt(lx.DEHUMANISING_STRICT)
_GROUP_PREFIX = r"(?:(?:all|most|many|those|these|the|bloody|fucking|typical|filthy|dirty|you)\s+)?"
_PEOPLE = r"(?:\s+(?:people|persons|men|women|folk|folks|community|guys|kids|lot|ones))?"
_ARE_FILLER = (
    r"(?:(?:all|just|nothing\s+but|such|so|the|a|an|total|complete|fucking|bloody|basically"
    r"|literally|like|no\s+better\s+than|worse\s+than|disgusting|dirty|filthy|lazy|stupid"
    r"|dangerous|a\s+bunch\s+of|a\s+pack\s+of|a\s+load\s+of|always|only|simply|really|naturally"
    r"|inherently|genetically|nothing\s+more\s+than)\s+)*"
)
_KILL = r"(?:kill|shoot|gas|hang|exterminate|eradicate|wipe\s+out|lynch|burn|slaughter|murder|execute|nuke|bomb|stab)"
_REMOVE = r"(?:deport|get\s+rid\s+of|round\s+up|throw\s+out|kick\s+out|ban|send\s+back|lock\s+up|sterilise|sterilize)"
_SHOULD = (
    r"(?:should|must|need\s+to|needs\s+to|deserve\s+to|deserves\s+to|ought\s+to|have\s+to"
    r"|belong\s+in|belongs\s+in)"
)
_FATE = (
    r"(?:die|be\s+killed|be\s+shot|be\s+hanged|be\s+hung|be\s+gassed|be\s+exterminated"
    r"|be\s+wiped\s+out|be\s+burned|be\s+burnt|be\s+lynched|be\s+put\s+down|be\s+executed|burn"
    r"|rot|suffer|be\s+deported|be\s+sent\s+back|go\s+back|be\s+locked\s+up|be\s+sterilised"
    r"|be\s+removed|be\s+banned|be\s+kicked\s+out|get\s+out|leave|a\s+zoo|cages?|a\s+cage"
    r"|the\s+kitchen|gas\s+chambers?|be\s+segregated|not\s+(?:be\s+allowed|have\s+rights|vote))"
)
_DEATH = (
    r"(?:die|be\s+killed|be\s+shot|be\s+hanged|be\s+hung|be\s+gassed|be\s+exterminated"
    r"|be\s+wiped\s+out|be\s+burned|be\s+burnt|be\s+lynched|be\s+put\s+down|be\s+executed"
    r"|be\s+dead|be\s+beaten|be\s+stabbed|be\s+murdered)"
)
_HATE_VERB = (
    r"(?:hate|despise|detest|loathe|can't\s+stand|cannot\s+stand|can't\s+bear|am\s+sick\s+of"
    r"|'m\s+sick\s+of|am\s+disgusted\s+by|'m\s+disgusted\s+by|don't\s+want|do\s+not\s+want)"
)
_BAD_ADJ = (
    r"(?:stupid|silly|dumb|thick|useless|ugly|fat|dirty|filthy|disgusting|bloody|fucking"
    r"|pathetic|typical|hysterical|senile|smelly|lazy|greedy)"
)


def _group_rules() -> list[Rule]:
    rules: list[Rule] = []
    for characteristic, g in GROUPS.items():
        cat = lx.CHARACTERISTIC_CATEGORY[characteristic]
        label = characteristic.replace("_", " ")
        needs = words_of(lx.IDENTITY_GROUPS[characteristic])
        rules += [
            Rule(
                cat,
                scan.LazyPattern(
                    rf"\b{_GROUP_PREFIX}{g}{_PEOPLE}\s+(?:are|is|r|were|being)\b{_NOT_AFTER_BUT_NO_BETTER}\s+{_ARE_FILLER}(?:[a-z]+\s+)?{_DEHUM}\b(?!-)"
                ),
                0.85,
                f"derogatory generalisation about a group ({label})",
                needs=needs,
            ),
            Rule(
                cat,
                scan.LazyPattern(
                    rf"\bi\s+(?:really\s+|just\s+|fucking\s+|absolutely\s+|truly\s+)?{_HATE_VERB}\s+(?:all\s+)?(?:the\s+|those\s+|these\s+|any\s+)?{g}{_PEOPLE}\b"
                ),
                0.85,
                f"hostility towards a group ({label})",
                needs=needs,
            ),
            Rule(
                cat,
                scan.LazyPattern(
                    rf"\bi\s+(?:would\s+never|will\s+never|wouldn't\s+ever|wouldn't|won't|would\s+not"
                    rf"|will\s+not|refuse\s+to|never)\s+(?:hire|employ|rent\s+to|serve|trust|date"
                    rf"|vote\s+for)\s+(?:a|an|any)\s+{g}\b"
                ),
                0.75,
                f"hostility towards a group ({label}): refusing someone for it",
                needs=needs,
                check_negation=False,
            ),
            Rule(
                _VIOLENCE,
                scan.LazyPattern(
                    rf"\b{_KILL}\s+(?:all\s+|every\s+)?(?:the\s+|those\s+|these\s+|of\s+the\s+)?{g}\b"
                ),
                0.9,
                f"call for violence against a group ({label})",
                also=(cat, "threatening_communication"),
                needs=needs,
            ),
            Rule(
                cat,
                scan.LazyPattern(
                    rf"\b{_REMOVE}\s+(?:all\s+|every\s+)?(?:the\s+|those\s+|these\s+)?{g}\b"
                ),
                0.8,
                f"call to exclude a group ({label})",
                needs=needs,
            ),
            Rule(
                cat,
                scan.LazyPattern(rf"(?<!\bno\s)\b{g}{_PEOPLE}\s+{_SHOULD}\s+(?:all\s+)?{_FATE}\b"),
                0.85,
                f"call for harm to a group ({label})",
                needs=needs,
            ),
            Rule(
                _VIOLENCE,
                scan.LazyPattern(
                    rf"(?<!\bno\s)\b{g}{_PEOPLE}\s+(?:should|must|need\s+to|needs\s+to|deserve\s+to"
                    rf"|deserves\s+to|ought\s+to)\s+(?:all\s+)?{_DEATH}\b"
                    rf"|\b(?:shoot|stab|kill|hang|murder|punch|beat\s+up|attack)\s+(?:the\s+next|any|every"
                    rf"|a|some)\s+{g}\b"
                ),
                0.85,
                f"call for violence against a group ({label})",
                also=(cat, "threatening_communication"),
                needs=needs,
            ),
            Rule(
                cat,
                scan.LazyPattern(
                    rf"\b(?:why|how\s+come)\s+(?:are|is)\s+(?:all\s+|most\s+|so\s+many\s+)?{g}{_PEOPLE}"
                    rf"\s+(?:always\s+|so\s+|such\s+|all\s+)*(?:a\s+|an\s+)?{_DEHUM}\b"
                    rf"|\b{g}{_PEOPLE}\s+(?:disgust|sicken|repulse|revolt)\s+me\b"
                    rf"|\b{g}{_PEOPLE}\s+make\s+me\s+(?:sick|want\s+to\s+(?:vomit|puke|throw\s+up))\b"
                    rf"|\b{g}{_PEOPLE}\s+(?:are|is)\s+the\s+(?:worst|lowest|scum)\b"
                    rf"|\btoo\s+many\s+{g}\b|\bno\s+{g}\s+(?:allowed|wanted|welcome)\b"
                    rf"|\b{g}{_PEOPLE}\s+(?:breed|multiply|spread|swarm)\s+like\s+(?:rabbits|rats|vermin|cockroaches|flies|animals|insects|locusts|lice|a\s+(?:plague|disease|virus|cancer))\b"
                    rf"|\b{g}{_PEOPLE}\s+(?:are\s+)?(?:infesting|swarming\s+(?:into|over|across)|overrunning)\b"
                    rf"|\b{g}{_PEOPLE}\s+(?:are|is)\s+not\s+(?:human|people|welcome|wanted|real\s+\w+)\b"
                    rf"|\b{g}{_PEOPLE}\s+(?:lives\s+)?(?:don't|do\s+not)\s+(?:matter|deserve\s+(?:(?:equal\s+|any\s+|human\s+|the\s+same\s+)?rights|to\s+live))\b"
                ),
                0.8,
                f"derogatory remark about a group ({label})",
                needs=needs,
                check_negation=False,
            ),
            Rule(
                cat,
                scan.LazyPattern(rf"\b{g}\s+(?:like\s+you\s+)?{INSULT}\b"),
                0.85,
                f"name-calling with a protected characteristic ({label})",
                needs=needs,
            ),
            Rule(
                cat,
                scan.LazyPattern(
                    rf"\b{_BAD_ADJ}\s+(?:little\s+|old\s+)?{g}\b(?!\s+(?:people|person|staff|customers?|service))"
                ),
                0.7,
                f"derogatory remark about a protected characteristic ({label})",
                needs=needs,
            ),
        ]
    return rules


_STAFF_IDENTITY: list[Rule] = [
    Rule(_DEROG, scan.LazyPattern(r"\b(?:go|get|fuck\s+off|piss\s+off|sod\s+off|bugger\s+off)\s+back\s+(?:to|where)\s+(?:your|ur|you)\s+(?:own\s+)?(?:country|came\s+from|belong|jungle|desert|village|hut)\b"
                            r"|\bback\s+where\s+(?:you|they)\s+came\s+from\b"), 0.9,
         "racist remark (race, nationality)", needs=words_of("back"),
        also_needs=words_of("country came belong jungle desert village hut")),
    Rule(_DEROG, scan.LazyPattern(r"\b(?:someone|somebody|a\s+person|an\s+advis[oe]r|staff|anyone)\s+(?:who|that)\s+(?:can\s+|actually\s+)?speaks?\s+(?:proper|real|normal|actual|decent)\s+english\b"
                            r"|\b(?:learn\s+(?:to\s+speak\s+)?(?:proper\s+)?english|speak\s+(?:proper\s+)?english\s+(?:you|u)\b)"), 0.65,
         "implicitly racist remark about the reader's language or origin", needs=words_of("english")),
    Rule(_PROT, scan.LazyPattern(r"\b(?:are\s+you|is\s+(?:she|he|it|that)|you're|you\s+are)\s+(?:a\s+man\s+or\s+a\s+woman|a\s+woman\s+or\s+a\s+man|even\s+a\s+(?:real\s+)?(?:woman|man)|really\s+a\s+(?:woman|man)|a\s+(?:bloke|man)\s+in\s+a\s+dress)\b"
                           r"|\b(?:a\s+)?(?:bloke|man|geezer)\s+in\s+a\s+dress\b"), 0.8,
         "remark about perceived gender (gender identity)", needs=words_of("man woman bloke dress geezer")),
    Rule(_DEROG, scan.LazyPattern(r"\b(?:women|woman|girls?|females?|ladies)\s+(?:shouldn't|should\s+not|can't|cannot|don't|do\s+not|aren't|are\s+not)\s+(?:be\s+(?:allowed\s+to|in\s+charge|managers?|working|trusted)|do\s+(?:this|a\s+man's)|handle|understand|drive|think|work|cope|run|manage|do\s+maths)\b"
                            r"|\b(?:speak|talk)\s+to\s+a\s+(?:man|bloke|male)\b|\b(?:put|get|give)\s+me\s+(?:through\s+to\s+|to\s+)?a\s+(?:man|bloke|male)\b"
                            r"|\b(?:belongs?|back)\s+(?:in|to)\s+the\s+kitchen\b|\b(?:time\s+of\s+the\s+month|on\s+(?:your|her|the\s+rag)\s+period|pmsing)\b"), 0.75,
         "sexist remark (sex)", needs=words_of("women woman girl girls female females ladies man bloke male kitchen month period rag pmsing")),
    Rule(_DEROG, scan.LazyPattern(r"\b(?:you're|you\s+are|she's|she\s+is|he's|he\s+is)\s+(?:too|far\s+too|way\s+too)\s+(?:old|young)\s+(?:to|for)\b"
                            r"|\b(?:you|silly|stupid|senile|doddery|useless)\s+old\s+(?:cow|bag|bat|fool|git|woman|man|bint|biddy|codger|fart|dear|hag|crone|goat)\b"
                            r"|\byou(?:'re|\s+are)\s+past\s+it\b|\bshould\s+(?:have|'ve)\s+retired\b"), 0.75,
         "ageist remark (age)", also=(_ABUSE,), needs=words_of("old young past retired")),
    Rule(_PROT, scan.LazyPattern(r"\b(?:are\s+you|you\s+must\s+be|you\s+sound|you're|you\s+are|is\s+(?:she|he)|she's|he's|she\s+sounds|he\s+sounds)\s+(?:\w+\s+)?(?:retarded|autistic|mental|mentally\s+ill|brain[\s-]?damaged|special\s+needs|a\s+spastic|a\s+retard|a\s+cripple|a\s+mong|backward|psycho|a\s+psycho|a\s+schizo)\b"), 0.7,
         "remark about disability", needs=words_of("retarded autistic mental ill brain damaged braindamaged special spastic retard cripple mong backward psycho schizo")),
    Rule(_PROT, scan.LazyPattern(r"\bare\s+you\s+(?:deaf|blind|thick|simple)\b"), 0.55,
         "taunt about disability", needs=words_of("deaf blind thick simple"),
         also_needs=words_of("are"), also_in_match=True),
    Rule(_PROT, scan.LazyPattern(r"\b(?:take\s+off|remove)\s+(?:your|that|her)\s+(?:headscarf|hijab|turban|burqa|burka|niqab|veil|kippah|yarmulke)\b"
                           r"|\b(?:your|his|her)\s+(?:god|allah|religion|prophet)\s+(?:is|are)\s+(?:\w+\s+)?(?:fake|a\s+lie|bullshit|shit|evil|a\s+joke|a\s+paedophile|pathetic|nonsense|rubbish)\b"
                           r"|\b(?:you|u|she|he)\s+(?:look|looks|sound|sounds|are|is|'re)\s+like\s+(?:a\s+)?(?:terrorist|suicide\s+bomber|jihadi)\b"), 0.8,
         "remark about religion or belief", needs=words_of("headscarf hijab turban burqa burka niqab veil kippah yarmulke god allah religion prophet terrorist bomber jihadi")),
    Rule(_DEROG, scan.LazyPattern(r"\b(?:you|u|he|she)\s+(?:sound|sounds|look|looks)\s+(?:so\s+|well\s+|really\s+)?(?:gay|queer|bent|camp|like\s+a\s+(?:poof|fairy|lesbo|dyke))\b|\bthat's\s+(?:so\s+)?gay\b"), 0.65,
         "homophobic remark (sexual orientation)", needs=words_of("gay queer bent camp poof fairy lesbo dyke")),
    Rule(_ABUSE, scan.LazyPattern(rf"\b(?:you|u|ya)\s+(?:people|lot)\s+are\s+{MODIFIER}{{0,3}}?{_DEHUM_STRICT}\b"), 0.8,
         "dehumanising remark aimed at the reader", needs=frozenset(lx.DEHUMANISING_STRICT)),
]  # fmt: skip

_STAFF_IDENTITY.append(
    Rule(
        _DEROG,
        scan.LazyPattern(
            r"\b(?:don't|do\s+not|won't|will\s+not|refuse\s+to)\s+(?:want\s+to\s+)?(?:speak|talk|deal)\s+(?:to|with)\s+(?:a\s+|an\s+|some\s+)?(?:woman|women|girl|foreigner|foreigners|immigrant|muslim|black\s+(?:person|man|woman)|gay|pakistani|indian|asian|pensioner|old\s+(?:man|woman))\b"
        ),
        0.75,
        "refusing to deal with staff because of a protected characteristic",
        check_negation=False,
        needs=words_of("speak talk deal"),
        also_needs=words_of(
            "woman women girl foreigner foreigners immigrant muslim black gay pakistani indian"
            " asian pensioner old"
        ),
    ),
)
# The predicate words each kind of group rule cannot match without.
_PREDICATES = {
    "derogatory generalisation": frozenset(w for x in lx.DEHUMANISING for w in x.split("_")),
    "hostility towards": words_of(
        "hate despise detest loathe stand bear sick disgusted want hire employ rent serve trust"
        " date vote"
    ),
    "call for violence": words_of(
        "kill shoot gas hang exterminate eradicate wipe lynch burn slaughter murder execute nuke"
        " bomb stab die killed shot hanged hung gassed exterminated wiped burned burnt lynched put"
        " executed dead beaten stabbed murdered punch beat attack"
    ),
    "call to exclude": words_of("deport rid round throw kick ban send lock sterilise sterilize"),
    "call for harm": words_of("should must need deserve ought have belong"),
    "name-calling with": frozenset(lx.INSULT_NOUNS),
    "derogatory remark about a protected": words_of(_BAD_ADJ.strip("(?:)").split("|")),
    "derogatory remark about a group": words_of(
        "why come disgust sicken repulse revolt make worst lowest scum many allowed wanted welcome"
        " human people real matter deserve breed multiply spread swarm infesting swarming"
        " overrunning"
    ),
}


# Kinds whose every match holds one of its predicate words (each alternative of the predicate
# is written with them); "name-calling with" is not one (an insult can be several words).
_PREDICATE_IN_MATCH = frozenset(_PREDICATES) - {"name-calling with"}


def _with_predicates(rule: Rule) -> Rule:
    for prefix, words in _PREDICATES.items():
        if rule.why.startswith(prefix):
            return replace(rule, also_needs=words, also_in_match=prefix in _PREDICATE_IN_MATCH)
    return rule


GROUP_RULES = [_with_predicates(r) for r in _group_rules()] + _STAFF_IDENTITY


def _slur_category(word: str) -> tuple[str, str]:
    if word in lx.SLURS_RACE:
        return _DEROG, "racial slur"
    if word in lx.SLURS_SEXUALITY:
        return _DEROG, "homophobic slur"
    if word in lx.SLURS_GENDER_IDENTITY:
        return _PROT, "transphobic slur (gender identity)"
    return _PROT, "disability slur"


_SLUR = scan.LazyPattern(rf"\b{_alt(lx.SLURS)}\b")
_SELF_REFERENCE = re.compile(
    r"(?:\bi'm|\bi\s+am|\bwe're|\bwe\s+are|\bas\s+a|\bus|\bmy\s+fellow|\bproud|\bmy)\s+"
    r"(?:(?!(?:not|never|no)\b)\w+\s+){0,2}$"  # "I'm not a ..." is not self-reference
)
_MENTION = re.compile(
    r"\b(?:the\s+word|words?\s+like|term|terms|say|said|saying|says|use|using|used|call|called"
    r"|calling|calls|like)\s+(?:me\s+|us\s+|them\s+|him\s+|her\s+|people\s+)?(?:a\s+|an\s+)?[\"']?$"
)
_FAG_TARGETED = re.compile(
    r"(?:\byou|\bu|\bya|\bfucking|\blittle|\bstupid|\bbloody|\bsuch\s+a)\s+$"
)


def slur_hits(text: str, words: frozenset[str]) -> list[Hit]:
    hits: list[Hit] = []
    for m in scan.finditer(_SLUR, text, lx.SLURS, words):
        word = m.group()
        before = text[max(0, m.start() - 40) : m.start()]
        if _SELF_REFERENCE.search(before) or _MENTION.search(before):
            continue  # self-reference ("we're proud dykes") or a mention ("the word ...")
        if word in ("fag", "fags") and not _FAG_TARGETED.search(before):
            continue  # British English: a cigarette
        category, why = _slur_category(word)
        score = 0.6 if word == "retarded" else 0.9
        hits.append(Hit(category, m.start(), m.end(), score, why))
    return hits


_PROFANITY = scan.LazyPattern(rf"\b{_alt(lx.PROFANITY)}\b")
_STRONG = frozenset(
    ["fuck", "fucking", "fucked", "fucker", "fuckers", "fuckin", "cunt", "cunts", "motherfucker"]
)


def profanity_hits(text: str, words: frozenset[str]) -> list[Hit]:
    """Swearing not aimed at anyone: at most low severity (never flags on its own)."""
    return [
        Hit(
            _ABUSE,
            m.start(),
            m.end(),
            0.35 if m.group() in _STRONG else 0.25,
            "swearing (low severity)",
        )
        for m in scan.finditer(_PROFANITY, text, lx.PROFANITY, words)
    ]


def identity_hits(text: str, words: frozenset[str] | None = None) -> list[Hit]:
    words = frozenset(scan_words(text)) if words is None else words
    return apply(GROUP_RULES, text, words) + slur_hits(text, words)
