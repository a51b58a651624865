"""A stand-in app that holds something about a client, to show that privacy
picks up any app's provider and puts it where the app says."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.apps import AppConfig

from conduct.core.personal_data import RecordType, Redacting, Section

ERASED: list[int] = []


def sections(client: Any, redactor: Redacting) -> list[Section]:
    return [Section("visits.visits", "Visits", [{"client": client.pk, "at": "reception"}])]


def last_activity(client: Any) -> date | None:
    return None


def count(client: Any) -> dict[str, int]:
    return {"visits": 1}


def erase(client: Any, actor: Any) -> dict[str, int]:
    ERASED.append(client.pk)
    return {"visits": 1}


RECORD_TYPE = RecordType(
    key="visits",
    title="Visits to reception",
    sections=sections,
    last_activity=last_activity,
    count=count,
    erase=erase,
)


class VisitsConfig(AppConfig):
    name = "tests.privacy.visits_app"
    label = "visits"

    def ready(self) -> None:
        from conduct.core.personal_data import register_provider

        # Visits name the client and the case they came about.
        register_provider(RECORD_TYPE, before=("casework", "clients"))
