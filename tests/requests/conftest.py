"""Requests fixtures: a subject access request received on 31 January 2026."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.urls import get_resolver
from freezegun import freeze_time

from conduct.requests import rules
from conduct.requests.models import ClientRequest
from conduct.requests.services import record_request
from tests.letters.conftest import incident, restriction_decision

__all__ = ["incident", "restriction_decision"]

RECEIVED = date(2026, 1, 31)


@pytest.fixture(autouse=True)
def export_folder(settings: Any, tmp_path: Any) -> Any:
    """Where the background subject access exports are written, per test."""
    settings.PRIVACY_SUBJECT_ACCESS_DIR = tmp_path / "subject-access"
    return tmp_path / "subject-access"


@pytest.fixture
def on_10_february() -> Iterator[None]:
    # Load the URLs (and the API's schemas) first: pydantic cannot build a
    # schema for freezegun's stand-in date class.
    get_resolver().url_patterns  # noqa: B018
    with freeze_time("2026-02-10 10:00:00"):
        yield


@pytest.fixture
def sar(on_10_february: None, client_record: Any, staff: Any) -> ClientRequest:
    return record_request(
        client_record,
        kind=rules.SUBJECT_ACCESS,
        channel="letter",
        received_on=RECEIVED,
        summary="A copy of everything you hold about me.",
        actor=staff,
    )


@pytest.fixture
def review_request(on_10_february: None, client_record: Any, staff: Any) -> ClientRequest:
    return record_request(
        client_record,
        kind=rules.REVIEW,
        channel="front_desk",
        received_on=date(2026, 2, 9),
        summary="Asks for the decision to be looked at again.",
        actor=staff,
    )
