"""The functional and bias suite: run in the tests and by `conduct screening evaluate`.

Each case names the behaviour it checks, the text, whether it must be flagged, and (for
flagged cases) one category that must be among the verdict's categories. Run it before any
change to rules, model or thresholds.
"""

from __future__ import annotations

from .suite_legitimate import LEGITIMATE_COMPLAINTS, LEGITIMATE_COMPLAINTS_UK, Case, _cases

__all__ = ["CASES", "KNOWN_MISSES", "LEGITIMATE_COMPLAINTS", "LEGITIMATE_COMPLAINTS_UK", "Case"]


ABUSE_AT_STAFF = _cases(
    "abuse_at_staff",
    True,
    "abusive_language",
    """
You are a useless, lying idiot.
You're a complete moron and you should be sacked.
Your staff are a bunch of brainless idiots.
Listen here you stupid cow, sort my account out.
You pathetic little man, do your job.
Fuck you and your useless company.
Go fuck yourself.
Shove your complaints procedure up your arse.
You are thick as shit and twice as useless, you prat.
What a dickhead you are.
Your manager is a lying bastard.
You absolute clown, read the file.
Piss off and get me someone who knows what they are doing.
Thanks for nothing, you useless twat.
You people are scum.
I hate you. I hate all of you.
Get fucked, the lot of you.
You useless piece of shit.
You're a waste of space.
You are such a fraud.
Put me through to someone who isn't a complete idiot, not this clown again.
Your manager is a twat.
Wanker!
""",
)

THREATS = _cases(
    "threat",
    True,
    "threatening_communication",
    """
I know where you live.
I know where you work and what car you drive.
Watch your back.
You'd better watch yourself when you leave the office tonight.
I'll be waiting for you outside after work.
You will regret this.
Something bad is going to happen to you if this is not sorted.
I'm coming for you.
I will make your life a living hell.
I'll find you.
I hope you die.
Your days are numbered.
hope u die
I really hope you die in a fire.
I wish you were dead.
You'll get what's coming to you.
I'm going to come round and sort you out.
I'll be waiting for you when you finish work.
You will pay for this, mark my words.
""",
)

VIOLENCE = _cases(
    "violence",
    True,
    "violence",
    """
I will kill you.
I'm going to smash your face in.
I will come down there and punch you.
If I don't get my money I'll break your legs.
Someone should shoot the lot of you.
I'll burn down your office.
I have a knife and I'm not afraid to use it.
You deserve a good beating.
My brothers will batter you.
I will stab you.
""",
)

OBFUSCATED = _cases(
    "obfuscation",
    True,
    None,
    """
You are a 1d10t.
f*ck you
You are an i.d.i.o.t
You i d i o t
You are a stuuuupid moron
You are a \u0455tup\u0456d m\u043er\u043en
you are an id\u200biot
Y0u are a w@nker
f u c k you
I will k1ll you
f u c k  y o u
y o u  a r e  a n  i d i o t
you are a f u c k i n g idiot
F-U-C-K Y-O-U
you are a s.t.u.p.i.d c.o.w
""",
)

IDENTITY_HATE = _cases(
    "identity_hate",
    True,
    None,
    """
Muslims are vermin.
I hate all immigrants.
Women are stupid and should stay in the kitchen.
Gay people are disgusting.
Disabled people are a burden on society.
Trans people are freaks.
Go back to your own country.
Put me through to someone who speaks proper English.
Are you a man or a woman?
You're too old to be doing this job.
Black people are animals.
All immigrants should be deported.
Kill all the immigrants.
You stupid woman.
I don't want to speak to a woman, get me a man.
Refugees are parasites.
Jews are evil.
You sound retarded.
I am going to shoot the next immigrant I see.
Muslims should all be killed.
Why are women so stupid?
Trans people disgust me.
Disabled people make me sick.
Black people are not human.
Immigrants breed like rabbits.
Muslims are infesting our towns.
So glad I'm not a darkie.
Go home, you muzzie.
Muslims are no better than animals.
Gay people don't deserve equal rights.
I would never hire a disabled person.
Women are st00pid.
Women are nothing more than property.
""",
)

IDENTITY_NEUTRAL = _cases(
    "identity_neutral",
    False,
    None,
    """
I am a Muslim and I would like a prayer room at your office.
My wife is disabled and needs step-free access to your branch.
As a gay man I was pleased with the service.
Immigrants make a huge contribution to this country.
Women deserve equal pay.
Black people are over-represented in stop and search statistics.
Trans people should be treated with respect.
My neighbour is an elderly Jewish lady who needs help with her forms.
We are proud to be a refugee-led charity.
I'm queer and proud.
I love black people.
Women should be allowed to vote, obviously.
We need more immigrants working in the NHS.
No woman deserves to die like that.
I am 82 years old and not good with computers, please post the letter.
""",
)

COUNTER_SPEECH = _cases(
    "counter_speech",
    False,
    None,
    """
Calling immigrants vermin is racist and wrong.
It is not acceptable to say "women are stupid".
No one deserves to be called a retard.
Stop calling disabled people a burden.
Your advisor said "you people are animals" and I want that investigated.
He told me I was a useless cow, which is no way to speak to anyone.
I was called a stupid old woman by your receptionist.
Racism has no place in a public service.
Saying that gay people are disgusting is hateful.
If you call women bitches you deserve a ban.
If anyone says immigrants are vermin they should be banned.
""",
)

