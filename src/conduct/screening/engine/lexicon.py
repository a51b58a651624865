"""Word lists used by the rules and by de-obfuscation.

Kept as plain data so that a reviewer can read, extend and test them. Every word here is in
its canonical (lower-case, plain ASCII) spelling; `normalise` rewrites disguised spellings
("1d10t", "i.d.i.o.t", "idiooot", Cyrillic look-alikes) to these forms before matching.
"""

from __future__ import annotations

# Nouns used to call a person names. Aimed at a person ("you are a ...", "you ...") they are
# abuse even without swearing.
INSULT_NOUNS = frozenset(
    """
    idiot idiots moron morons imbecile imbeciles cretin cretins halfwit halfwits dimwit dimwits
    nitwit nitwits numpty numpties clown clowns buffoon buffoons fool fools dunce dunces
    liar liars scumbag scumbags scum lowlife lowlifes parasite parasites leech leeches
    bastard bastards bitch bitches cow cows slag slags slut sluts whore whores tart tarts
    dickhead dickheads dick dicks prick pricks knob knobs knobhead knobheads bellend bellends
    wanker wankers tosser tossers twat twats cunt cunts arsehole arseholes asshole assholes
    arse ass jackass dumbass dumbasses douchebag douchebags douche pillock pillocks plonker
    git gits muppet muppets nonce nonces pig pigs swine vermin rat rats snake snakes
    loser losers crook crooks thief thieves fraudster fraudsters charlatan charlatans
    jobsworth jobsworths waste retard retards spastic spastics mong mongs cocksucker
    motherfucker motherfuckers shithead shitheads shitbag dipshit pos freak freaks weirdo
    degenerate degenerates creep creeps trash garbage filth scrounger scroungers
    """.split()
)

# Adjectives that insult a person. "strong" ones are abuse when aimed at someone; "mild"
# ones are closer to criticism and count only when said of "you" directly.
INSULT_ADJ_STRONG = frozenset(
    """
    stupid thick dumb brainless braindead retarded pathetic worthless moronic idiotic
    disgusting vile repulsive fat ugly useless_bitch senile spineless gutless
    """.split()
)
INSULT_ADJ_MILD = frozenset(
    """
    incompetent useless clueless hopeless lazy ignorant arrogant rude inept lying
    dishonest corrupt crooked ignorant inadequate
    """.split()
)

# Swear words. Untargeted they are at most low severity; aimed at someone they are abuse.
PROFANITY = frozenset(
    """
    fuck fucking fucked fucker fuckers fuckin effing shit shite shitty bullshit crap crappy
    bloody damn damned bugger piss pissed bollocks cunt cunts twat wank wanker arse arsehole
    asshole bastard bitch motherfucker dick cock prick
    """.split()
)

# Slurs (racial, religious, homophobic, transphobic, disability). A slur is derogatory
# unless it is reclaimed self-reference ("we're proud dykes"), quoted or negated.
SLURS_RACE = frozenset(
    """
    nigger niggers nigga niggas negro negroes coon coons wog wogs paki pakis chink chinks
    gook gooks spic spics wetback wetbacks kike kikes yid yids raghead ragheads towelhead
    towelheads sandnigger gyppo gyppos pikey pikeys gypo darkie darkies jigaboo golliwog
    sambo kaffir kaffirs monkeys
    """.split()
)
SLURS_SEXUALITY = frozenset("faggot faggots fag fags dyke dykes poof poofs poofter batty".split())
SLURS_GENDER_IDENTITY = frozenset("tranny trannies shemale shemales heshe".split())
SLURS_DISABILITY = frozenset("retard retards retarded spastic spastics spaz mong mongs".split())
SLURS_SEX = frozenset("slut sluts whore whores slag slags".split())
SLURS = SLURS_RACE | SLURS_SEXUALITY | SLURS_GENDER_IDENTITY | SLURS_DISABILITY

# Words that slurs are reclaimed with; a slur after these is self-reference.
RECLAIMED_OK = frozenset("nigga niggas dyke dykes queer queers fag".split())

# Identity groups, by the Equality Act 2010 characteristic they relate to. The policy puts race,
# sex, age and sexual orientation under `derogatory_remark` and the rest under
# `protected_characteristic`.
IDENTITY_GROUPS: dict[str, tuple[str, ...]] = {
    "race": tuple(
        """
        black blacks africans african asians asian arabs arab indians pakistanis chinese
        mexicans hispanics latinos whites immigrants immigrant migrants migrant refugees refugee
        asylum_seekers foreigners foreigner gypsies gypsy travellers traveller romanians
        romanian poles polish eastern_europeans nigerians somalis jamaicans irish scots
        english welsh bangladeshis turks kurds albanians roma aborigines natives
        """.split()
    ),
    "religion": tuple(
        """
        muslims muslim moslems islam jews jew jewish christians christian hindus hindu sikhs
        sikh buddhists catholics catholic atheists
        """.split()
    ),
    "sex": tuple(
        """
        women woman females female girls girl ladies wives men males blokes feminists
        """.split()
    ),
    "sexual_orientation": tuple(
        "gays gay lesbians lesbian homosexuals homosexual bisexuals bisexual queers queer".split()
    ),
    "gender_identity": tuple(
        "trans transgender transgenders transsexuals transwomen transmen nonbinary".split()
    ),
    "disability": tuple(
        """
        disabled cripples cripple deaf blind autistic autists wheelchair_users handicapped
        mentally_ill schizophrenics dyslexics
        """.split()
    ),
    "age": tuple("old_people pensioners oaps elderly boomers old_women old_men youngsters".split()),
    "pregnancy": tuple("pregnant_women mothers".split()),
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
    """
    vermin animals animal rats rat cockroaches cockroach parasites parasite leeches leech
    scum filth filthy dirty disgusting subhuman savages savage apes ape monkeys monkey pigs
    dogs beasts beast plague disease cancer virus infestation trash garbage rubbish
    inferior worthless useless stupid thick idiots morons evil criminals rapists terrorists
    degenerates degenerate abominations abomination freaks freak perverts pervert sick
    mentally_ill pathetic lazy vile repulsive primitive backward uncivilised barbaric
    barbarians dangerous threat nothing cattle insects lice bacteria
    """.split()
)

# Words that can be disguised and that the normaliser restores. Threat and sexual words are
# included so that "k1ll" and "s3xy" are seen too.
THREAT_WORDS = frozenset(
    """
    kill killing murder murdering stab stabbing shoot shooting strangle hang lynch rape
    raping burn bomb punch smash batter beat slit behead gut torture hurt
    """.split()
)
SEXUAL_WORDS = frozenset(
    """
    sexy sex tits boobs titties breasts arse bum naked nude horny shag shagging bang banging
    blowjob knickers panties lingerie bra spank spanking orgasm cock pussy fuckable
    """.split()
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
    )
    if len(w) >= 3 and "_" not in w
)
