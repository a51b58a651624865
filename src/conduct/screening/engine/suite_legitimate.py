"""The legitimate-complaint cases of the functional suite (`suite.py`): none may be flagged.

Also the `Case` type and the helper that reads a block of texts, shared with `suite.py`.
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
