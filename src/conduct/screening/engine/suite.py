"""The functional and bias suite: run in the tests and by `conduct screening evaluate`.

Each case names the behaviour it checks, the text, whether it must be flagged, and (for
flagged cases) one category that must be among the verdict's categories. Run it before any
change to rules, model or thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    functionality: str
    text: str
    flagged: bool
    category: str | None = None
    channel: str | None = None


def _cases(functionality: str, flagged: bool, category: str | None, texts: str) -> list[Case]:
    return [
        Case(functionality, t.strip(), flagged, category)
        for t in texts.strip().split("\n")
        if t.strip()
    ]


LEGITIMATE_COMPLAINTS = _cases(
    "legitimate_complaint",
    False,
    None,
    """
This is a disgrace, I have waited six weeks for a reply to my letter.
I am absolutely furious. This is the third time I have had to chase you about the same invoice.
Your service has been appalling from start to finish and I expect a full refund.
I will take this to the Ombudsman if I do not hear from you within 14 days.
I'll be speaking to my solicitor about the way my case has been handled.
If this is not resolved by Friday I will be reporting you to the Financial Ombudsman Service.
Frankly, the way your company has treated me is shocking and completely unacceptable.
I have been on hold for two hours today. Two hours! This is ridiculous.
Nobody has called me back despite three promises. I am sick and tired of being ignored.
I want to make a formal complaint about the advice I was given on 3 March.
Your advisor gave me the wrong information and it has cost me \u00a3400. I want compensation.
I am disgusted with the level of service. You have lost a customer.
Please escalate this to a manager. I am not prepared to wait any longer.
I have been a client for twelve years and I have never been treated so badly.
The letter you sent is full of mistakes and my name is spelled wrong, again.
I will be leaving a review on Trustpilot so that others know what to expect.
I am going to contact my MP and the local newspaper about this.
You promised to call me back on Monday and you did not. This is not good enough.
Why does it take six weeks to answer a simple question? It is a shambles.
I am extremely disappointed and frankly angry that my complaint has been ignored.
Your complaints process is a joke, I have filled in the same form four times.
I want the name of the person responsible and I want them to explain themselves.
If I do not receive my documents by the end of the week I will take legal action.
You have taken money from my account twice. Refund it immediately.
I have had enough of your excuses. Sort this out now.
This is the worst customer service I have ever experienced, bar none.
I'm fed up of chasing you. Bloody ridiculous that nobody can give me a straight answer.
I am a disabled pensioner and I cannot keep travelling to your office to sort out your mistakes.
As a Muslim woman I found the comments of the receptionist about my headscarf upsetting and I want an apology.
My husband is deaf so please write to us rather than phoning.
I'm gay and my partner should be named on the account; please correct your records.
Your colleague called me an idiot on the phone yesterday and I want an apology.
On the phone your manager told me to "shut up and listen", which I found rude.
I don't think you are incompetent, but this case has been badly managed.
You are not an idiot, so please stop treating me like one and read my file.
I was told that my claim had been "lost". Lost! After six weeks!
I have screenshots of everything and I will be sending them to the regulator.
Your staff are clearly overworked, but that is not my problem. I need an answer.
I will be cancelling my direct debit and moving my account elsewhere.
I demand a written explanation of why my appointment was cancelled without notice.
Stop sending me template letters and deal with the actual problem.
It is completely unacceptable to call a customer a liar, which is what your agent did.
I'll see you in court if that is what it takes to get my money back.
I am going to make sure everyone I know hears about how you have treated my mother.
What a load of rubbish. The figures in your letter do not add up.
Damn it, I have lost the reference number again. Could you resend it?
I hate having to write this email, but your team has left me no choice.
You should be ashamed of how you treat elderly customers like my father.
Kill the direct debit please, I no longer want the service.
I'm dying to get this sorted, it's been hanging over me for months.
The Black History Month event at your branch was excellent, thank you.
Could you send the forms in Polish for my grandmother, who is Polish and reads little English?
I will be taking this further. Expect to hear from the Legal Ombudsman.
I find your attitude arrogant and your answers evasive, and I want a different caseworker.
Your advisor treated me like a fool.
He was rude and unhelpful, and the man I spoke to after him was clueless.
I was made to feel like an idiot by your staff.
I feel like a fool for trusting you with my savings.
What the hell is going on with my account? Nobody has answered my last three emails.
You will regret this decision when the Ombudsman looks at it.
I am going to destroy you in court.
I will make you pay for this through the small claims court.
You will be sorry when the regulator reads my complaint.
""",
)

# UK customer-service complaints: housing repairs, benefits, utilities, council tax,
# solicitors, delays, reports of rude staff, swearing at the situation rather than at a person,
# and near misses of the abuse and threat rules ("I will find you a copy", "life is a bitch",
# "someone is going to get hurt on those stairs", "I hope you realise"). None may be flagged.
LEGITIMATE_COMPLAINTS_UK = _cases(
    "legitimate_complaint",
    False,
    None,
    """
