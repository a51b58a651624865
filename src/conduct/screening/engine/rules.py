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
from . import scan


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
    pattern: scan.Pattern  # `scan.LazyPattern` for the rules here: compiled when first run
    score: float
    why: str
    check_negation: bool = True
    also: tuple[str, ...] = ()  # further categories the same words evidence
    # The rule runs only if the text has one of these words (speed: most rules never run).
    needs: frozenset[str] = frozenset()
    # ... and also one of these (a second, cheap gate for rules with common first triggers).
    also_needs: frozenset[str] = frozenset()
    # Every match holds one of `also_needs` itself, so only the windows holding one are scanned.
    also_in_match: bool = False


def _alt(words: Iterable[str]) -> str:
    return (
        "(?:"
        + "|".join(
            sorted((re.escape(w).replace("_", r"\s+") for w in words), key=len, reverse=True)
        )
        + ")"
    )


INSULT = _alt(lx.INSULT_NOUNS)
_ACCUSE_WORDS = (
    "thief thieves crook crooks fraudster fraudsters charlatan charlatans cowboys scammers"
    " fraud frauds conmen con_men con_artists shysters"
)
ACCUSE = _alt(_ACCUSE_WORDS.split())
ADJ_STRONG = _alt(lx.INSULT_ADJ_STRONG)
ADJ_MILD = _alt(lx.INSULT_ADJ_MILD)
MODIFIER = r"(?:(?!(?:not|never|no)\b)[a-z']+,?\s+)"
YOU_ARE = (
    r"(?:you\s+are|you're|youre|you\s+r|u\s+r|u\s+are|ur|your(?=\s+(?:a|an|such|so|the|just)\b))"
)
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
# A legal or public route after a strong phrase makes it legitimate complaint language.
LEGAL = (
    r"[^.!?\n]{0,40}\b(?:in\s+court|court|tribunal|ombudsman|solicitor|lawyer|legal|regulator"
    r"|the\s+press|newspapers?|reviews?|trustpilot|online|social\s+media|complaint)"
)
ACTOR = r"(?:i|we|someone|somebody|my\s+(?:mates?|brothers?|boys|lads|family|friends?|sons?|husband|dad))"
HARM_VERB = (
    r"(?:kill|murder|stab|shoot|punch|smash|batter|beat|strangle|hang|lynch|hurt|slap|kick"
    r"|break|burn|bomb|rape|knock|glass|stamp\s+on|cut|slit|torch|blow\s+up|throttle|choke"
    r"|deck|headbutt|thump|twat|lamp|wallop|run\s+over|bash|snap|gut|torture|end)"
)
HARM_OBJECT = (
    r"(?:you|your|u|ya|yer|him|her|everyone|every\s+one|the\s+lot|the\s+office"
    r"|the\s+building|the\s+place|the\s+branch|this\s+place|your\s+office|the\s+staff|staff)"
)
GROUPS_ANY_WORD = "|".join(
    re.escape(w).replace("_", r"\s+") for ws in lx.IDENTITY_GROUPS.values() for w in ws
)
GROUPS: dict[str, str] = {k: _alt(v) for k, v in lx.IDENTITY_GROUPS.items()}
ANY_GROUP = _alt(w for ws in lx.IDENTITY_GROUPS.values() for w in ws)
DEHUMANISING = _alt(lx.DEHUMANISING)


_INSULT_WORDS = frozenset(lx.INSULT_NOUNS)
STRONG_INSULT = _alt(lx.INSULT_STRONG_NOUNS)
PERSON_INSULT = _alt(lx.INSULT_PERSON_NOUNS)
_STRONG_WORDS = frozenset(lx.INSULT_STRONG_NOUNS)


def _c(pattern: str) -> scan.LazyPattern:
    return scan.LazyPattern(pattern)


def words_of(*groups: Iterable[str] | str) -> frozenset[str]:
    """Needed words, with simple inflections ("stab" -> "stabs", "stabbing", "stabbed")."""
    out: set[str] = set()
    for g in groups:
        for w in g.split() if isinstance(g, str) else g:
            for part in re.findall(r"[a-z]+", w):
                out.update(
                    {
                        part,
                        part + "s",
                        part + "ing",
                        part + "ed",
                        part + part[-1] + "ing",
                        part + part[-1] + "ed",
                        part.rstrip("e") + "ing",
                    }
                )
    return frozenset(out)


