"""Legal holds: while one is in force, retention removes nothing about the client."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from conduct.audit.services import record_event
from conduct.clients.models import Client
from conduct.core.refusals import CONFLICT, Refused
from conduct.privacy.models import LegalHold


class HoldRefused(Refused, ValueError):
    """A legal hold set twice or lifted twice (409), or without a reason (422)."""

    rule = "hold_once"
    status = CONFLICT


def active_hold(client_id: int) -> LegalHold | None:
    return LegalHold.objects.filter(client_id=client_id, lifted_at__isnull=True).first()


def held_client_ids() -> set[int]:
    return set(LegalHold.objects.filter(lifted_at__isnull=True).values_list("client_id", flat=True))


def set_legal_hold(client: Client, reason: str, *, actor: Any) -> LegalHold:
    """Put a client's records on legal hold. Refuses a blank reason or a second hold."""
    if not reason.strip():
        raise HoldRefused("Give the reason for the legal hold.", rule="hold_reason", status=422)
    with transaction.atomic():
        if LegalHold.objects.select_for_update().filter(client=client, lifted_at__isnull=True):
            raise HoldRefused("This client is already on legal hold.")
        hold = LegalHold.objects.create(
            client=client, reason=reason.strip(), set_by=actor, set_at=timezone.now()
        )
        record_event(
            "privacy.legal_hold.set",
            actor=actor,
            target=hold,
            client_id=client.pk,
            payload={"hold_id": hold.pk, "client_id": client.pk},
        )
    return hold


def lift_legal_hold(hold: LegalHold, reason: str, *, actor: Any) -> LegalHold:
    """Lift a hold in force. Refuses a blank reason or a hold already lifted."""
    if not reason.strip():
        raise HoldRefused(
            "Give the reason for lifting the legal hold.", rule="hold_reason", status=422
        )
    with transaction.atomic():
        locked = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if locked.lifted_at is not None:
            raise HoldRefused("This legal hold was already lifted.")
        locked.lifted_at = timezone.now()
        locked.lifted_by = actor
        locked.lift_reason = reason.strip()
        locked.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
        record_event(
            "privacy.legal_hold.lifted",
            actor=actor,
            target=locked,
            client_id=locked.client_id,
            payload={"hold_id": locked.pk, "client_id": locked.client_id},
        )
    return locked
