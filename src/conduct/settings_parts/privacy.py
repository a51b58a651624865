"""How long each kind of record is kept after the client's last activity."""

from __future__ import annotations

from conduct.core.env import env_int


def retention_years(default: int) -> dict[str, int]:
    """Years per kind of record; each falls back to ``CONDUCT_RETENTION_YEARS``."""
    return {
        "clients": env_int("CONDUCT_RETENTION_CLIENT_YEARS", default, minimum=1),
        "casework": env_int("CONDUCT_RETENTION_CASEWORK_YEARS", default, minimum=1),
        "correspondence": env_int("CONDUCT_RETENTION_CORRESPONDENCE_YEARS", default, minimum=1),
        "audit": env_int("CONDUCT_RETENTION_AUDIT_YEARS", default, minimum=1),
        "letters": env_int("CONDUCT_RETENTION_LETTERS_YEARS", default, minimum=1),
        "requests": env_int("CONDUCT_RETENTION_REQUESTS_YEARS", default, minimum=1),
    }
