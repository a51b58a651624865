"""Demo data for casework, added to ``conduct demo`` through ``@seed_step``.

Eight months of casework across twelve clients, at every stage: just recorded,
waiting (one overdue), under investigation, decided (no further action, written
warnings, restrictions, a termination with a police referral), reviewed,
lapsed. Everything goes through the services users call, so the audit chain
and the timelines are real; the services stamp records with the present, so
afterwards the demo (and only the demo) moves the created rows' dates back to
when the story says they happened. Audit events keep their true time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from conduct.casework.models import (
    Case,
    CaseNote,
    ClientWarning,
    Decision,
    Incident,
    PoliceReferral,
    Restriction,
    Review,
    SupportFollowUp,
)
from conduct.casework.rules import Outcome, add_months
from conduct.casework.services import (
    DecisionInput,
    IncidentDetails,
    PoliceReferralInput,
    RestrictionInput,
    ReviewInput,
    SanctionReviewInput,
    add_case_note,
    assign_case,
    complete_support,
    finish_call,
    link_cases,
    link_incident,
    record_call_step,
    record_decision,
    record_incident,
    record_override,
    record_police_referral,
    record_review,
    record_sanction_review,
    run_scheduled,
    start_call,
)
from conduct.clients.models import Client
from conduct.core.workdays import add_working_days
from conduct.demo.seed import DemoContext, seed_step
from conduct.notifications.models import Notification

ADJUSTMENTS = (
    "No disability or vulnerability is known. Checked the client's file and recent letters; "
    "written contact and large-print letters were offered."
)


class Story:
    """Runs the services, then moves what they created back to the story's dates."""

    def __init__(self, ctx: DemoContext) -> None:
        self.users = ctx.users
        self.now = timezone.now()
        self.today = timezone.localdate()

    def day(self, days_ago: int) -> date:
        return self.today - timedelta(days=days_ago)

    def at(self, days_ago: int, hour: int = 10, minute: int = 0) -> datetime:
        if days_ago == 0:
            return self.now - timedelta(minutes=60 * hour + minute)
        moment = datetime.combine(self.day(days_ago), time(hour, minute))
        return timezone.make_aware(moment)

    def _notices(self, keys: list[str], when: datetime) -> None:
        read = when + timedelta(hours=3) if when < self.now - timedelta(days=2) else None
        Notification.objects.filter(key__in=keys).update(created_at=when, read_at=read)

    def incident(
        self, who: str, days_ago: int, hour: int = 10, **details: Any
    ) -> tuple[Incident, Case]:
        occurred = self.at(days_ago, hour)
        incident = record_incident(
            IncidentDetails(occurred_at=occurred, **details), actor=self.users[who]
        )
        assert incident.case_id is not None
        recorded = min(occurred + timedelta(minutes=25), self.now)
        Incident.objects.filter(pk=incident.pk).update(recorded_at=recorded)
        opened = timezone.localdate(recorded)
        Case.objects.filter(pk=incident.case_id).update(
            opened_at=recorded,
            due_on=add_working_days(opened, settings.CASEWORK_SLA_WORKING_DAYS),
        )
        support = SupportFollowUp.objects.filter(incident=incident)
        support.update(created_at=recorded)
        keys = [f"incident-referred-{incident.pk}"] + [f"support-{s.pk}" for s in support]
        self._notices(keys, recorded)
        return incident, Case.objects.get(pk=incident.case_id)

    def note(self, case: Case, who: str, days_ago: int, text: str) -> None:
        note = add_case_note(case, text, actor=self.users[who])
        CaseNote.objects.filter(pk=note.pk).update(created_at=self.at(days_ago, 14))

    def decide(
        self,
        case: Case,
        who: str,
        days_ago: int,
        outcomes: list[str],
        reasons: str,
        clauses: list[str],
        restriction: RestrictionInput | None = None,
        adjustments: str = ADJUSTMENTS,
    ) -> Decision:
        fresh = Case.objects.get(pk=case.pk)
        story_dates = None
        if restriction is not None and restriction.starts_on and restriction.review_on:
            # A restriction starts today when it is decided; the story's dates are set after.
            story_dates = (restriction.starts_on, restriction.review_on)
            length = restriction.review_on - restriction.starts_on
            restriction = replace(restriction, starts_on=self.today, review_on=self.today + length)
        decision = record_decision(
            fresh,
            DecisionInput(
                outcomes=outcomes,
                reasons=reasons,
                clauses=clauses,
                adjustments_note=adjustments,
                restriction=restriction,
            ),
            actor=self.users[who],
            expected_version=fresh.version,
        )
        Decision.objects.filter(pk=decision.pk).update(decided_at=self.at(days_ago, 15))
        if story_dates is not None:
            Restriction.objects.filter(decision=decision).update(
                starts_on=story_dates[0], review_on=story_dates[1]
            )
        given = self.day(days_ago)
        ClientWarning.objects.filter(decision=decision).update(
            given_on=given, active_until=add_months(given, settings.CASEWORK_WARNING_MONTHS)
        )
        return decision

    def restriction(self, days_ago: int, review_on: date, **terms: Any) -> RestrictionInput:
        return RestrictionInput(starts_on=self.day(days_ago), review_on=review_on, **terms)

    def review_on_request(
        self, decision: Decision, who: str, days_ago: int, subject: str, reasons: str
    ) -> None:
        data = SanctionReviewInput(subject=subject, outcome="confirm", reasons=reasons)
        review = record_sanction_review(decision, data, actor=self.users[who])
        Review.objects.filter(pk=review.pk).update(reviewed_at=self.at(days_ago, 11))

    def support_done(self, incident: Incident, who: str, days_ago: int, note: str) -> None:
        for item in SupportFollowUp.objects.filter(incident=incident):
            complete_support(item, actor=self.users[who], note=note)
            SupportFollowUp.objects.filter(pk=item.pk).update(done_at=self.at(days_ago, 16))


