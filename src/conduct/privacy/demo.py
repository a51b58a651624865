"""Demo data for data protection, added to ``conduct demo`` through ``@seed_step``:
two former clients last in touch seven years ago, so the retention dry run has
something to list, one of them on legal hold."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from conduct.accounts.roles import Role
from conduct.clients.models import Client
from conduct.clients.services import ClientDetails, create_client
from conduct.demo.seed import DemoContext, seed_step
from conduct.privacy.holds import set_legal_hold

FORMER = [
    ("Maureen Castleton", "DEMO-FORMER-1", "maureen.castleton@example.com"),
    ("Trevor Halliwell", "DEMO-FORMER-2", "trevor.halliwell@example.com"),
]


@seed_step
def seed_former_clients(ctx: DemoContext) -> None:
    admins = ctx.by_role(Role.ADMIN)
    staff = ctx.by_role(Role.STAFF)
    if not admins or not staff:
        return
    created = []
    for name, reference, email in FORMER:
        created.append(
            create_client(
                ClientDetails(name=name, reference=reference, emails=[email]), actor=staff[0]
            )
        )
    # The services stamp records with the present; only the demo backdates,
    # so that these clients' last activity falls outside the retention period.
    long_ago = timezone.now() - timedelta(days=7 * 366)
    Client.objects.filter(pk__in=[c.pk for c in created]).update(created_at=long_ago)
    set_legal_hold(
        created[1], "Demo: records needed for an ongoing county court claim.", actor=admins[0]
    )