QUOTED_HISTORY = _cases(
    "quoted_history",
    False,
    None,
    """
Thank you for your reply.\\n\\nOn Mon, 3 Mar 2025 at 10:12, John <john@example.com> wrote:\\n> You are a useless idiot and I know where you live.
Please see below.\\n\\n---------- Forwarded message ---------\\nFrom: someone\\nDate: today\\nSubject: abuse\\n\\nYou stupid cow, I will kill you.
I agree with the decision.\\n\\n> you are a lying bastard\\n> fuck you\\n\\nRegards, Jane
""",
)

BANTER = _cases(
    "banter",
    True,
    "inappropriate_banter",
    """
You sound sexy on the phone, what are you wearing?
Send me a picture of yourself, gorgeous.
Nice legs in your profile photo, fancy a drink sometime?
Are you single? I'd love to take you out for dinner.
I'd bend you over the desk given half a chance.
""",
)

SWEARING = _cases(
    "untargeted_swearing",
    False,
    None,
    """
Fucking hell, the printer jammed again so I could not send the form.
Shit, I forgot to attach the document. Here it is.
Bloody buses were late so I missed my appointment.
""",
)

# Kinds of case that phrase-shaped rules miss: written here in our own words, as a regression
# guard for the learned model (not as evidence of quality: the cross-dataset figures are that).
INDIRECT_THREATS = _cases(
    "indirect_threat",
    True,
    None,
    """
Someone ought to give that caseworker a good beating.
People like your manager deserve to be shot.
It would be best for everyone if that receptionist had an accident on the way home.
Your office will burn one of these days and nobody will be sorry.
Those immigrants should all be rounded up and hanged.
""",
)

THIRD_PERSON_INSULTS = _cases(
    "insult_at_a_named_person",
    True,
    None,
    """
That woman at the front desk is a stupid, lazy cow.
Tell Dave he is a pathetic excuse for a human being.
The advisor I spoke to was a complete moron and a liar.
Honestly the man who answered the phone is a brainless idiot.
""",
)

SPACING_VARIANTS = _cases(
    "spelling_and_spacing",
    True,
    None,
    """
you are a stupidd idiott
youre a fuckin moron
ur a piece ofshit
go to hell you stupidbitch
""",
)

GROUP_DEROGATION = _cases(
    "group_derogation",
    True,
    None,
    """
Muslims are not capable of being decent citizens.
I can't stand gay people, they disgust me.
Women are too stupid to be trusted with money.
Why are all immigrants such filthy thieves?
In my opinion disabled people are a drain and should be put down.
Fucking foreigners ruin everything they touch.
""",
)

NEUTRAL_EMAIL = _cases(
    "legitimate_email",
    False,
    None,
    """
Please find attached the revised contract; the termination clause on page 4 has changed.
We need to kill the old process before the migration on Friday.
The deadline is killing us, but we will get the figures to you by Monday.
Can you shoot me a copy of the invoice when you get a chance?
I'm furious that the payment failed again; please call me back today.
My son is disabled and I need the forms in large print, please.
""",
)

SOCIAL = [
    Case("social_media", "You useless idiots, everyone should know what scum you are", True, "inappropriate_social_media", "social_media"),
    Case("social_media", "Disappointed with the service, waited 6 weeks for a reply", False, None, "social_media"),
]  # fmt: skip

CASES: list[Case] = (
    LEGITIMATE_COMPLAINTS
    + LEGITIMATE_COMPLAINTS_UK
    + ABUSE_AT_STAFF
    + THREATS
    + VIOLENCE
    + OBFUSCATED
    + IDENTITY_HATE
    + IDENTITY_NEUTRAL
    + COUNTER_SPEECH
    + [Case(c.functionality, c.text.replace("\\n", "\n"), c.flagged) for c in QUOTED_HISTORY]
    + BANTER
    + SWEARING
    + INDIRECT_THREATS
    + THIRD_PERSON_INSULTS
    + SPACING_VARIANTS
    + GROUP_DEROGATION
    + NEUTRAL_EMAIL
    + SOCIAL
)

# Verdicts of the learned model (2.0.0) that differ from what these cases pin. The model was
# chosen on the leave-one-dataset-out figures, not on this suite (model card, "Functional
# suite"); these stay listed, and the tests expect them to fail, so that a change that fixes
# one (or breaks another case) is seen.
KNOWN_MISSES = frozenset(
    {
        "Put me through to someone who isn't a complete idiot, not this clown again.",
        "Women deserve equal pay.",
        "Women should be allowed to vote, obviously.",
        "Someone ought to give that caseworker a good beating.",
        "It would be best for everyone if that receptionist had an accident on the way home.",
        "Your office will burn one of these days and nobody will be sorry.",
        "Those immigrants should all be rounded up and hanged.",
        "Tell Dave he is a pathetic excuse for a human being.",
        "Honestly the man who answered the phone is a brainless idiot.",
        "Muslims are not capable of being decent citizens.",
    }
)