def _twelve(ctx: DemoContext) -> list[Client]:
    """Twelve clients, people rather than organisations where the demo has enough."""
    return ctx.clients[-12:]


@seed_step
def seed_casework(ctx: DemoContext) -> None:
    if len(ctx.clients) < 12:
        return
    s = Story(ctx)
    c = _twelve(ctx)
    _warned_then_restricted_then_renewed(s, c[0])
    _restriction_coming_up_for_review(s, c[1])
    _restriction_that_lapsed(s, c[2])
    _threat_of_violence(s, c[3])
    _social_media_written_warning(s, c[4])
    _email_warning_then_a_live_call(s, c[5])
    _no_further_action(s, c[6])
    _unknown_caller_linked(s, c[7])
    _under_investigation(s, c[8])
    _overdue_in_the_queue(s, c[9])
    _two_incidents_one_case(s, c[10])
    _older_restriction_still_in_force(s, c[11])
    _unknown_caller_today(s)
    # The daily job: lapses what is past its review date, reminds about what is due.
    run_scheduled()


def _warned_then_restricted_then_renewed(s: Story, client: Client) -> None:
    _, case = s.incident(
        "jo.calls",
        240,
        client=client,
        channel="phone",
        categories=["abusive_language"],
        what_happened="Client called about the delay to the boundary survey and began swearing "
        "at Jo when told the surveyor's date. Jo explained that the language was unacceptable "
        "and that the call would end if it continued.",
        verbatim_words="You're a useless idiot, the lot of you.",
        warning_given=True,
        client_response="Apologised, then calmed down; the call finished normally.",
    )
    s.decide(
        case,
        "maria.manager",
        233,
        [Outcome.WRITTEN_WARNING],
        "Abusive language towards a member of staff on a call. The client apologised at the "
        "time; a written warning sets out what we expect and what happens if it continues.",
        ["abusive_language", "warn_and_explain"],
    )
    second, case = s.incident(
        "priya.casework",
        200,
        14,
        client=client,
        channel="phone",
        categories=["abusive_language", "excessive_time_resources"],
        what_happened="Fourth call of the day about the same survey. Client shouted over Priya, "
        "called her incompetent and refused to end the call. Warned, behaviour continued, "
        "Priya ended the call.",
        verbatim_words="Don't you dare put the phone down on me, you incompetent woman.",
        warning_given=True,
        client_response="Continued shouting.",
        staff_actions=["end_call", "refer_to_smt"],
        wants_support=True,
        wellbeing_note="Upset after a run of calls; asked to talk it through with a manager.",
    )
    s.support_done(second, "david.manager", 198, "Talked it through; Priya is fine to continue.")
    decision = s.decide(
        case,
        "maria.manager",
        195,
        [Outcome.CONTACT_RESTRICTION],
        "Abusive language again, after a written warning, and four calls in one day. Contact "
        "in writing through one named caseworker lets the survey complaint continue.",
        ["abusive_language", "excessive_time_resources", "safe_environment"],
        restriction=s.restriction(
            195,
            add_months(s.day(195), 6),
            single_contact=s.users["priya.casework"],
            channels_allowed=["email", "letter"],
        ),
    )
    restriction = decision.restrictions.get()
    review = record_review(
        restriction,
        ReviewInput(
            outcome="confirm",
            reasons="Three further emails in the last month used the same language about Priya. "
            "Written contact through one caseworker is working and the complaint is progressing.",
            next_review_on=s.today + timedelta(days=160),
        ),
        actor=s.users["david.manager"],
    )
    Review.objects.filter(pk=review.pk).update(reviewed_at=s.at(20, 11))


