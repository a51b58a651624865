"""Demo data for clients' requests, added to ``conduct demo`` through ``@seed_step``:
subject access requests (one new, one extended, one answered on time) and
review requests (one at the front desk, one overdue)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from conduct.accounts.roles import Role
from conduct.casework import published
from conduct.demo.seed import DemoContext, seed_step
from conduct.requests import rules
from conduct.requests.services import close_request, extend_request, record_request


@seed_step
def seed_client_requests(ctx: DemoContext) -> None:
    staff, admins = ctx.by_role(Role.STAFF), ctx.by_role(Role.ADMIN)
    managers = ctx.by_role(Role.SENIOR_MANAGER)
    if not staff or not admins or not managers or len(ctx.clients) < 5:
        return
    today = timezone.localdate()
    clients = ctx.clients
    record_request(
        clients[0],
        kind=rules.SUBJECT_ACCESS,
        channel="email",
        received_on=today - timedelta(days=10),
        summary="A copy of everything you hold about me, including call notes.",
        actor=staff[0],
    )
    extended = record_request(
        clients[1],
        kind=rules.SUBJECT_ACCESS,
        channel="letter",
        received_on=today - timedelta(days=25),
        summary="All emails, letters and records about my complaints since 2023.",
        actor=staff[0],
    )
    extend_request(
        extended,
        months=2,
        reason="The request covers three years of correspondence across several teams.",
        actor=admins[-1],
    )
    answered = record_request(
        clients[2],
        kind=rules.SUBJECT_ACCESS,
        channel="phone",
        received_on=today - timedelta(days=45),
        summary="A copy of the notes of my telephone calls.",
        actor=staff[-1],
    )
    close_request(
        answered,
        outcome=rules.ANSWERED,
        closed_on=today - timedelta(days=20),
        note="The notes of your calls are enclosed.",
        actor=admins[-1],
    )
    for client, days, summary in (
        (clients[3], 3, "Asks for the decision about their contact to be looked at again."),
        (clients[4], 45, "Disputes the warning and asks for someone else to review it."),
    ):
        decision = published.decisions_of_clients_cases(client.pk).first()
        record_request(
            client,
            kind=rules.REVIEW,
            channel="front_desk",
            received_on=today - timedelta(days=days),
            summary=summary,
            decision=decision,
            actor=staff[1 % len(staff)],
        )