WORD = re.compile(r"[a-z]+")
_HARM_WORDS = words_of(
    "kill murder stab shoot punch smash batter beat strangle hang lynch hurt slap kick break burn"
    " bomb rape knock glass stamp cut slit torch blow throttle choke deck headbutt thump twat lamp"
    " wallop run bash snap gut torture end"
)
_BANTER_WORDS = words_of(
    "sexy hot fit fuckable gorgeous babe hottie stunner cute horny easy tasty alright wearing pics"
    " pic photos photo pictures picture nudes nude selfies selfie tits boobs titties arse ass bum"
    " legs rack body lips cleavage knickers panties bra lingerie lap knee bend give shag bang fuck"
    " ride bed sack blowjob blow handjob hand quickie single virgin pill said naughty dirty hard"
    " wet aroused sex drink dinner date spank kiss lick touch grope wink nudge cheeks darlin"
)


_ABUSE = "abusive_language"
_THREAT = "threatening_communication"
_VIOLENCE = "violence"
_BANTER = "inappropriate_banter"
_ALLEGATION = "malicious_allegation"

RULES: list[Rule] = [
    # --- insults and name-calling aimed at a person ---------------------------------------
    Rule(_ABUSE, _c(rf"\b{YOU_ARE}{NOT_AFTER}\s+{MODIFIER}{{0,4}}?{INSULT}\b"), 0.85,
         "name-calling aimed at the reader", needs=_INSULT_WORDS),
    Rule(_ABUSE, _c(rf"\b(?:you|u|ya)\s+(?:{ADJ_STRONG}|{ADJ_MILD}|fucking|fuckin|effing|bloody|absolute|utter|complete|total|little|old|silly|sad|big|fat)?\s*(?:{MODIFIER}{{0,2}}?){INSULT}\b(?!\s+(?:of|to|for|in|at)\b)"), 0.85,
         "name-calling aimed at the reader", needs=_INSULT_WORDS),
    Rule(_ABUSE, _c(rf"\bwhat\s+(?:a|an)\s+{MODIFIER}{{0,2}}?{INSULT}\b|\b{INSULT}\s+(?:that\s+)?(?:you\s+are|you're)\b"), 0.75,
         "name-calling aimed at the reader", needs=_INSULT_WORDS),
    Rule(_ABUSE, _c(rf"\b(?:you|u|ya)\s+(?:{ADJ_STRONG}|{ADJ_MILD}|fucking|fuckin|effing|bloody|sad|silly)\s+(?:little\s+|old\s+|fat\s+)?(?:man|woman|boy|girl|person|thing|creature|cow|sod|specimen|excuse\s+for\s+a\s+\w+)\b"), 0.8,
         "name-calling aimed at the reader", needs=frozenset(lx.INSULT_ADJ_STRONG | lx.INSULT_ADJ_MILD | {"fucking", "fuckin", "effing", "bloody", "sad", "silly"})),
    Rule(_ABUSE, _c(rf"\b(?:your|the|this|that|these|those)\s+(?:\w+\s+)?{STAFF}\s+(?:are|is|were|was|r)\s+{NOT_AFTER}{MODIFIER}{{0,4}}?{INSULT}\b"), 0.8,
         "name-calling aimed at staff", needs=_INSULT_WORDS),
    Rule(_ABUSE, _c(rf"\b{INSULT}\s+like\s+(?:you|u|yourself|your\s+{STAFF})\b"), 0.8,
         "name-calling aimed at the reader", needs=_INSULT_WORDS),
    Rule(_ABUSE, _c(rf"\b{YOU_ARE}{NOT_AFTER}\s+(?:(?:so|such|really|very|completely|totally|absolutely|utterly|fucking|bloody|just|clearly|obviously|a|an|being)\s+){{0,3}}{ADJ_STRONG}\b"), 0.75,
         "insult aimed at the reader", needs=frozenset(lx.INSULT_ADJ_STRONG)),
    Rule(_ABUSE, _c(rf"\b{YOU_ARE}{NOT_AFTER}\s+(?:(?:so|such|really|very|completely|totally|absolutely|utterly|just|clearly|obviously|a|an|being)\s+){{0,3}}{ADJ_MILD}\b"), 0.45,
         "criticism aimed at the reader (low severity)", needs=frozenset(lx.INSULT_ADJ_MILD)),
    Rule(_ABUSE, _c(rf"\b{YOU_ARE}{NOT_AFTER}\s+(?:all\s+|just\s+|nothing\s+but\s+|a\s+bunch\s+of\s+|a\s+load\s+of\s+)?(?:(?:such|a|an|total|complete|absolute|utter|bloody|fucking|lying)\s+){{0,3}}{ACCUSE}\b"), 0.55,
         "accusation aimed at the reader", needs=words_of(_ACCUSE_WORDS)),
    Rule(_ABUSE, _c(r"\b(?:fuck|f|fk|fck|screw|sod|bugger)\s+(?:you|u|ya|off|the\s+lot\s+of\s+you|your\s+\w+)\b"
                    r"|\bgo\s+(?:and\s+)?(?:fuck|screw)\s+(?:yourself|yourselves|off)\b|\bup\s+yours\b"
                    r"|\b(?:shove|stick|ram)\s+(?:it|this|that|your\s+\w+)\s+(?:\w+\s+){0,3}?up\s+your\b|\bkiss\s+my\s+(?:arse|ass)\b"
                    r"|\bpiss\s+off\b|\beat\s+shit\b|\bshut\s+(?:the\s+fuck\s+up|your\s+(?:mouth|face|gob|trap))\b"
                    r"|\bfuck\s+(?:off|you)\b|\bstfu\b|\bgfy\b|\bkys\b"), 0.85,
         "swearing aimed at the reader", needs=words_of("fuck f fk fck screw sod bugger yours shove stick ram kiss piss eat shut stfu gfy kys")),
    Rule(_ABUSE, _c(r"\b(?:you|your|ur)\s+(?:fucking|fuckin|effing|fucked|shitty|shit)\s+(?:\w+\s+)?(?:staff|colleagues?|people|lot|team|manager|advis[oe]rs?|self|selves|face|mouth|\w+)\b"), 0.7,
         "swearing aimed at the reader", needs=frozenset(["fucking", "fuckin", "effing", "fucked", "shitty", "shit"])),
    Rule(_ABUSE, _c(rf"\b(?:he|she|they|he's|she's|they're)\s+(?:is|are|was|were|s|re)?\s*(?:such\s+|just\s+|nothing\s+but\s+)?(?:a|an)?\s*{MODIFIER}{{0,2}}?{INSULT}\b(?!\s+(?:of|to|for|in|at)\b)"), 0.7,
         "name-calling aimed at a person", needs=_INSULT_WORDS),
    Rule(_ABUSE, _c(rf"\b(?:he|she|they|he's|she's|they're)\s+(?:is|are|was|were|s|re)?\s*(?:so\s+|really\s+|utterly\s+|fucking\s+|bloody\s+|as\s+)?{ADJ_STRONG}\b(?!-)"), 0.6,
         "insult aimed at a person", needs=frozenset(lx.INSULT_ADJ_STRONG)),
    Rule(_ABUSE, _c(r"\b(?:you|u|ya|you\s+people|you\s+lot|you\s+guys|you\s+all)\s+(?:all\s+|really\s+|just\s+|fucking\s+)?(?:suck|stink|blow)\b"
                    r"|\bwhat\s+the\s+(?:fuck|fucking|fk|f)\s+(?:are|is|do|did|were)\s+(?:you|u|ya)\b"
                    r"|\b(?:get\s+lost|buzz\s+off|sod\s+off|bugger\s+off|naff\s+off|jog\s+on|go\s+to\s+hell|drop\s+dead)\b"
                    r"|\b(?:fuck|fucked|shag|shagged|screw|screwed)\s+your\s+(?:mum|mom|mother|mam|sister|wife|dad|nan|gran)\b"
                    r"|\bi\s+(?:shit|piss|spit)\s+on\s+(?:you|your)\b"), 0.75,
         "insult or swearing aimed at the reader",
         needs=words_of("suck stink blow fuck fucking fk f lost buzz sod bugger naff jog hell dead mum mom mother mam sister wife dad nan gran shit piss spit")),
    Rule(_ABUSE, _c(r"\b(?:i|we)\s+(?:really\s+|fucking\s+|just\s+|absolutely\s+|truly\s+|honestly\s+|bloody\s+)?(?:hate|despise|detest|loathe)\s+(?:you|u|ya|the\s+lot\s+of\s+you|your\s+guts)\b(?!')"), 0.75,
         "hatred aimed at the reader", needs=words_of("hate despise detest loathe")),
    Rule(_ABUSE, _c(r"\bget\s+fucked\b|\b(?:fuck|fk|fck)\s+(?:him|her|them|em)\b|\bfuck\s+the\s+(?:lot|both)\s+of\s+(?:you|them)\b"), 0.8,
         "swearing aimed at a person", needs=words_of("fucked fuck fk fck")),
    Rule(_ABUSE, _c(rf"\b(?:this|that|these|those)\s+(?:(?!(?:the|a|an|is|are|was|were|of|and|to|my|your|our|their|his|her)\b)[a-z]+\s+)?{PERSON_INSULT}\b(?!-|\s+of\s+a\b)"
                    rf"|\b(?:stupid|fucking|silly|dumb|lazy|useless|lying|ignorant|thick|fat|ugly|old|little)\s+(?:[a-z]+\s+)?{STRONG_INSULT}\b(?!-|\s+of\s+a\b)"
                    rf"|(?:^|[.!?\n]\s*)(?:(?:you|u|ya|stupid|fucking|dumb|fat|lying|useless|thick)\s+){{0,2}}{STRONG_INSULT}\s*[.!?]*\s*(?:$|\n)"), 0.7,
         "name-calling (a strong insult aimed at a person)", needs=frozenset(lx.INSULT_PERSON_NOUNS)),
    Rule(_ABUSE, _c(rf"\b(?!(?:life|karma|it|this|that|payback|there|what|which|everything|nothing|revenge|fate)\b)[a-z]+\s+(?:is|was|are|were|'s)\s+(?:(?:such|a|an|the|biggest|total|absolute|complete|fucking|right|utter|proper|massive|lying|stupid|useless|nasty)\s+){{1,3}}{STRONG_INSULT}\b(?!\s+to\b)"), 0.65,
         "name-calling (a strong insult aimed at a person)", needs=_STRONG_WORDS),
    Rule(_ABUSE, _c(r"\b(?:you|u|ya|you're|you\s+are|ur|u\s+r|he's|he\s+is|she's|she\s+is|they're|they\s+are)\s+(?:a\s+|an\s+|such\s+a\s+|just\s+a\s+)?(?:[a-z]+\s+)?(?:piece|pieces)\s+of\s+(?:shit|crap|garbage|trash|filth|dirt|scum)\b"
                    r"|\b(?:you|u|ya|you're|you\s+are|ur)\s+(?:a\s+)?(?:total\s+|complete\s+|absolute\s+)?waste\s+of\s+(?:space|oxygen|skin|air|a\s+(?:human|person|life))\b"), 0.85,
         "name-calling aimed at the reader", needs=words_of("piece pieces waste")),
    # --- threats ---------------------------------------------------------------------------
    Rule(_THREAT, _c(rf"\b(?:you|u)(?:'ll|\s+will|'re\s+going\s+to|\s+are\s+going\s+to|'re\s+gonna|\s+are\s+gonna)\s+get\s+(?:what's\s+coming(?:\s+to\s+(?:you|u))?|what\s+is\s+coming\s+to\s+you|yours|hurt|seriously\s+hurt|a\s+(?:beating|kicking|slap))\b(?!{LEGAL})"), 0.75,
         "threat or intimidation", needs=words_of("coming yours hurt beating kicking slap"), check_negation=False),
    Rule(_THREAT, _c(r"\bi\s+(?:know|found\s+out|have\s+found\s+out|'ve\s+found\s+out)\s+where\s+(?:you|u|your\s+\w+|she|he|they)\s+(?:live|lives|work|works|park|parks|sleep|go|goes|drop|stay|stays)\b"
                     r"|\bi\s+know\s+what\s+(?:car\s+)?you\s+drive\b|\bi\s*(?:'ve|\s+have)\s+been\s+watching\s+(?:you|u|her|him)\b"
                     r"|\bi\s+know\s+(?:your|where\s+your)\s+(?:address|kids|children|family|wife|husband|daughter|son)\b"), 0.9,
         "threat: knowledge of where the person lives or works", needs=words_of("know found watching"), check_negation=False),
    Rule(_THREAT, _c(r"\b(?:watch|mind)\s+your\s+(?:back|step|kids|family)\b|\byou(?:'d|\s+had)\s+better\s+watch\s+(?:out|yourself|it)\b"), 0.85,
         "threat or intimidation", needs=words_of("watch mind"), check_negation=False),
    Rule(_THREAT, _c(r"\byour\s+days\s+are\s+numbered\b|\b(?:you're|you\s+are|ur)\s+(?:dead|a\s+dead\s+(?:man|woman)|dead\s+meat|going\s+to\s+die|gonna\s+die)\b"
                     r"|\b(?:i'm|i\s+am|we're|we\s+are)\s+coming\s+(?:for|after|to\s+get)\s+(?:you|u|ya|your)\b"
                     r"|\byou\s+(?:won't|will\s+not|wont)\s+(?:see|know)\s+(?:what's|what\s+is|it)\s+coming\b"), 0.85,
         "threat or intimidation", needs=words_of("numbered dead die coming"), check_negation=False),
    Rule(_THREAT, _c(r"\b(?:i|we)(?:'ll|\s+will|\s+shall|'m\s+going\s+to|\s+am\s+going\s+to|'m\s+gonna)\s+(?:come\s+(?:round|over|down|in)\s+(?:there\s+|here\s+)?and\s+)?(?:find|get|hunt|track|sort)\s+(?:you|u|ya|her|him)(?:\s+(?:down|out))?\b(?!\s+(?:a|an|the|some|more|back|sorted|refunded|compensated|paid|my|your|his|her|their|this|that|these|those|it|them|one|what|whatever|everything|anything|something|all|any|in|on|to|through|\d+)\b|\s*\d)"), 0.75,
         "threat or intimidation", needs=words_of("find get hunt track sort"), check_negation=False),
    Rule(_THREAT, _c(r"\b(?:waiting|wait)\s+for\s+(?:you|u|her|him)\s+(?:outside|after\s+work|after\s+your\s+shift|in\s+the\s+car\s*park|when\s+you\s+(?:leave|finish))\b"
                     r"|\bsee\s+(?:you|u)\s+(?:outside|after\s+work|in\s+the\s+car\s*park)\b"), 0.85,
         "threat or intimidation", needs=words_of("outside work shift car carpark leave finish"), check_negation=False),
    Rule(_THREAT, _c(r"\b(?:something|anything)\s+(?:bad|nasty|unfortunate|terrible)\s+(?:will|might|is\s+going\s+to|could)\s+happen\s+to\s+(?:you|your|her|him)\b"
                     r"|\bshame\s+if\s+(?:something|anything)\s+(?:were\s+to\s+happen|happened)\b"), 0.85,
         "threat or intimidation", needs=words_of("happen happened"), check_negation=False),
    Rule(_THREAT, _c(rf"\b(?:i|we)(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to|'m\s+gonna)\s+(?:make\s+(?:you|your\s+life)\s+(?:pay|suffer|regret|a\s+misery|a\s+living\s+hell|hell|miserable)|make\s+sure\s+you\s+(?:suffer|pay|regret))\b(?!{LEGAL})"
                     rf"|\b(?:i|we)(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to|'m\s+gonna)\s+(?:ruin|destroy|end)\s+(?:you|your\s+(?:life|career|family))\b(?!{LEGAL})"), 0.8,
         "threat or intimidation", needs=words_of("pay suffer regret misery hell miserable ruin destroy end"), check_negation=False),
    Rule(_THREAT, _c(r"\b(?:people|someone|men)\s+(?:like\s+you\s+)?(?:have|has)\s+(?:been|got)\s+(?:hurt|killed|stabbed|shot)\s+for\s+less\b"
                     r"|\b(?:i|we)(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to)\s+(?:post|publish|share|put)\s+(?:your|her|his)\s+(?:home\s+)?(?:address|photo|photos|picture|face|details|phone\s+number)\b"), 0.85,
         "threat or intimidation", needs=words_of("less address photo photos picture face details number"), check_negation=False),
    Rule(_THREAT, _c(r"\b(?:i\s+|we\s+)?(?:really\s+|truly\s+|just\s+|do\s+|sincerely\s+|honestly\s+)?hope\s+(?:you|u|ya|your\s+\w+)\s+(?:all\s+|both\s+|lot\s+)?(?:die|dies|get\s+cancer|gets\s+cancer|rot|burn|get\s+raped|get\s+hit\s+by|drop\s+dead|suffer|choke)\b(?!\s+(?:laughing|of\s+(?:laughter|embarrassment|shame)|on\s+(?:hold|the\s+phone)))"
                     r"|\bi\s+wish\s+(?:you|u)\s+(?:were\s+dead|was\s+dead|would\s+(?:just\s+)?(?:drop\s+dead|die|get\s+cancer)|'d\s+(?:just\s+)?die|had\s+(?:died|never\s+been\s+born))\b"
                     r"|\b(?:you|u)\s+(?:should|ought\s+to|deserve\s+to)\s+(?:just\s+|go\s+and\s+|go\s+)?(?:die|rot|drop\s+dead)\b"
                     r"|\b(?:go\s+|just\s+)?die\s+in\s+a\s+(?:fire|hole|ditch)\b"
                     r"|\b(?:go\s+and\s+|go\s+)?(?:kill|hang)\s+yourself\b"), 0.85,
         "wishing harm on the reader", needs=words_of("hope yourself wish die rot dead")),
    Rule(_THREAT, _c(rf"\b(?:you'll|you\s+will|you're\s+going\s+to|you\s+are\s+going\s+to|you\s+are\s+gonna|you're\s+gonna)\s+(?:regret|pay\s+for)\s+(?:this|it|that)\b(?!\s+(?:decision|choice|approach|policy|mistake|error|when|once|in\s+court|at\s+(?:the\s+)?tribunal))(?!{LEGAL})|\byou(?:'ll|\s+will)\s+be\s+sorry\b(?!{LEGAL})"), 0.6,
         "veiled threat", needs=words_of("regret sorry pay"), check_negation=False),
    Rule(_VIOLENCE, _c(rf"\b{ACTOR}{WILL}{NOT_AFTER}\s+(?:(?!not\b|never\b)[a-z']+\s+){{0,5}}?{HARM_VERB}(?:s|ing|ed)?\s+(?:(?:the\s+)?(?:shit|hell|crap|living\s+daylights)\s+out\s+of\s+|down\s+|up\s+|in\s+)?(?:{HARM_OBJECT}|(?:the\s+next\s+|all\s+(?:the\s+)?|every\s+|any\s+|those\s+|these\s+|some\s+)(?:{GROUPS_ANY_WORD}))\b"), 0.9,
         "threat of physical violence", also=(_THREAT,), needs=_HARM_WORDS, check_negation=False),
    Rule(_VIOLENCE, _c(rf"\b(?:you|u|ya|she|he|they|your\s+{STAFF})\s+(?:deserves?|needs?|should\s+get|ought\s+to\s+get)\s+(?:to\s+(?:die|be\s+(?:shot|killed|stabbed|hanged|hung|beaten|raped|punched|slapped))|a\s+(?:good\s+|proper\s+|real\s+)?(?:bullet|beating|slap|smack|kicking|punch|hiding))\b"
                       r"|\b(?:you|u|she|he|they)\s+(?:should|ought\s+to)\s+be\s+(?:shot|killed|hanged|hung|strung\s+up|stabbed|put\s+down|beaten|lynched|gassed)\b"
                       r"|\b(?:there\s+is|there's|i've\s+(?:planted|left|put)|i\s+have\s+(?:planted|left|put))\s+a\s+bomb\b"
                       r"|\b(?:burn|torch|blow\s+up|firebomb)\s+(?:down\s+)?(?:your|the|this)\s+(?:office|building|branch|house|place|shop|premises)\b"
                       r"|\bi\s+(?:have|'ve|got)\s+a\s+(?:knife|gun|blade|machete|bat)\b"), 0.9,
         "violence or a threat of violence", also=(_THREAT,), check_negation=False,
         needs=words_of("deserve need should ought bomb burn torch blow firebomb knife gun blade machete bat")),
    # --- inappropriate banter, innuendo and sexual remarks ---------------------------------
    Rule(_BANTER, _c(r"\b(?:you're|you\s+are|ur|u\s+r|you\s+sound|you\s+look|you\s+looked|she's|she\s+is|she\s+sounds|she\s+looks)\s+(?:so\s+|very\s+|really\s+|well\s+|proper\s+|dead\s+)?(?:sexy|hot|fit|fuckable|gorgeous|a\s+babe|a\s+hottie|a\s+stunner|cute|horny|easy|tasty|a\s+bit\s+of\s+alright)\b"
                     r"|\bwhat\s+(?:are|r)\s+(?:you|u)\s+wearing\b|\bsend\s+(?:me\s+)?(?:a\s+|some\s+)?(?:pics?|photos?|pictures?|nudes?|selfies?)\b"
                     r"|\b(?:nice|great|lovely|fit)\s+(?:tits|boobs|titties|arse|ass|bum|legs|rack|body|lips|cleavage)\b"
                     r"|(?<!\bup\s)\b(?:your|her|ur)\s+(?:tits|boobs|titties|arse|ass|bum|rack|cleavage|knickers|panties|bra|lingerie)\b"
                     r"|\b(?:sit|sat)\s+on\s+my\s+(?:lap|face|knee)\b|\bbend\s+(?:you|her|u)\s+over\b|\bgive\s+(?:you|her|u)\s+(?:one|a\s+good\s+seeing\s+to|a\s+good\s+time)\b"
                     r"|\bi(?:'d|\s+would|'ll|\s+will)\s+(?:do|shag|bang|fuck|ride|take|have)\s+(?:you|her|u)\b(?!\s+(?:to\s+court|to\s+the\s+ombudsman|to\s+task)\b)"
                     r"|\b(?:get|take|have)\s+(?:you|her|u)\s+(?:in|into)\s+(?:bed|my\s+bed|the\s+sack)\b|\b(?:blow\s*job|hand\s*job|a\s+quickie)\b"
                     r"|\b(?:are|r)\s+(?:you|u)\s+(?:single|wearing\s+anything|a\s+virgin|on\s+the\s+pill)\b|\bthat's\s+what\s+she\s+said\b"
                     r"|\b(?:naughty|dirty)\s+(?:girl|boy|thoughts|weekend)\b|\b(?:i'm|i\s+am|getting|got|makes\s+me)\s+(?:horny|hard|wet|aroused)\b"
                     r"|\bsex\s+with\s+(?:you|u|her)\b|\b(?:fancy|want\s+to\s+go\s+for|take\s+you\s+out\s+for)\s+(?:a\s+drink|dinner|a\s+date|a\s+shag)\b"
                     r"|\b(?:spank|spanking|kiss|lick|touch|grope)\s+(?:you|u|her)\b"
                     r"|\bwink\s+wink\b|\bnudge\s+nudge\b"
                     r"|(?:^|[,.!?]\s*|\b(?:hi|hey|hello|thanks|cheers|bye|morning|evening|night|there)\s+)(?:sexy|gorgeous|babe|sweet\s+cheeks|darlin|sugar\s+tits)\s*(?:[,!.]|x\b|$)"), 0.75,
         "sexual remark or innuendo aimed at staff", needs=_BANTER_WORDS),
    # --- malicious allegation: a hint only ------------------------------------------------
    Rule(_ALLEGATION, _c(rf"\b(?:you|your\s+{STAFF}|he|she|they)\s+(?:have\s+|has\s+|had\s+)?(?:stole|stolen|steal|assaulted|sexually\s+harassed|harassed|molested|groped|abused|forged|embezzled|took\s+bribes|taking\s+bribes|committed\s+fraud|lied\s+under\s+oath)\b"
                         r"|\b(?:you're|you\s+are|he's|he\s+is|she's|she\s+is)\s+(?:a\s+)?(?:paedophile|pedophile|nonce|rapist|racist|fraudster|thief|criminal|drunk|drug\s+addict|junkie)\b"), 0.3,
         "possible allegation against staff (hint only: check the facts)", check_negation=False,
         needs=words_of("stole stolen steal assaulted harassed molested groped abused forged embezzled bribes fraud oath paedophile pedophile nonce rapist racist fraudster thief criminal drunk addict junkie")),
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


class _Index:
    """Which rules each needed word can wake up, so that `apply` looks at the text's words
    once instead of intersecting every rule's word set with them."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self.size = len(rules)
        # `rule.pattern` rewritten to be found faster, compiled the first time the rule runs
        # (most rules never run in a given process: start-up stays short).
        self.patterns: list[re.Pattern[str] | None] = [None] * len(rules)
        self.always = [i for i, r in enumerate(rules) if not r.needs]
        by_word: dict[str, list[int]] = {}
        for i, r in enumerate(rules):
            for w in r.needs:
                by_word.setdefault(w, []).append(i)
        self.by_word = by_word
        self.keys = frozenset(by_word)
        # Every word any rule asks for (needed or also needed): `words & self.all_words` is
        # a small set, and a rule's word sets meet it exactly where they meet `words`.
        self.all_words = self.keys.union(*(r.also_needs for r in rules))

    def active(self, words: frozenset[str]) -> tuple[list[int], frozenset[str]]:
        """Indices (in rule order) of the rules whose needed words occur, and which of the
        needed words occur."""
        present = self.keys & words
        if not present:
            return self.always, present
        found = set(self.always)
        for w in present:
            found.update(self.by_word[w])
        return sorted(found), present


_INDEXES: dict[int, _Index] = {}


def _index(rules: list[Rule]) -> _Index:
    index = _INDEXES.get(id(rules))
    if index is None or index.rules is not rules or index.size != len(rules):
        index = _INDEXES[id(rules)] = _Index(rules)
    return index


def apply(rules: Iterable[Rule], text: str, words: frozenset[str] | None = None) -> list[Hit]:
    """Hits of `rules` in `text`; `words` (the text's words) lets rules that cannot match skip."""
    if words is None:
        words = frozenset(WORD.findall(text))
    rule_list = rules if isinstance(rules, list) else list(rules)
    index = _index(rule_list)
    asked = index.all_words & words  # the text's words that some rule asks for
    order, present = index.active(asked)
    hits: list[Hit] = []
    for i in order:
        rule = rule_list[i]
        pattern = index.patterns[i]  # `rule.pattern`, rewritten to be found faster
        if pattern is None:
            pattern = index.patterns[i] = scan.literal_start(rule.pattern)
        also_needs = rule.also_needs
        # `also_needs` is part of `index.all_words`: meeting `asked` is meeting `words`.
        if also_needs and also_needs.isdisjoint(asked):
            continue
        # `present` holds exactly the needed words (of any rule) that occur in the text, so
        # `rule.needs & present == rule.needs & words`: the same windows are scanned.
        near = also_needs & asked if rule.also_in_match else None
        for m in scan.finditer(pattern, text, rule.needs, present if rule.needs else words, near):
            if rule.check_negation and negated(text, m.start()):
                continue
            hits.append(Hit(rule.category, m.start(), m.end(), rule.score, rule.why))
            hits.extend(Hit(c, m.start(), m.end(), rule.score, rule.why) for c in rule.also)
    return hits
