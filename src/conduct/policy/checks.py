"""Refuse to start on an invalid policy file: ``serve`` and ``migrate`` run checks."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from conduct.policy.loader import PolicyError, load_policy_file
from conduct.screening.categories import DETECTABLE


@register()
def check_policy_file(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    try:
        load_policy_file(settings.CONDUCT_POLICY_FILE, known_screener=DETECTABLE)
    except PolicyError as exc:
        return [
            Error(
                exc.describe(),
                hint="Fix the file named by CONDUCT_POLICY_FILE, or unset it to use the default.",
                id="policy.E001",
            )
        ]
    return []
