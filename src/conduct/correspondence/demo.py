"""Demo correspondence for ``conduct demo``: a few hundred communications for the demo
clients through the real import service (so they are screened on arrival)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from conduct.correspondence import synthetic
from conduct.correspondence.parsing.email import parse_email
from conduct.correspondence.parsing.items import Item
from conduct.correspondence.services import log_staff_time, store_items
from conduct.demo.seed import DemoContext, seed_step


def _emails(ctx: DemoContext) -> list[Item]:
    addresses = [
        p.normalised for c in ctx.clients for p in c.contact_points.all() if p.kind == "email"
    ]
    if not addresses:
        return []
    heavy = addresses[:2]
    now = timezone.now()
    raw = synthetic.mailbox(
        addresses,
        260,
        start=now - timedelta(days=84),
        days=84,
        seed=2026,
        abusive_share=0.03,
        heavy=heavy,
        heavy_share=0.35,
    )
    items = []
    for n, data in enumerate(raw):
        parsed = parse_email(data, f"demo mailbox #{n + 1}")
        if isinstance(parsed, Item):
            items.append(parsed)
    return items


def _calls(ctx: DemoContext, rng: random.Random) -> list[Item]:
    staff = [
        u for name, u in ctx.users.items() if name in ("jo.calls", "alex.frontdesk", "sam.staff")
    ]
    now = timezone.now()
    items = []
    for n in range(80):
        client = rng.choice(ctx.clients[:10] if rng.random() < 0.4 else ctx.clients)
        phone = next((p.normalised for p in client.contact_points.all() if p.kind == "phone"), "")
        if not phone:
            continue
        items.append(
            Item(
                channel="phone",
                occurred_at=now - timedelta(minutes=rng.randrange(84 * 24 * 60)),
                ref=f"demo call log line {n + 2}",
                direction=rng.choice(["in", "in", "out"]),
                sender_kind="phone",
                sender=phone,
                body=rng.choice(["Asked about repair date.", "Chased complaint.", "Update given."]),
                duration_seconds=rng.randint(60, 1800),
                staff_hint=rng.choice(staff).username if staff else "",
            )
        )
    return items


def _letters(ctx: DemoContext, rng: random.Random) -> list[Item]:
    now = timezone.now()
    return [
        Item(
            channel="letter",
            occurred_at=now - timedelta(days=rng.randrange(84)),
            ref=f"demo letter {n + 1}",
            subject="Letter",
            body=f"Dear Sir or Madam,\n\nReference {client.reference}.\n\n{rng.choice(synthetic.ORDINARY)}\n\nYours faithfully",
            client_reference=client.reference,
        )
        for n, client in enumerate(rng.sample(ctx.clients, min(20, len(ctx.clients))))
    ]


@seed_step
def seed_correspondence(ctx: DemoContext) -> None:
    if not ctx.clients:
        return
    rng = random.Random(5)  # noqa: S311 - demo data, not security
    system = ctx.users.get("ada.admin")
    items = _emails(ctx) + _calls(ctx, rng) + _letters(ctx, rng)
    for start in range(0, len(items), 200):
        store_items(items[start : start + 200], actor=system)
    staff = ctx.users.get("priya.casework")
    if staff is not None:
        for client in ctx.clients[:2]:
            for week in range(6):
                log_staff_time(
                    client,
                    on=timezone.localdate() - timedelta(days=7 * week + 1),
                    minutes=rng.randint(60, 180),
                    note="Research and drafting replies",
                    actor=staff,
                )
