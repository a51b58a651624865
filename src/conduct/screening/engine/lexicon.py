"""Word lists used by the rules and by de-obfuscation.

Kept as plain data so that a reviewer can read, extend and test them. Every word here is in
its canonical (lower-case, plain ASCII) spelling; `normalise` rewrites disguised spellings
("1d10t", "i.d.i.o.t", "idiooot", Cyrillic look-alikes) to these forms before matching.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


# Nouns used to call a person names. Aimed at a person ("you are a ...", "you ...") they are
# abuse even without swearing.
INSULT_NOUNS = frozenset(
    _words(
        """
    idiot idiots moron morons imbecile imbeciles cretin cretins halfwit halfwits dimwit
    dimwits nitwit nitwits numpty numpties clown clowns buffoon buffoons fool fools
    dunce dunces liar liars scumbag scumbags scum lowlife lowlifes parasite parasites
    leech leeches bastard bastards bitch bitches cow cows slag slags slut sluts whore
    whores tart tarts dickhead dickheads dick dicks prick pricks knob knobs knobhead
    knobheads bellend bellends wanker wankers tosser tossers twat twats cunt cunts
    arsehole arseholes asshole assholes arse ass jackass dumbass dumbasses douchebag
    douchebags douche pillock pillocks plonker git gits muppet muppets nonce nonces pig
    pigs swine vermin rat rats snake snakes loser losers crook crooks thief thieves
    fraudster fraudsters charlatan charlatans jobsworth jobsworths waste retard retards
    spastic spastics mong mongs cocksucker motherfucker motherfuckers shithead shitheads
    shitbag dipshit pos freak freaks weirdo degenerate degenerates creep creeps trash
    garbage filth scrounger scroungers
    """
    )
)

# The vulgar subset of INSULT_NOUNS: said of anyone ("this bitch", "Chris is a twat", a message
# that is only "Wanker!"), these are name-calling, not criticism. Words with an everyday sense
# ("dick", "cow", "pig", "snake", "waste") are left out.
INSULT_STRONG_NOUNS = frozenset(
    _words(
        """
    cunt cunts twat twats wanker wankers bitch bitches bastard bastards prick pricks
    arsehole arseholes asshole assholes dickhead dickheads knobhead knobheads bellend bellends
    tosser tossers motherfucker motherfuckers shithead shitheads scumbag scumbags cocksucker
    douchebag douchebags whore whores slut sluts slag slags fucker fuckers
    """
    )
)

# Insults that only name a person (no everyday sense such as "trash", "rats", "filth" or "pig",
# which a complaint about bins, pests or mould uses): "this idiot", "those clowns".
INSULT_PERSON_NOUNS = (
    frozenset(
        _words(
            """
    idiot idiots moron morons imbecile imbeciles cretin cretins halfwit halfwits dimwit
    dimwits nitwit nitwits numpty numpties clown clowns buffoon buffoons dunce dunces
    lowlife lowlifes plonker git gits muppet muppets jobsworth jobsworths pillock pillocks
    jackass dumbass dumbasses retard retards
    """
        )
    )
    | INSULT_STRONG_NOUNS
)

# Adjectives that insult a person. "strong" ones are abuse when aimed at someone; "mild"
# ones are closer to criticism and count only when said of "you" directly.
INSULT_ADJ_STRONG = frozenset(
    _words(
        """
    stupid thick dumb brainless braindead retarded pathetic worthless moronic idiotic
    disgusting vile repulsive fat ugly useless_bitch senile spineless gutless
    """
    )
)
INSULT_ADJ_MILD = frozenset(
    _words(
        """
    incompetent useless clueless hopeless lazy ignorant arrogant rude inept lying
    dishonest corrupt crooked ignorant inadequate
    """
    )
)

# Swear words. Untargeted they are at most low severity; aimed at someone they are abuse.
PROFANITY = frozenset(
    _words(
        """
    fuck fucking fucked fucker fuckers fuckin effing shit shite shitty bullshit crap
    crappy bloody damn damned bugger piss pissed bollocks cunt cunts twat wank wanker
    arse arsehole asshole bastard bitch motherfucker dick cock prick
    """
    )
)

# Slurs (racial, religious, homophobic, transphobic, disability). A slur is derogatory
# unless it is reclaimed self-reference ("we're proud dykes"), quoted or negated.
SLURS_RACE = frozenset(
    _words(
        """
    nigger niggers nigga niggas negro negroes coon coons wog wogs paki pakis chink
    chinks gook gooks spic spics wetback wetbacks kike kikes yid yids raghead ragheads
    towelhead towelheads sandnigger gyppo gyppos pikey pikeys gypo darkie darkies
    jigaboo golliwog sambo kaffir kaffirs beaner beaners chinky chinkies dago dagos
    gippo gippos muzzie muzzies muzzrat zipperhead zipperheads hymie heeb heebs nignog
    nignogs golliwogs jigaboos sambos
    """
    )
)
SLURS_SEXUALITY = frozenset(
    _words(
        """
    faggot faggots fag fags dyke dykes poof poofs poofter lezza lesbo
    """
    )
)
SLURS_GENDER_IDENTITY = frozenset(
    _words(
        """
    tranny trannies trannie shemale shemales heshe ladyboy ladyboys
    """
    )
)
SLURS_DISABILITY = frozenset(
    _words(
        """
    retard retards retarded spastic spastics spaz mong mongs spacker spackers spazzes
    """
    )
)
SLURS_SEX = frozenset(
    _words(
        """
    slut sluts whore whores slag slags
    """
    )
)
SLURS = SLURS_RACE | SLURS_SEXUALITY | SLURS_GENDER_IDENTITY | SLURS_DISABILITY

# Words that slurs are reclaimed with; a slur after these is self-reference.
RECLAIMED_OK = frozenset(
    _words(
        """
    nigga niggas dyke dykes queer queers fag
    """
    )
)

# Identity groups, by the Equality Act 2010 characteristic they relate to. The policy puts race,
# sex, age and sexual orientation under `derogatory_remark` and the rest under
# `protected_characteristic`.
IDENTITY_GROUPS: dict[str, tuple[str, ...]] = {
    "race": (
        "black",
        "blacks",
        "africans",
        "african",
        "asians",
        "asian",
        "arabs",
        "arab",
        "indians",
        "pakistanis",
        "chinese",
        "mexicans",
        "hispanics",
        "latinos",
        "whites",
        "immigrants",
        "immigrant",
        "migrants",
        "migrant",
        "refugees",
        "refugee",
        "asylum_seekers",
        "foreigners",
        "foreigner",
        "gypsies",
        "gypsy",
        "travellers",
        "traveller",
        "romanians",
        "romanian",
        "poles",
        "polish",
        "eastern_europeans",
        "nigerians",
        "somalis",
        "jamaicans",
        "irish",
        "scots",
        "english",
        "welsh",
        "bangladeshis",
        "turks",
        "kurds",
        "albanians",
        "roma",
        "aborigines",
        "natives",
    ),
    "religion": (
        "muslims",
        "muslim",
        "moslems",
        "islam",
        "jews",
        "jew",
        "jewish",
        "christians",
        "christian",
        "hindus",
        "hindu",
        "sikhs",
        "sikh",
        "buddhists",
        "catholics",
        "catholic",
        "atheists",
    ),
    "sex": (
        "women",
        "woman",
        "females",
        "female",
        "girls",
        "girl",
        "ladies",
        "wives",
        "men",
        "males",
        "blokes",
        "feminists",
    ),
    "sexual_orientation": (
        "gays",
        "gay",
        "lesbians",
        "lesbian",
        "homosexuals",
        "homosexual",
        "bisexuals",
        "bisexual",
        "queers",
        "queer",
    ),
    "gender_identity": (
        "trans",
        "transgender",
        "transgenders",
        "transsexuals",
        "transwomen",
        "transmen",
        "nonbinary",
    ),
    "disability": (
        "disabled",
        "cripples",
        "cripple",
        "deaf",
        "blind",
        "autistic",
        "autists",
        "wheelchair_users",
        "handicapped",
        "mentally_ill",
        "schizophrenics",
        "dyslexics",
    ),
    "age": (
        "old_people",
        "pensioners",
        "oaps",
        "elderly",
        "boomers",
        "old_women",
        "old_men",
        "youngsters",
    ),
    "pregnancy": ("pregnant_women", "mothers"),
}

# Which policy category a remark about each characteristic belongs to.
CHARACTERISTIC_CATEGORY = {
    "race": "derogatory_remark",
    "sex": "derogatory_remark",
    "age": "derogatory_remark",
    "sexual_orientation": "derogatory_remark",
    "religion": "protected_characteristic",
    "gender_identity": "protected_characteristic",
    "disability": "protected_characteristic",
    "pregnancy": "protected_characteristic",
}

# Predicates that dehumanise or denigrate a group ("X are vermin", "X are a plague").
DEHUMANISING = frozenset(
    _words(
        """
    vermin animals animal rats rat cockroaches cockroach parasites parasite leeches
    leech scum filth filthy dirty disgusting subhuman savages savage apes ape monkeys
    monkey pigs dogs beasts beast plague disease cancer virus infestation trash garbage
    rubbish inferior worthless useless stupid thick idiots morons evil criminals rapists
    terrorists degenerates degenerate abominations abomination freaks freak perverts
    pervert sick mentally_ill pathetic lazy vile repulsive primitive backward
    uncivilised barbaric barbarians dangerous threat cattle insects lice bacteria drain
    burden blight menace pests pest waste property
    """
    )
)
# The unambiguous subset: said of any group of people, these dehumanise.
DEHUMANISING_STRICT = frozenset(
    _words(
        """
    vermin animals rats cockroaches parasites leeches scum filth subhuman savages apes
    monkeys pigs beasts plague disease cancer infestation trash garbage cattle insects
    lice bacteria abominations
    """
    )
)

# Words that can be disguised and that the normaliser restores. Threat and sexual words are
# included so that "k1ll" and "s3xy" are seen too.
THREAT_WORDS = frozenset(
    _words(
        """
    kill killing murder murdering stab stabbing shoot shooting strangle hang lynch rape
    raping burn bomb punch smash batter beat slit behead gut torture hurt
    """
    )
)
SEXUAL_WORDS = frozenset(
    _words(
        """
    sexy sex tits boobs titties breasts arse bum naked nude horny shag shagging bang
    banging blowjob knickers panties lingerie bra spank spanking orgasm cock pussy
    fuckable
    """
    )
)

# Words that disguised spellings are restored to. Short words (< 3 letters) are left out:
# restoring them from two-character fragments would be mostly wrong.
DEOBFUSCATION_WORDS = frozenset(
    w
    for w in (
        INSULT_NOUNS
        | INSULT_ADJ_STRONG
        | INSULT_ADJ_MILD
        | PROFANITY
        | SLURS
        | SLURS_SEX
        | THREAT_WORDS
        | SEXUAL_WORDS
        | DEHUMANISING
        | {"you", "your", "you're", "are", "hate", "hates", "despise", "die"}
        | {w for ws in IDENTITY_GROUPS.values() for w in ws if len(w) >= 4}
    )
    if len(w) >= 3 and "_" not in w
)