def _restriction_coming_up_for_review(s: Story, client: Client) -> None:
    _, case = s.incident(
        "sam.staff",
        190,
        client=client,
        channel="email",
        categories=["abusive_language"],
        what_happened="Email about the service charge invoice calling the accounts team "
        "'thieves' and 'a joke'. Not replied to; referred.",
        verbatim_words="You are a bunch of thieves and a complete joke.",
        staff_actions=["no_reply", "refer_to_smt"],
    )
    s.decide(
        case,
        "ruth.director",
        184,
        [Outcome.WRITTEN_WARNING],
        "Abusive email to the accounts team. The client's complaint about the invoice is "
        "being answered separately; the letter explains what is acceptable.",
        ["abusive_language", "right_to_be_heard"],
    )
    incident, case = s.incident(
        "priya.casework",
        176,
        15,
        client=client,
        channel="phone",
        categories=["derogatory_remark", "abusive_language"],
        what_happened="Caller made remarks about Priya's age and experience and swore when "
        "asked to stop. Warned; continued; call ended and the caller was told why.",
        verbatim_words="Put me on to someone who knows what they're doing, not a little girl.",
        warning_given=True,
        client_response="Carried on.",
        staff_actions=["end_call", "refer_to_smt"],
        wants_support=True,
    )
    s.support_done(incident, "owen.manager", 172, "Spoke with Priya; no further support needed.")
    s.decide(
        case,
        "owen.manager",
        170,
        [Outcome.CONTACT_RESTRICTION],
        "Derogatory remarks and swearing on a call after a written warning. Written contact "
        "through one caseworker, no calls.",
        ["derogatory_remark", "abusive_language", "safe_environment"],
        restriction=s.restriction(
            170,
            s.today + timedelta(days=9),
            single_contact=s.users["tom.letters"],
            channels_allowed=["email", "letter"],
        ),
    )


def _restriction_that_lapsed(s: Story, client: Client) -> None:
    _, case = s.incident(
        "alex.frontdesk",
        250,
        11,
        client=client,
        channel="in_person",
        categories=["abusive_language"],
        what_happened="Visitor arrived without an appointment and shouted at reception when told "
        "the caseworker was out. Alex asked him to lower his voice and explained why.",
        verbatim_words="This place is a shambles and you're part of the problem.",
        warning_given=True,
        client_response="Left the building, still shouting.",
        witnesses="Ellie Wright (reception).",
    )
    s.decide(
        case,
        "david.manager",
        244,
        [Outcome.NO_FURTHER_ACTION],
        "A single outburst after a long wait; the verbal warning at the time is enough.",
        ["abusive_language", "warn_and_explain"],
        adjustments="",
    )
    _, case = s.incident(
        "jo.calls",
        235,
        client=client,
        channel="phone",
        categories=["excessive_time_resources", "abusive_language"],
        what_happened="Calls of 40 to 60 minutes most days for two weeks, repeating the same "
        "questions; today swore at Jo when she tried to close the call.",
        verbatim_words="I'll stay on this line as long as I like.",
        warning_given=True,
        staff_actions=["end_call", "refer_to_smt"],
    )
    s.decide(
        case,
        "david.manager",
        228,
        [Outcome.CONTACT_RESTRICTION],
        "Long daily calls and swearing after a verbal warning. Calls at set times, limited in "
        "length, so that his questions are still answered.",
        ["excessive_time_resources", "abusive_language", "persistence_not_unacceptable"],
        restriction=s.restriction(
            228,
            add_months(s.day(228), 6),
            set_times="Tuesdays and Thursdays, 10am to 12 noon",
            max_call_minutes=20,
        ),
    )


