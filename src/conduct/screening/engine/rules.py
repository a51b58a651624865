"""Transparent rules for the clauses a statistical model handles badly.

Each rule is a compiled pattern over normalised text (lower case, de-obfuscated, quotes and
history blanked out), with the policy category it evidences, a fixed confidence, and a reason
a person can read. Negation is handled inside the patterns ("i will not", "you are not a") and
by `_negated`, which looks back within the clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import lexicon as lx


@dataclass(frozen=True, slots=True)
class Hit:
    category: str
    start: int
    end: int
    score: float
    why: str


@dataclass(frozen=True, slots=True)
class Rule:
    category: str
    pattern: re.Pattern[str]
    score: float
    why: str
    check_negation: bool = True
    also: tuple[str, ...] = ()  # further categories the same words evidence


def _alt(words: Iterable[str]) -> str:
    return "(?:" + "|".join(sorted((re.escape(w).replace("_", r"\s+") for w in words), key=len, reverse=True)) + ")"


INSULT = _alt(lx.INSULT_NOUNS)
ACCUSE = _alt("thief thieves crook crooks fraudster fraudsters charlatan charlatans cowboys scammers".split())
ADJ_STRONG = _alt(lx.INSULT_ADJ_STRONG)
ADJ_MILD = _alt(lx.INSULT_ADJ_MILD)
MODIFIER = r"(?:(?!(?:not|never|no)\b)[a-z']+,?\s+)"
YOU_ARE = r"(?:you\s+are|you're|youre|you\s+r|u\s+r|u\s+are|ur|your(?=\s+(?:a|an|such|so|the|just)\b))"
NOT_AFTER = r"(?!\s*(?:not|never|n't|no)\b)"
STAFF = (
    r"(?:staff|colleagues?|employees?|advis[oe]rs?|agents?|managers?|team|people|lot"
    r"|receptionists?|workers?|call\s+handlers?|caseworkers?|solicitors?|lawyers?|boss)"
)
WILL = (
    r"(?:'ll|ll|\s+will|\s+shall|'d|\s+would|'m\s+going\s+to|\s+am\s+going\s+to|'m\s+gonna"
    r"|\s+am\s+gonna|m\s+gonna|\s+gonna|\s+want\s+to|\s+wanna|'re\s+going\s+to|\s+are\s+going\s+to"
    r"|'re\s+gonna|\s+are\s+gonna|\s+could|\s+can|\s+should"
    r"|\s+won't\s+hesitate\s+to|\s+will\s+not\s+hesitate\s+to)"
)
ACTOR = r"(?:i|we|someone|somebody|my\s+(?:mates?|brothers?|boys|lads|family|friends?|sons?|husband|dad))"
HARM_VERB = (
    r"(?:kill|murder|stab|shoot|punch|smash|batter|beat|strangle|hang|lynch|hurt|slap|kick"
    r"|break|burn|bomb|rape|knock|glass|stamp\s+on|cut|slit|torch|blow\s+up|throttle|choke"
    r"|deck|headbutt|thump|twat|lamp|wallop|run\s+over|bash|snap|gut|torture|end)"
)
HARM_OBJECT = (
    r"(?:you|your|u|ya|yer|them|him|her|everyone|every\s+one|the\s+lot|the\s+office"
    r"|the\s+building|the\s+place|the\s+branch|this\s+place|your\s+office|the\s+staff|staff)"
)
GROUPS: dict[str, str] = {k: _alt(v) for k, v in lx.IDENTITY_GROUPS.items()}
ANY_GROUP = _alt(w for ws in lx.IDENTITY_GROUPS.values() for w in ws)
DEHUMANISING = _alt(lx.DEHUMANISING)


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_ABUSE = "abusive_language"
_THREAT = "threatening_communication"
_VIOLENCE = "violence"
_BANTER = "inappropriate_banter"
_ALLEGATION = "malicious_allegation"

RULES: list[Rule] = [
    # --- insults and name-calling aimed at a person ---------------------------------------
    Rule(_ABUSE, _c(rf"\b{YOU_ARE}{NOT_AFTER}\s+{MODIFIER}{{0,4}}?{INSULT}\b"), 0.85,
         "name-calling aimed at the reader"),
    Rule(_ABUSE, _c(rf"\b(?:you|u|ya)\s+(?:{ADJ_STRONG}|{ADJ_MILD}|fucking|fuckin|effing|bloody|absolute|utter|complete|total|little|old|silly|sad|big|fat)?\s*(?:{MODIFIER}{{0,2}}?){INSULT}\b(?!\s+(?:of|to|for|in|at)\b)"), 0.85,
         "name-calling aimed at the reader"),
    Rule(_ABUSE, _c(rf"\b(?:your|the|this|that|these|those)\s+(?:\w+\s+)?{STAFF}\s+(?:are|is|were|was|r)\s+{NOT_AFTER}{MODIFIER}{{0,4}}?{INSULT}\b"), 0.8,
         "name-calling aimed at staff"),
    Rule(_ABUSE, _c(rf"\b{INSULT}\s+like\s+(?:you|u|yourself|your\s+{STAFF})\b"), 0.8,
         "name-calling aimed at the reader"),
    Rule(_ABUSE, _c(rf"\b{YOU_ARE}{NOT_AFTER}\s+(?:(?:so|such|really|very|completely|totally|absolutely|utterly|fucking|bloody|just|clearly|obviously|a|an|being)\s+){{0,3}}{ADJ_STRONG}\b"), 0.75,
         "insult aimed at the reader"),
    Rule(_ABUSE, _c(rf"\b{YOU_ARE}{NOT_AFTER}\s+(?:(?:so|such|really|very|completely|totally|absolutely|utterly|just|clearly|obviously|a|an|being)\s+){{0,3}}{ADJ_MILD}\b"), 0.45,
         "criticism aimed at the reader (low severity)"),
    Rule(_ABUSE, _c(rf"\b{YOU_ARE}{NOT_AFTER}\s+(?:all\s+|just\s+|nothing\s+but\s+|a\s+bunch\s+of\s+|a\s+load\s+of\s+)?{ACCUSE}\b"), 0.55,
         "accusation aimed at the reader"),
    Rule(_ABUSE, _c(r"\b(?:fuck|f|fk|fck|screw|sod|bugger)\s+(?:you|u|ya|off|the\s+lot\s+of\s+you|your\s+\w+)\b"
                    r"|\bgo\s+(?:and\s+)?(?:fuck|screw)\s+(?:yourself|yourselves|off)\b|\bup\s+yours\b"
                    r"|\b(?:shove|stick|ram)\s+(?:it|this|that|your\s+\w+)\s+up\s+your\b|\bkiss\s+my\s+(?:arse|ass)\b"
                    r"|\bpiss\s+off\b|\beat\s+shit\b|\bshut\s+(?:the\s+fuck\s+up|your\s+(?:mouth|face|gob|trap))\b"
                    r"|\bfuck\s+(?:off|you)\b|\bstfu\b|\bgfy\b|\bkys\b"), 0.85,
         "swearing aimed at the reader"),
    Rule(_ABUSE, _c(r"\b(?:you|your|ur)\s+(?:fucking|fuckin|effing|fucked|shitty|shit)\s+(?:\w+\s+)?(?:staff|colleagues?|people|lot|team|manager|advis[oe]rs?|self|selves|face|mouth|\w+)\b"), 0.7,
         "swearing aimed at the reader"),
    # --- threats ---------------------------------------------------------------------------
    Rule(_THREAT, _c(r"\bi\s+(?:know|found\s+out|have\s+found\s+out|'ve\s+found\s+out)\s+where\s+(?:you|u|your\s+\w+|she|he|they)\s+(?:live|lives|work|works|park|parks|sleep|go|goes|drop|stay|stays)\b"
                     r"|\bi\s+know\s+what\s+(?:car\s+)?you\s+drive\b|\bi\s*(?:'ve|\s+have)\s+been\s+watching\s+(?:you|u|her|him)\b"
                     r"|\bi\s+know\s+(?:your|where\s+your)\s+(?:address|kids|children|family|wife|husband|daughter|son)\b"), 0.9,
         "threat: knowledge of where the person lives or works"),
    Rule(_THREAT, _c(r"\b(?:watch|mind)\s+your\s+(?:back|step|kids|family)\b|\byou(?:'d|\s+had)\s+better\s+watch\s+(?:out|yourself|it)\b"
                     r"|\byour\s+days\s+are\s+numbered\b|\b(?:you're|you\s+are|ur)\s+(?:dead|a\s+dead\s+(?:man|woman)|dead\s+meat|going\s+to\s+die|gonna\s+die)\b"
                     r"|\b(?:i'm|i\s+am|we're|we\s+are)\s+coming\s+(?:for|after|to\s+get)\s+(?:you|u|ya|your)\b"
                     r"|\b(?:i|we)(?:'ll|\s+will|\s+shall|'m\s+going\s+to|\s+am\s+going\s+to|'m\s+gonna)\s+(?:find|get|hunt|track|sort)\s+(?:you|u|ya|her|him)\s*(?:down|out)?\b(?!\s+(?:a|an|the|some|more|back)\b)"
                     r"|\b(?:waiting|wait)\s+for\s+(?:you|u|her|him)\s+(?:outside|after\s+work|after\s+your\s+shift|in\s+the\s+car\s*park|when\s+you\s+leave)\b"
                     r"|\bsee\s+(?:you|u)\s+(?:outside|after\s+work|in\s+the\s+car\s*park)\b"
                     r"|\b(?:something|anything)\s+(?:bad|nasty|unfortunate|terrible)\s+(?:will|might|is\s+going\s+to|could)\s+happen\s+to\s+(?:you|your|her|him)\b"
                     r"|\bshame\s+if\s+(?:something|anything)\s+(?:were\s+to\s+happen|happened)\b"
                     r"|\byou\s+(?:won't|will\s+not|wont)\s+(?:see|know)\s+(?:what's|what\s+is|it)\s+coming\b"
                     r"|\b(?:i|we)(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to|'m\s+gonna)\s+(?:make\s+(?:you|your\s+life)\s+(?:pay|suffer|regret|a\s+misery|hell|miserable)|make\s+sure\s+you\s+(?:suffer|pay|regret))\b"
                     r"|\b(?:i|we)(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to|'m\s+gonna)\s+(?:ruin|destroy|end)\s+(?:you|your\s+(?:life|career|family))\b"
                     r"|\b(?:people|someone|men)\s+(?:like\s+you\s+)?(?:have|has)\s+(?:been|got)\s+(?:hurt|killed|stabbed|shot)\s+for\s+less\b"
                     r"|\b(?:i|we)(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to)\s+(?:post|publish|share|put)\s+(?:your|her|his)\s+(?:home\s+)?(?:address|photo|photos|picture|face|details|phone\s+number)\b"
                     r"|\bi\s+hope\s+(?:you|u|your\s+\w+)\s+(?:die|dies|get\s+cancer|gets\s+cancer|rot|burn|get\s+raped|get\s+hit\s+by|drop\s+dead|suffer|choke)\b"
                     r"|\b(?:go\s+and\s+|go\s+)?(?:kill|hang)\s+yourself\b"), 0.85,
         "threat or intimidation"),
    Rule(_THREAT, _c(r"\b(?:you'll|you\s+will|you're\s+going\s+to|you\s+are\s+going\s+to|you\s+are\s+gonna|you're\s+gonna)\s+(?:regret|pay\s+for)\s+(?:this|it|that)\b|\byou(?:'ll|\s+will)\s+be\s+sorry\b"), 0.6,
         "veiled threat"),
    Rule(_VIOLENCE, _c(rf"\b{ACTOR}{WILL}{NOT_AFTER}\s+(?:(?!not\b|never\b)[a-z']+\s+){{0,5}}?{HARM_VERB}(?:s|ing|ed)?\s+(?:(?:the\s+)?(?:shit|hell|crap|living\s+daylights)\s+out\s+of\s+|down\s+|up\s+|in\s+)?{HARM_OBJECT}\b"), 0.9,
         "threat of physical violence", also=(_THREAT,)),
    Rule(_VIOLENCE, _c(rf"\b(?:you|u|ya|she|he|they|your\s+{STAFF})\s+(?:deserves?|needs?|should\s+get|ought\s+to\s+get)\s+(?:to\s+(?:die|be\s+(?:shot|killed|stabbed|hanged|hung|beaten|raped|punched|slapped))|a\s+(?:bullet|beating|slap|smack|kicking|punch))\b"
                       r"|\b(?:you|u|she|he|they)\s+(?:should|ought\s+to)\s+be\s+(?:shot|killed|hanged|hung|strung\s+up|stabbed|put\s+down|beaten|lynched|gassed)\b"
                       r"|\b(?:there\s+is|there's|i've\s+(?:planted|left|put)|i\s+have\s+(?:planted|left|put))\s+a\s+bomb\b"
                       r"|\b(?:burn|torch|blow\s+up|firebomb)\s+(?:down\s+)?(?:your|the|this)\s+(?:office|building|branch|house|place|shop|premises)\b"
                       r"|\bi\s+(?:have|'ve|got)\s+a\s+(?:knife|gun|blade|machete|bat)\b"), 0.9,
         "violence or a threat of violence", also=(_THREAT,)),
    # --- inappropriate banter, innuendo and sexual remarks ---------------------------------
    Rule(_BANTER, _c(r"\b(?:you're|you\s+are|ur|u\s+r|you\s+sound|you\s+look|you\s+looked|she's|she\s+is|she\s+sounds|she\s+looks)\s+(?:so\s+|very\s+|really\s+|well\s+|proper\s+|dead\s+)?(?:sexy|hot|fit|fuckable|gorgeous|a\s+babe|a\s+hottie|a\s+stunner|cute|horny|easy|tasty|a\s+bit\s+of\s+alright)\b"
                     r"|\bwhat\s+(?:are|r)\s+(?:you|u)\s+wearing\b|\bsend\s+(?:me\s+)?(?:a\s+|some\s+)?(?:pics?|photos?|pictures?|nudes?|selfies?)\b"
                     r"|\b(?:nice|great|lovely|big|fit|tight)\s+(?:tits|boobs|titties|arse|ass|bum|legs|rack|body|lips|cleavage)\b"
                     r"|\b(?:your|her|ur)\s+(?:tits|boobs|titties|arse|ass|bum|rack|cleavage|knickers|panties|bra|lingerie)\b"
                     r"|\b(?:sit|sat)\s+on\s+my\s+(?:lap|face|knee)\b|\bbend\s+(?:you|her|u)\s+over\b|\bgive\s+(?:you|her|u)\s+(?:one|a\s+good\s+seeing\s+to|a\s+good\s+time)\b"
                     r"|\bi(?:'d|\s+would|'ll|\s+will)\s+(?:do|shag|bang|fuck|ride|take|have)\s+(?:you|her|u)\b(?!\s+(?:to\s+court|to\s+the\s+ombudsman|to\s+task)\b)"
                     r"|\b(?:get|take|have)\s+(?:you|her|u)\s+(?:in|into)\s+(?:bed|my\s+bed|the\s+sack)\b|\b(?:blow\s*job|hand\s*job|a\s+quickie)\b"
                     r"|\b(?:are|r)\s+(?:you|u)\s+(?:single|wearing\s+anything|a\s+virgin|on\s+the\s+pill)\b|\bthat's\s+what\s+she\s+said\b"
                     r"|\b(?:naughty|dirty)\s+(?:girl|boy|thoughts|weekend)\b|\b(?:i'm|i\s+am|getting|got|makes\s+me)\s+(?:horny|hard|wet|aroused)\b"
                     r"|\bsex\s+with\s+(?:you|u|her)\b|\b(?:fancy|want\s+to\s+go\s+for|take\s+you\s+out\s+for)\s+(?:a\s+drink|dinner|a\s+date|a\s+shag)\b"
                     r"|\b(?:spank|spanking|kiss|lick|touch|grope)\s+(?:you|u|her)\b"
                     r"|\bwink\s+wink\b|\bnudge\s+nudge\b|\b(?:sexy|gorgeous|babe|sweet\s+cheeks|darlin|sugar\s+tits)\s*[,!x]"), 0.75,
         "sexual remark or innuendo aimed at staff"),
    # --- malicious allegation: a hint only ------------------------------------------------
    Rule(_ALLEGATION, _c(rf"\b(?:you|your\s+{STAFF}|he|she|they)\s+(?:have\s+|has\s+|had\s+)?(?:stole|stolen|steal|assaulted|sexually\s+harassed|harassed|molested|groped|abused|forged|embezzled|took\s+bribes|taking\s+bribes|committed\s+fraud|lied\s+under\s+oath)\b"
                         r"|\b(?:you're|you\s+are|he's|he\s+is|she's|she\s+is)\s+(?:a\s+)?(?:paedophile|pedophile|nonce|rapist|racist|fraudster|thief|criminal|drunk|drug\s+addict|junkie)\b"), 0.3,
         "possible allegation against staff (hint only: check the facts)", check_negation=False),
]  # fmt: skip


NEGATORS = re.compile(
    r"\b(?:not|never|no\s+one|nobody|isn't|aren't|wasn't|don't|doesn't|didn't|won't|wouldn't"
    r"|can't|cannot|couldn't|shouldn't|hardly|neither|nor)\b|n't\b"
)
_CLAUSE_START = re.compile(r"[.!?;,\n:]|\b(?:but|and|so|because|although|though)\b")


def negated(text: str, start: int) -> bool:
    """True if a negation governs the words at `start` (looking back within the clause)."""
    window_start = max(0, start - 60)
    window = text[window_start:start]
    cut = 0
    for m in _CLAUSE_START.finditer(window):
        cut = m.end()
    return NEGATORS.search(window, cut) is not None


def apply(rules: Iterable[Rule], text: str) -> list[Hit]:
    hits: list[Hit] = []
    for rule in rules:
        for m in rule.pattern.finditer(text):
            if rule.check_negation and negated(text, m.start()):
                continue
            hits.append(Hit(rule.category, m.start(), m.end(), rule.score, rule.why))
            hits.extend(Hit(c, m.start(), m.end(), rule.score, rule.why) for c in rule.also)
    return hits


def match_rules(text: str) -> list[Hit]:
    """All rule hits in normalised, masked text (offsets into that text)."""
    from .identity import identity_hits, profanity_hits

    return apply(RULES, text) + identity_hits(text) + profanity_hits(text)
