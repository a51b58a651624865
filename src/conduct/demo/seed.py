"""Build the demo organisation through the same service functions users call.

Deterministic (fixed seed) and idempotent: it does nothing if clients exist.
Later parts of the product register further steps in ``SEED_STEPS``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from conduct.accounts.roles import Role
from conduct.accounts.services import create_user
from conduct.audit.services import record_event
from conduct.clients.models import Client
from conduct.clients.services import ClientDetails, create_client
from conduct.demo import people
from conduct.policy.services import ensure_policy_loaded


@dataclass
class DemoContext:
    rng: random.Random
    users: dict[str, Any] = field(default_factory=dict)
    clients: list[Client] = field(default_factory=list)

    def by_role(self, role: Role) -> list[Any]:
        return [u for name, u in self.users.items() if people_role(name) == role]


def people_role(username: str) -> Role:
    return next(role for name, _, _, role in people.STAFF if name == username)


SEED_STEPS: list[Callable[[DemoContext], None]] = []


def seed_step(func: Callable[[DemoContext], None]) -> Callable[[DemoContext], None]:
    SEED_STEPS.append(func)
    return func


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return f"07700 900{rng.randint(0, 999):03d}"
    return f"0113 496 0{rng.randint(0, 999):03d}"


def _seed_staff(ctx: DemoContext) -> None:
    User = get_user_model()
    for username, first, last, role in people.STAFF:
        user: Any = User.objects.filter(username=username).first()
        if user is None:
            user = create_user(
                username,
                role=role,
                password=people.DEMO_PASSWORD,
                actor=None,
                email=f"{username}@example.org",
                first_name=first,
                last_name=last,
                check_password=False,
            )
        ctx.users[username] = user


def _seed_clients(ctx: DemoContext, count: int) -> None:
    rng = ctx.rng
    used: set[str] = set()
    for index in range(count):
        if index < len(people.ORGANISATIONS):
            name = people.ORGANISATIONS[index]
        else:
            while True:
                name = f"{rng.choice(people.FIRST_NAMES)} {rng.choice(people.LAST_NAMES)}"
                if name not in used:
                    break
        used.add(name)
        slug = name.lower().replace(" ", ".").replace("'", "")
        town, area = rng.choice(people.TOWNS)
        address = f"{rng.randint(1, 180)} {rng.choice(people.STREETS)}\n{town}\n{area}{rng.randint(1, 20)} {rng.randint(1, 9)}AB"
        details = ClientDetails(
            name=name,
            postal_address=address,
            emails=[f"{slug}@example.com"]
            + ([f"{slug.split('.')[0]}{index}@example.net"] if rng.random() < 0.2 else []),
            phones=[_phone(rng)] + ([_phone(rng)] if rng.random() < 0.25 else []),
            social_handles=[f"@{slug.replace('.', '_')}{index}"] if rng.random() < 0.3 else [],
            notes=rng.choice(
                [
                    "",
                    "Prefers contact by email.",
                    "Has asked for large-print letters.",
                    "Complaint about repair delays, ongoing since spring.",
                    "Uses a representative for some calls (daughter).",
                ]
            ),
        )
        ctx.clients.append(create_client(details, actor=ctx.users["sam.staff"]))


def seed_demo(*, clients: int = 50, seed: int = 2026) -> bool:
    """Create the demo organisation. Returns False (and does nothing) if clients exist."""
    if Client.objects.exists():
        return False
    ctx = DemoContext(rng=random.Random(seed))
    with transaction.atomic():
        ensure_policy_loaded()
        _seed_staff(ctx)
        _seed_clients(ctx, clients)
        for step in SEED_STEPS:
            step(ctx)
        record_event("demo.organisation.seeded", actor=None, payload={"clients": clients})
    return True


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, password, role) for the demo users that exist."""
    User = get_user_model()
    existing = set(
        User.objects.filter(username__in=[s[0] for s in people.STAFF]).values_list(
            "username", flat=True
        )
    )
    return [(u, people.DEMO_PASSWORD, r.label) for u, _, _, r in people.STAFF if u in existing]