def _threat_of_violence(s: Story, client: Client) -> None:
    incident, case = s.incident(
        "jo.calls",
        95,
        16,
        client=client,
        channel="phone",
        categories=["threatening_communication"],
        what_happened="Caller was angry that his application had been refused and said he would "
        "wait for Jo outside the office. Jo ended the call and told her manager straight away.",
        verbatim_words="I know where your office is. I'll be waiting for you when you come out.",
        staff_actions=["end_call", "refer_to_smt"],
        felt_unsafe=True,
        wants_support=True,
        wellbeing_note="Frightened to leave the building; a colleague walked her to the station.",
    )
    s.support_done(
        incident,
        "maria.manager",
        93,
        "Met Jo; referred to the employee assistance programme; parking space arranged.",
    )
    case = record_override(
        case,
        ground="threats_of_violence",
        reason="A specific threat to wait for a named member of staff outside the office.",
        actor=s.users["ruth.director"],
    )
    Case.objects.filter(pk=case.pk).update(override_at=s.at(94, 11))
    decision = s.decide(
        case,
        "ruth.director",
        94,
        [Outcome.TERMINATE_ENGAGEMENT, Outcome.POLICE_REFERRAL],
        "A threat of violence against a member of staff. The policy allows us to act without an "
        "earlier warning. We will not continue to act; the file will be passed to whoever the "
        "client asks us to.",
        ["threatening_communication", "safe_environment", "police_referral"],
        adjustments="No known disability. Considered whether a representative could continue the "
        "matter; offered that in the letter.",
    )
    referral = record_police_referral(
        client,
        PoliceReferralInput(
            referred_on=s.day(94),
            force="Greater Manchester Police",
            officer="DC Sarah Holt",
            crime_reference="06/41187/26",
            outcome="Officer spoke to the client and gave words of advice; no further action.",
        ),
        actor=s.users["ruth.director"],
        case=case,
    )
    PoliceReferral.objects.filter(pk=referral.pk).update(recorded_at=s.at(94, 12))
    s.review_on_request(
        decision,
        "maria.manager",
        70,
        Outcome.TERMINATE_ENGAGEMENT,
        "The client wrote asking us to reconsider. He does not dispute what was said and gave "
        "no reason to think it would not happen again. The termination stands.",
    )


def _social_media_written_warning(s: Story, client: Client) -> None:
    _, first = s.incident(
        "ellie.support",
        130,
        client=client,
        channel="social_media",
        categories=["inappropriate_social_media"],
        what_happened="Public post naming Ellie and calling her lazy, with a photo of the "
        "office. Reported to the platform; a private reply asked the client to remove it.",
        verbatim_words="Ellie at the front desk is the laziest person I've ever dealt with.",
        warning_given=True,
        client_response="Removed the photo, kept the post.",
    )
    _, second = s.incident(
        "ellie.support",
        123,
        client=client,
        channel="social_media",
        categories=["inappropriate_social_media", "derogatory_remark"],
        what_happened="A second public post about Ellie, tagging the organisation's account.",
        verbatim_words="Still waiting. Still useless.",
        staff_actions=["no_reply", "refer_to_smt"],
    )
    case = link_cases(first, second, actor=s.users["maria.manager"])
    decision = s.decide(
        case,
        "maria.manager",
        118,
        [Outcome.WRITTEN_WARNING],
        "Two public posts naming a member of staff. The client may complain about our service "
        "through the complaints process but not name staff online.",
        ["inappropriate_social_media", "derogatory_remark", "right_to_be_heard"],
    )
    s.review_on_request(
        decision,
        "david.manager",
        104,
        Outcome.WRITTEN_WARNING,
        "The client said the posts were about the service, not Ellie. Both posts name her and "
        "call her lazy; the warning is fair and stays until its end date.",
    )


