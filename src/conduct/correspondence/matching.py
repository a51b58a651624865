"""Which client (and which member of staff) a batch of items belongs to.

Matched by e-mail address, phone number in E.164, social handle, a client
reference in the text, or a sender that staff linked to a client before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q

from conduct.clients.contact import InvalidContact, normalise
from conduct.clients.models import Client, ContactPoint
from conduct.correspondence.models import SenderLink
from conduct.correspondence.parsing.items import Item


def sender_key(kind: str, value: str) -> str:
    """The normalised form of a sender, or '' when it cannot be normalised."""
    if not kind or not value:
        return ""
    try:
        return normalise(kind, value)
    except InvalidContact:
        return ""


@dataclass
class Match:
    client_id: int | None
    staff: Any | None
    direction: str
    sender_key: str


class Matcher:
    """Looks up every sender in a batch with a few queries."""

    def __init__(self, items: Sequence[Item]) -> None:
        keys: set[str] = set()
        self._keys: list[tuple[str, list[str]]] = []
        for item in items:
            own = sender_key(item.sender_kind, item.sender)
            others = [sender_key("email", r) for r in item.recipients]
            self._keys.append((own, others))
            keys.add(own)
            keys.update(others)
        keys.discard("")
        self.by_contact: dict[tuple[str, str], int] = {}
        for kind, norm, client_id in ContactPoint.objects.filter(normalised__in=keys).values_list(
            "kind", "normalised", "client_id"
        ):
            self.by_contact.setdefault((kind, norm), client_id)
        for kind, key, client_id in SenderLink.objects.filter(key__in=keys).values_list(
            "kind", "key", "client_id"
        ):
            self.by_contact[(kind, key)] = client_id
        refs = {i.client_reference for i in items if i.client_reference}
        self.by_reference = dict(
            Client.objects.filter(reference__in=refs).values_list("reference", "pk")
        )
        hints = {i.staff_hint.lower() for i in items if i.staff_hint} | {
            k for k in keys if "@" in k
        }
        self.staff: dict[str, Any] = {}
        users = get_user_model().objects.filter(
            Q(username__in=hints) | Q(email__in=hints), is_active=True
        )
        for user in users:
            self.staff[user.get_username().lower()] = user
            if user.email:
                self.staff[user.email.lower()] = user

    def match(self, index: int, item: Item) -> Match:
        own, others = self._keys[index]
        staff = self.staff.get(item.staff_hint.lower()) if item.staff_hint else None
        direction = item.direction
        client_id = self.by_contact.get((item.sender_kind, own)) if own else None
        if item.channel == "email" and own in self.staff:
            staff, direction = self.staff[own], "out"
            client_id = next(
                (self.by_contact[("email", k)] for k in others if ("email", k) in self.by_contact),
                None,
            )
        if client_id is None and item.client_reference:
            client_id = self.by_reference.get(item.client_reference)
        return Match(client_id, staff, direction, own)