Your service is rubbish and I want my money back.
The staff were rude to me at the front desk on Tuesday.
I am furious that my housing benefit has been stopped without any warning.
This is a bloody joke. Three months and the damp in my flat still has not been looked at.
I have reported the broken boiler four times and nobody has come out. My children are freezing.
The council tax bill you sent me is wrong, again, and I am sick to death of phoning about it.
Your contractor left a hole in my kitchen ceiling and has not been back since. It is a disgrace.
My Universal Credit payment was late and I had to go to a food bank. How is that acceptable?
I waited in for the engineer all day and nobody turned up. Absolute shambles.
The woman on the phone was rude and dismissive and hung up on me. I want this investigated.
I am disgusted by how my late mother's estate has been handled by your firm.
Your solicitor has not replied to a single email in five weeks. What am I paying for?
I hate dealing with your call centre; every time I ring I am passed from pillar to post.
The mould in the bathroom is making my son ill and you keep fobbing me off.
Frankly your repairs team are a shambles and I want a named officer to take charge.
The bailiffs turned up at my door over a bill I paid in March. I am livid.
My gas has been cut off by mistake and your staff just keep saying it is not their department.
I am not a liar and I resent the suggestion in your letter that I made this up.
The manager was incredibly rude and unprofessional and I want an apology in writing.
This whole process has been a bloody nightmare from start to finish.
Someone is going to get hurt on those broken stairs if they are not fixed soon.
You will pay for this in compensation once the Ombudsman has seen the evidence.
I hate the way your letters are written; nobody can understand them.
I'll be reporting you to the Housing Ombudsman if this is not fixed by Friday.
Bloody hell, another letter demanding money I do not owe. Sort it out.
What the hell is wrong with your billing system? I have been charged three times.
It is shit that I have to keep chasing this; I have better things to do.
The advice I was given by your adviser was useless and has cost me hundreds of pounds.
I feel like I am being treated like an idiot by your benefits team.
Your caseworker said I was being aggressive, which I was not. I was upset.
I am at the end of my tether. My landlord has ignored every repair request for a year.
Damn this system, I have filled in the online form three times and it keeps crashing.
Please stop sending me final demands for a bill that was settled by direct debit.
Your staff are overworked and underpaid, I get that, but I still need an answer.
I wish you had told me about the deadline before it passed.
I hope you realise how much stress this has caused my family.
I hope your team can sort this before Christmas; my elderly mother has no heating.
I will find you a copy of the tenancy agreement and send it over today.
I'll get you the meter readings by the end of the week.
The bastard pigeons are nesting in the broken vent again and nobody has come to fix it.
Life is a bitch at the moment and your delays are not helping.
Son of a bitch, the lift is broken again and I live on the ninth floor.
This form is a bitch to fill in, can someone help me with it?
My son, who is autistic, was left in tears by the way your officer spoke to him.
I am a Polish national and I have been waiting eight months for my settled status paperwork.
I'm not an idiot, I know what my tenancy says, and you are in breach of it.
The person I spoke to was clueless and kept reading from a script.
My solicitor says you have no grounds to withhold the deposit. You'll be hearing from him.
I'm going to come down to the office on Monday and sit there until someone sees me.
You won't get away with ignoring me, I have already contacted my MP.
I'm dying of embarrassment having to ask my neighbours to let me use their shower.
Kill the standing order, I am moving supplier.
I could kill for a straight answer from your department.
Your complaints team is a joke and your ombudsman referral letter was a week late.
The repairs hotline is a waste of time, it just rings out.
Why the fuck has nobody called me back? I have been waiting three weeks.
The bailiff called me a scrounger in front of my kids, which is not acceptable.
I am disabled and your office has no working lift. This is discrimination.
You lot have had six months to fix the roof. Six months!
Frankly you are all incompetent, and I will be asking for a different caseworker.
The letting agent told my friend he won't rent to disabled people, which I believe is illegal.
I would never have signed the tenancy if I had known about the damp.
""",
)

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