def _email_warning_then_a_live_call(s: Story, client: Client) -> None:
    _, case = s.incident(
        "tom.letters",
        60,
        client=client,
        channel="email",
        categories=["abusive_language"],
        what_happened="Reply to our letter about the missing documents, calling Tom a useless "
        "idiot. Not replied to; referred.",
        verbatim_words="You're a useless idiot and you've lost my papers again.",
        staff_actions=["no_reply", "refer_to_smt"],
    )
    s.decide(
        case,
        "owen.manager",
        52,
        [Outcome.WRITTEN_WARNING],
        "Abusive email to a member of staff. The documents question is answered separately.",
        ["abusive_language"],
    )
    # Just now, through the live-call guide: real timestamps, still waiting in the queue.
    call = start_call(client=client, channel="phone", actor=s.users["sam.staff"])
    for step in ("warn_and_explain", "staff_withdraws", "inform_call_termination"):
        call = record_call_step(call, step, actor=s.users["sam.staff"])
    finish_call(
        call,
        IncidentDetails(
            channel="phone",
            occurred_at=s.now,
            categories=["abusive_language"],
            what_happened="Client called about the documents again and swore at Sam. Warned; "
            "continued; Sam withdrew and ended the call, telling the client why.",
            verbatim_words="Don't give me that, you're as useless as the rest of them.",
            client_response="Kept swearing.",
            wants_support=True,
            wellbeing_note="Third difficult call this week; would like a word.",
        ),
        actor=s.users["sam.staff"],
    )


def _no_further_action(s: Story, client: Client) -> None:
    _, case = s.incident(
        "sam.staff",
        140,
        client=client,
        channel="phone",
        categories=["excessive_time_resources"],
        what_happened="Three calls of over an hour this week about the estate's administration. "
        "Calm throughout but unable to move on from the same questions.",
    )
    s.note(
        case,
        "david.manager",
        138,
        "The client was bereaved in March. The calls are long but "
        "polite; persistence is not unacceptable in itself.",
    )
    s.decide(
        case,
        "david.manager",
        137,
        [Outcome.NO_FURTHER_ACTION],
        "Long calls, but polite, from a recently bereaved client. Offered a weekly call with the "
        "caseworker instead, which the client accepted.",
        ["persistence_not_unacceptable", "excessive_time_resources"],
        adjustments="Bereavement considered; a weekly call was offered as an adjustment.",
    )
    _, case = s.incident(
        "priya.casework",
        45,
        client=client,
        channel="web_form",
        categories=["insisting_on_specific_staff"],
        what_happened="Web form asking that only the previous caseworker deal with the file, who "
        "has left. Tone was polite.",
    )
    s.decide(
        case,
        "ruth.director",
        40,
        [Outcome.NO_FURTHER_ACTION],
        "A reasonable request in the circumstances. Explained that the caseworker has left and "
        "introduced Priya.",
        ["insisting_on_specific_staff", "right_to_be_heard"],
        adjustments="",
    )


def _unknown_caller_linked(s: Story, client: Client) -> None:
    number = next(
        (p.value for p in client.contact_points.all() if p.kind == "phone"), "07700 900123"
    )
    incident, case = s.incident(
        "ellie.support",
        30,
        client=None,
        caller_number=number,
        channel="phone",
        categories=["inappropriate_banter"],
        what_happened="Caller would not give a name, made comments about Ellie's voice and "
        "asked what she was wearing. Ellie asked him to stop and explained why.",
        warning_given=True,
        client_response="Laughed and hung up.",
    )
    link_incident(incident, client, actor=s.users["priya.casework"])
    s.note(
        case,
        "maria.manager",
        27,
        "The number matches the client's mobile on file; he "
        "confirmed the call when Priya wrote to him.",
    )
    s.decide(
        case,
        "maria.manager",
        25,
        [Outcome.WRITTEN_WARNING],
        "Inappropriate personal comments to a member of staff on a call.",
        ["inappropriate_banter"],
    )


