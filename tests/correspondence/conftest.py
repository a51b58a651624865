"""Shared helpers for the correspondence tests: messages and mailboxes built in code."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from conduct.correspondence import synthetic

WHEN = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
ABUSE = "You are a useless idiot and I will come to your office and hurt you."


def mail(
    n: int = 1,
    *,
    sender: str = "jane@example.com",
    body: str = "Please can you tell me when the repair will be done?",
    subject: str = "Repair",
    when: datetime = WHEN,
) -> bytes:
    return synthetic.email_bytes(
        sender=sender,
        to="enquiries@example.org",
        when=when,
        subject=subject,
        body=body,
        message_id=f"msg-{n}@example.com",
    )


def write_mbox(path: Path, messages: list[bytes]) -> Path:
    path.write_bytes(b"".join(synthetic.mbox_bytes(messages)))
    return path


@pytest.fixture
def media(settings: pytest.FixtureRequest, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "files"  # type: ignore[attr-defined]
    return tmp_path / "files"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    # Demand figures are cached by a data version built from primary keys, which a test
    # database can reuse after a rollback; production keys never repeat.
    from django.core.cache import cache

    cache.clear()
