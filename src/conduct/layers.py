"""The order of the apps: each may import only apps in the tiers before its own.

Read from the bottom: ``core`` imports no app; ``operations`` and the project
modules (``settings``, ``urls``, ``wsgi``, ``cli``) assemble everything. Apps in
one tier do not import each other. ``tests/core/test_layers.py`` fails on any
import against this order. Why each app sits where it does is in
``docs/architecture.md``.
"""

from __future__ import annotations

# Lowest first.
TIERS: tuple[tuple[str, ...], ...] = (
    # Settings helpers, access decorators, base templates: Django only.
    ("core",),
    # The pure screening engine: the vocabulary of categories the policy maps.
    ("screening",),
    # The event log every state change writes to.
    ("audit",),
    # Users, roles and API tokens; role changes and sign-ins are audited.
    ("accounts",),
    # The policy as data, with the screener's categories.
    ("policy",),
    # Per-user notifications, below every app that notifies.
    ("notifications",),
    ("clients",),
    # The demo organisation's framework: apps above add their own seed steps.
    ("demo",),
    ("casework",),
    ("correspondence", "letters"),
    ("privacy",),
    ("requests",),
    ("reports",),
    # Mounts every app's router; nothing imports it but ``conduct.urls``.
    ("api",),
    # Commands and context that assemble every app (``conduct setup``, ``conduct serve``).
    ("operations",),
    # Groups of settings that ``conduct.settings`` reads (each from the environment).
    ("settings_parts",),
    # The project modules: ``conduct.settings``, ``urls``, ``wsgi``, ``cli``, ``__main__``.
    ("project",),
)

PROJECT_MODULES: frozenset[str] = frozenset(
    {"settings", "urls", "wsgi", "cli", "__main__", "layers"}
)


def tier_of(app: str) -> int:
    """The position of ``app`` in ``TIERS`` (0 is the bottom); KeyError if it has none."""
    for index, tier in enumerate(TIERS):
        if app in tier:
            return index
    raise KeyError(app)