def _under_investigation(s: Story, client: Client) -> None:
    _, case = s.incident(
        "tom.letters",
        160,
        client=client,
        channel="letter",
        categories=["excessive_correspondence"],
        what_happened="Eleven letters in three weeks, most repeating earlier questions.",
    )
    s.decide(
        case,
        "owen.manager",
        152,
        [Outcome.NO_FURTHER_ACTION],
        "The letters are repetitive but raise a genuine complaint. Persistence is not "
        "unacceptable; a single reply every fortnight has been agreed with the client.",
        ["persistence_not_unacceptable", "excessive_correspondence"],
        adjustments="",
    )
    _, case = s.incident(
        "tom.letters",
        6,
        client=client,
        channel="letter",
        categories=["malicious_allegation"],
        what_happened="Letter alleging that Tom kept the client's original deeds and sold "
        "information about the client to a neighbour.",
        wants_support=True,
        wellbeing_note="Worried about the allegation being believed.",
    )
    case = assign_case(case, s.users["owen.manager"], actor=s.users["owen.manager"])
    s.note(
        case,
        "owen.manager",
        5,
        "Records show the deeds were returned by recorded delivery in "
        "June; the signed receipt is on file.",
    )
    s.note(
        case,
        "owen.manager",
        3,
        "Spoke with Tom; no contact with the neighbour. Asked the client "
        "in writing for anything that supports the allegation.",
    )


def _overdue_in_the_queue(s: Story, client: Client) -> None:
    s.incident(
        "sam.staff",
        19,
        client=client,
        channel="email",
        categories=["protected_characteristic", "derogatory_remark"],
        what_happened="Email asking to be put through to 'someone who speaks proper English' "
        "after a call with Priya. Not replied to; referred.",
        verbatim_words="Next time put me through to someone who speaks proper English.",
        staff_actions=["no_reply", "refer_to_smt"],
        wants_support=True,
    )


def _two_incidents_one_case(s: Story, client: Client) -> None:
    _, first = s.incident(
        "jo.calls",
        3,
        client=client,
        channel="phone",
        categories=["abusive_language"],
        what_happened="Client swore at Jo about the time the transfer is taking. Warned; calmed "
        "down.",
        verbatim_words="This is a bloody joke.",
        warning_given=True,
        client_response="Calmed down.",
    )
    _, second = s.incident(
        "sam.staff",
        2,
        client=client,
        channel="email",
        categories=["abusive_language", "excessive_correspondence"],
        what_happened="Six emails overnight, two of them calling the team clowns.",
        verbatim_words="Are you clowns even reading these?",
        staff_actions=["no_reply", "refer_to_smt"],
    )
    link_cases(first, second, actor=s.users["david.manager"])


def _older_restriction_still_in_force(s: Story, client: Client) -> None:
    _, case = s.incident(
        "alex.frontdesk",
        215,
        client=client,
        channel="in_person",
        categories=["abusive_language"],
        what_happened="Visitor shouted at reception and banged on the counter when told to "
        "book an appointment. Alex explained the behaviour was unacceptable.",
        verbatim_words="I'm not booking anything, get me someone now.",
        warning_given=True,
        client_response="Sat down and waited.",
        witnesses="Sam Patel.",
    )
    s.decide(
        case,
        "owen.manager",
        208,
        [Outcome.WRITTEN_WARNING],
        "Shouting and banging on the counter at reception.",
        ["abusive_language", "safe_environment"],
    )
    _, case = s.incident(
        "alex.frontdesk",
        150,
        client=client,
        channel="in_person",
        categories=["abusive_language"],
        what_happened="Arrived without an appointment again and swore at Alex when asked to "
        "wait. Left when asked.",
        verbatim_words="You're a useless idiot.",
        warning_given=True,
        staff_actions=["refer_to_smt"],
    )
    s.decide(
        case,
        "ruth.director",
        146,
        [Outcome.CONTACT_RESTRICTION],
        "A second incident at reception after a written warning. Visits by appointment are "
        "withdrawn for now; phone and email stay open.",
        ["abusive_language", "safe_environment"],
        restriction=s.restriction(
            146, add_months(s.day(146), 6), channels_allowed=["phone", "email"], no_visits=True
        ),
    )


def _unknown_caller_today(s: Story) -> None:
    s.incident(
        "ellie.support",
        0,
        3,
        caller_number="0113 496 0555",
        channel="phone",
        categories=["inappropriate_banter"],
        what_happened="Caller made sexual jokes and would not give a name. Ellie warned him and "
        "ended the call.",
        warning_given=True,
        staff_actions=["end_call", "refer_to_smt"],
    )
