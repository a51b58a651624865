"""Redacting staff names and other third parties from a subject access export.

Plain Python: users are read through ``get_username``/``get_full_name`` only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

THIRD_PARTY = "[redacted: third party]"
SYSTEM = "system"


def _names_of(user: Any) -> list[str]:
    names = [user.get_username(), user.get_full_name(), user.first_name, user.last_name]
    return [n.strip() for n in names if n and len(n.strip()) >= 3]


class Redactor:
    """Names people in an export: as themselves, or as "Staff member N" when redacting.

    ``known_users`` lets free text (notes, message bodies, audit sentences)
    have any staff name in it replaced by the same pseudonym.
    """

    def __init__(self, *, enabled: bool, known_users: Iterable[Any] = ()) -> None:
        self.enabled = enabled
        self._aliases: dict[int, str] = {}
        self._users = list(known_users)
        self._pattern: re.Pattern[str] | None = None
        self._by_name: dict[str, Any] = {}

    def _alias(self, user: Any) -> str:
        if user.pk not in self._aliases:
            self._aliases[user.pk] = f"Staff member {len(self._aliases) + 1}"
        return self._aliases[user.pk]

    def person(self, user: Any) -> str:
        """A member of staff, or ``system`` for nobody."""
        if user is None:
            return SYSTEM
        if self.enabled:
            return self._alias(user)
        return str(user.get_full_name() or user.get_username())

    def third_party(self, value: str) -> str:
        """A name or detail of someone other than the client and staff."""
        if self.enabled and value:
            return THIRD_PARTY
        return value

    def text(self, value: str) -> str:
        """Free text with every known staff name replaced by that person's pseudonym."""
        if not self.enabled or not value:
            return value
        if self._pattern is None:
            for user in self._users:
                for name in _names_of(user):
                    self._by_name.setdefault(name.lower(), user)
            if not self._by_name:
                return value
            alternatives = sorted(self._by_name, key=len, reverse=True)
            self._pattern = re.compile(
                r"\b(" + "|".join(re.escape(a) for a in alternatives) + r")\b", re.IGNORECASE
            )
        if not self._by_name:
            return value
        return self._pattern.sub(lambda m: self._alias(self._by_name[m.group(0).lower()]), value)
