"""Each app registers its own provider at start-up; privacy takes them in the order
they declare, and knows none of them by name."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import override_settings

from conduct.core.personal_data import (
    EVERY_OTHER,
    RecordType,
    record_types,
    register_provider,
    unregister_provider,
)
from conduct.privacy.subject_access import export_subject_access
from tests.privacy.visits_app import apps as visits

HOLDING = ["correspondence", "letters", "requests", "casework", "clients", "audit"]


@pytest.fixture
def visits_installed() -> Iterator[None]:
    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, "tests.privacy.visits_app"]):
        yield
    unregister_provider("visits")


def test_the_apps_declare_todays_erasure_order() -> None:
    assert [t.key for t in record_types()] == HOLDING


def test_a_provider_registered_by_an_app_is_picked_up_in_the_order_it_declares(
    visits_installed: None,
) -> None:
    keys = [t.key for t in record_types()]
    assert keys == ["correspondence", "letters", "requests", "visits", *HOLDING[3:]]


@pytest.mark.django_db
def test_the_new_apps_records_are_exported_and_erased(
    visits_installed: None, client_record: Any, admin_user: Any
) -> None:
    export = export_subject_access(
        client_record, actor=admin_user, redact_third_parties=False, pdf=False
    )
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        found = {s["key"] for s in json.loads(archive.read("subject-access.json"))["sections"]}
    assert "visits.visits" in found
    visiting = next(t for t in record_types() if t.key == "visits")
    visiting.erase(client_record, admin_user)
    assert visits.ERASED[-1] == client_record.pk


def _type(key: str) -> RecordType:
    return RecordType(key, key, lambda c, r: [], lambda c: None, lambda c: {}, lambda c, a: {})


def test_declarations_win_over_names_and_a_circle_is_refused() -> None:
    try:
        register_provider(_type("aaa-last"), after=(EVERY_OTHER,))
        assert [t.key for t in record_types()][-2:] == ["aaa-last", "audit"]
        register_provider(_type("aaa-last"), after=("audit",))
        register_provider(_type("zzz-first"), before=("correspondence",))
        keys = [t.key for t in record_types()]
        # Alphabetical where free, but "zzz-first" goes ahead of correspondence as it said.
        assert keys == [
            "letters",
            "requests",
            "zzz-first",
            "correspondence",
            *HOLDING[3:],
            "aaa-last",
        ]
        register_provider(_type("zzz-first"), before=("correspondence",), after=("clients",))
        with pytest.raises(RuntimeError, match="circle"):
            record_types()
    finally:
        unregister_provider("aaa-last")
        unregister_provider("zzz-first")
