"""Demo data for casework, added to ``conduct demo`` through ``@seed_step``.

Everything goes through the same services users call, so the demo's audit log
and timelines look exactly like real use.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from conduct.casework.rules import add_months
from conduct.casework.services import (
    DecisionInput,
    IncidentDetails,
    PoliceReferralInput,
    RestrictionInput,
    add_case_note,
    assign_case,
    finish_call,
    record_call_step,
    record_decision,
    record_incident,
    record_override,
    record_police_referral,
    start_call,
)
from conduct.demo.seed import DemoContext, seed_step


@seed_step
def seed_casework(ctx: DemoContext) -> None:
    if len(ctx.clients) < 6:
        return
    users = ctx.users
    today = timezone.localdate()
    now = timezone.now()

    # 1. A call turns abusive: the guide, then a restriction decided by Maria.
    client = ctx.clients[3]
    call = start_call(client=client, channel="phone", actor=users["jo.calls"])
    for step in ("warn_and_explain", "staff_withdraws", "inform_call_termination"):
        call = record_call_step(call, step, actor=users["jo.calls"])
    call = finish_call(
        call,
        IncidentDetails(
            channel="phone",
            occurred_at=now,
            categories=["abusive_language", "threatening_communication"],
            what_happened="Caller became angry about a delayed repair, swore repeatedly and said staff "
            "'would be sorry'. Warned; continued; call ended.",
            verbatim_words="You lot will be sorry.",
            client_response="Continued shouting.",
            wants_support=True,
            wellbeing_note="Shaken; would like to talk it through.",
        ),
        actor=users["jo.calls"],
    )
    assert call.case is not None
    case = assign_case(call.case, users["maria.manager"], actor=users["maria.manager"])
    add_case_note(
        case, "Listened to the call recording; the account matches.", actor=users["maria.manager"]
    )
    record_decision(
        case,
        DecisionInput(
            outcomes=["contact_restriction"],
            reasons="Threatening language on a call after a clear warning. Contact in writing through "
            "one named contact lets the repair complaint continue.",
            clauses=["threatening_communication", "safe_environment", "warn_and_explain"],
            adjustments_note="No disability or vulnerability known; the client was offered written "
            "contact and large print.",
            restriction=RestrictionInput(
                starts_on=today,
                review_on=add_months(today, 6),
                single_contact=users["priya.casework"],
                channels_allowed=["email", "letter"],
                no_visits=True,
            ),
        ),
        actor=users["maria.manager"],
        expected_version=case.version,
    )

    # 2. An abusive email waiting in the queue.
    record_incident(
        IncidentDetails(
            client=ctx.clients[7],
            channel="email",
            occurred_at=now - timedelta(days=2),
            categories=["abusive_language"],
            what_happened="Email calling the caseworker useless and an idiot.",
            staff_actions=["no_reply", "refer_to_smt"],
        ),
        actor=users["sam.staff"],
    )

    # 3. Violence at the front desk: override, termination, police referral.
    incident = record_incident(
        IncidentDetails(
            client=ctx.clients[11],
            channel="in_person",
            occurred_at=now - timedelta(days=1),
            categories=["violence"],
            what_happened="Visitor pushed a receptionist against the counter.",
            witnesses="Alex Morgan; security officer on duty.",
            felt_unsafe=True,
            staff_actions=["refer_to_smt"],
        ),
        actor=users["alex.frontdesk"],
    )
    assert incident.case is not None
    case = record_override(
        incident.case,
        ground="violence",
        reason="Physical assault on a member of staff.",
        actor=users["david.manager"],
    )
    record_decision(
        case,
        DecisionInput(
            outcomes=["terminate_engagement", "police_referral"],
            reasons="Physical violence against staff: the policy does not require a prior warning.",
            clauses=["violence", "police_referral", "safe_environment"],
            adjustments_note="No known disability; considered whether a representative could continue "
            "the matter and offered that in the letter.",
        ),
        actor=users["david.manager"],
        expected_version=case.version,
    )
    violent = incident.client
    assert violent is not None
    record_police_referral(
        violent,
        PoliceReferralInput(
            referred_on=today,
            force="West Yorkshire Police",
            officer="PC 4471",
            crime_reference="13/99812/26",
        ),
        actor=users["david.manager"],
        case=case,
    )

    # 4. An unknown caller, to be linked later.
    record_incident(
        IncidentDetails(
            channel="phone",
            occurred_at=now - timedelta(hours=3),
            caller_number="0113 496 0555",
            categories=["inappropriate_banter"],
            what_happened="Caller made sexual jokes and would not give a name.",
            warning_given=True,
            staff_actions=["end_call"],
        ),
        actor=users["ellie.support"],
    )
