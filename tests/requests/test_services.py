"""Recording, extending and closing requests; each change writes one audit event."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from freezegun import freeze_time

from conduct.audit.models import AuditEvent
from conduct.clients.services import ClientDetails, create_client
from conduct.policy.services import load_policy_version
from conduct.privacy.models import SubjectAccessExport
from conduct.requests import rules
from conduct.requests.models import ClientRequest
from conduct.requests.queries import exports_for
from conduct.requests.services import (
    close_request,
    extend_request,
    produce_subject_access,
    record_request,
)
from tests.requests.conftest import RECEIVED


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action))


def test_a_request_received_on_31_january_is_due_on_28_february(sar: ClientRequest) -> None:
    sar.refresh_from_db()
    assert sar.due_on == date(2026, 2, 28)
    assert sar.deadline == date(2026, 2, 28)
    assert sar.reference == f"REQ-{sar.pk:05d}"
    [event] = events("requests.request.recorded")
    assert event.payload["reference"] == sar.reference
    assert event.payload["due_on"] == "2026-02-28"
    assert event.client_id == sar.client_id


def test_extended_by_two_months_it_is_due_on_30_april(sar: ClientRequest, admin_user: Any) -> None:
    extended = extend_request(sar, months=2, reason="Records across three teams.", actor=admin_user)
    extended.refresh_from_db()
    assert extended.due_on == date(2026, 2, 28)
    assert extended.extended_due_on == date(2026, 4, 30)
    assert extended.deadline == date(2026, 4, 30)
    assert extended.extension_reason == "Records across three teams."
    assert extended.extended_by == admin_user
    [event] = events("requests.request.extended")
    assert event.payload == {
        "reference": sar.reference,
        "months": 2,
        "due_on": "2026-04-30",
        "told_on": "2026-02-10",
    }
    assert extended.extension_told_on == date(2026, 2, 10)


def test_a_second_extension_is_refused(sar: ClientRequest, admin_user: Any) -> None:
    extend_request(sar, months=1, reason="Complex.", actor=admin_user)
    with pytest.raises(rules.RequestRefused, match="already been extended"):
        extend_request(sar, months=1, reason="More.", actor=admin_user)
    assert len(events("requests.request.extended")) == 1


def test_an_extension_after_the_first_month_is_refused(sar: ClientRequest, admin_user: Any) -> None:
    with freeze_time("2026-03-01"), pytest.raises(rules.RequestRefused, match="run out"):
        extend_request(sar, months=2, reason="Late.", actor=admin_user)
    sar.refresh_from_db()
    assert sar.extended_due_on is None


def test_an_extension_told_in_time_may_be_recorded_later(
    sar: ClientRequest, admin_user: Any
) -> None:
    with freeze_time("2026-03-03"):
        extended = extend_request(
            sar, months=2, reason="Complex.", told_on=date(2026, 2, 27), actor=admin_user
        )
    assert extended.deadline == date(2026, 4, 30)
    assert extended.extension_told_on == date(2026, 2, 27)


def test_only_admins_extend_or_close_subject_access(
    sar: ClientRequest, manager: Any, staff: Any
) -> None:
    for actor in (manager, staff):
        with pytest.raises(PermissionDenied):
            extend_request(sar, months=1, reason="x", actor=actor)
        with pytest.raises(PermissionDenied):
            close_request(sar, outcome="answered", closed_on=RECEIVED, note="", actor=actor)
    assert events("requests.request.extended") == []


def test_only_senior_managers_close_reviews(
    review_request: ClientRequest, admin_user: Any, manager: Any
) -> None:
    with pytest.raises(PermissionDenied):
        close_request(
            review_request,
            outcome="answered",
            closed_on=date(2026, 2, 10),
            note="",
            actor=admin_user,
        )
    closed = close_request(
        review_request,
        outcome="answered",
        closed_on=date(2026, 2, 10),
        note="Upheld.",
        actor=manager,
    )
    assert closed.status == rules.ANSWERED


def test_a_review_cannot_be_extended(review_request: ClientRequest, manager: Any) -> None:
    with pytest.raises(rules.RequestRefused, match="Only a subject access"):
        extend_request(review_request, months=1, reason="x", actor=manager)


def test_closing_on_time_and_late_is_recorded(sar: ClientRequest, admin_user: Any) -> None:
    with freeze_time("2026-03-02"):
        closed = close_request(
            sar, outcome="answered", closed_on=date(2026, 3, 2), note="Sent.", actor=admin_user
        )
    assert closed.status == rules.ANSWERED
    assert closed.closed_on == date(2026, 3, 2)
    [event] = events("requests.request.closed")
    assert event.payload["on_time"] is False
    with pytest.raises(rules.RequestRefused, match="already closed"):
        close_request(
            sar, outcome="withdrawn", closed_on=date(2026, 2, 10), note="", actor=admin_user
        )


def test_staff_record_and_a_future_date_is_refused(
    on_10_february: None, client_record: Any, staff: Any, outsider: Any
) -> None:
    with pytest.raises(rules.RequestRefused, match="future"):
        record_request(
            client_record,
            kind=rules.SUBJECT_ACCESS,
            channel="email",
            received_on=date(2026, 2, 11),
            summary="Copy please.",
            actor=staff,
        )
    with pytest.raises(PermissionDenied):
        record_request(
            client_record,
            kind=rules.SUBJECT_ACCESS,
            channel="email",
            received_on=date(2026, 2, 10),
            summary="Copy please.",
            actor=outsider,
        )
    assert not ClientRequest.objects.exists()
    assert events("requests.request.recorded") == []


@freeze_time("2026-12-18 09:00:00")
def test_a_review_is_due_after_the_policys_working_days_skipping_bank_holidays(
    client_record: Any, staff: Any
) -> None:
    assert settings.BANK_HOLIDAYS == "england-and-wales"
    made = record_request(
        client_record,
        kind=rules.REVIEW,
        channel="phone",
        received_on=date(2026, 12, 18),
        summary="Review my restriction.",
        actor=staff,
    )
    # 20 working days, skipping 25 and 28 December (Boxing Day's substitute) and 1 January.
    assert made.due_on == date(2027, 1, 20)


def test_the_policy_sets_the_review_period(
    tmp_path: Path, on_10_february: None, client_record: Any, staff: Any
) -> None:
    source = Path(settings.CONDUCT_POLICY_FILE).read_text(encoding="utf-8")
    source = (
        source.replace('version: "1"', 'version: "7"') + "\nrequests:\n  review_working_days: 5\n"
    )
    (tmp_path / "policy.yaml").write_text(source, encoding="utf-8")
    load_policy_version(tmp_path / "policy.yaml", actor=None)
    made = record_request(
        client_record,
        kind=rules.REVIEW,
        channel="email",
        received_on=date(2026, 2, 9),
        summary="Review please.",
        actor=staff,
    )
    assert made.due_on == date(2026, 2, 16)


def test_a_review_decision_must_be_about_the_same_client(
    on_10_february: None, staff: Any, restriction_decision: Any
) -> None:
    other = create_client(ClientDetails(name="Someone Else"), actor=staff)
    with pytest.raises(rules.RequestRefused, match="another client"):
        record_request(
            other,
            kind=rules.REVIEW,
            channel="email",
            received_on=date(2026, 2, 9),
            summary="Review.",
            decision=restriction_decision,
            actor=staff,
        )


def test_the_export_is_the_privacy_apps_made_in_the_background_and_kept_on_the_request(
    sar: ClientRequest,
    admin_user: Any,
    export_folder: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as queued:
        export = produce_subject_access(sar, actor=admin_user, redact_third_parties=True)
    assert isinstance(export, SubjectAccessExport) and len(queued) == 1
    assert export.state == SubjectAccessExport.State.QUEUED
    assert export.request_reference == sar.reference and export.requested_by == admin_user
    sar.refresh_from_db()
    assert sar.export == export and sar.exported_at == export.requested_at
    # One audit event for the change: the privacy app's, naming the request.
    [event] = AuditEvent.objects.filter(action__startswith="privacy.subject_access")
    assert event.action == "privacy.subject_access.requested"
    assert event.payload["reference"] == sar.reference
    assert event.payload["export_id"] == export.pk
    assert not AuditEvent.objects.filter(action__startswith="requests.").exclude(
        action="requests.request.recorded"
    )

    queued[0]()  # the background worker's part

    export.refresh_from_db()
    assert export.state == SubjectAccessExport.State.READY, export.error
    with zipfile.ZipFile(export_folder / export.file_name) as archive:
        data = json.loads(archive.read("subject-access.json"))
    [section] = [s for s in data["sections"] if s["key"] == "requests.requests"]
    assert section["records"][0]["reference"] == sar.reference
    [made] = events("privacy.subject_access.exported")
    assert made.payload["sha256"] == export.sha256 and len(export.sha256) == 64


def test_a_second_export_answers_the_request_and_both_are_listed(
    sar: ClientRequest, admin_user: Any
) -> None:
    first = produce_subject_access(sar, actor=admin_user, redact_third_parties=True)
    second = produce_subject_access(sar, actor=admin_user, redact_third_parties=False)
    sar.refresh_from_db()
    assert sar.export == second
    assert list(exports_for(sar)) == [second, first]
    assert len(events("privacy.subject_access.requested")) == 2


def test_a_closed_request_has_no_export(sar: ClientRequest, admin_user: Any) -> None:
    close_request(sar, outcome="withdrawn", closed_on=date(2026, 2, 10), note="", actor=admin_user)
    with pytest.raises(rules.RequestRefused, match="closed"):
        produce_subject_access(sar, actor=admin_user, redact_third_parties=True)
    assert not SubjectAccessExport.objects.exists()
    assert events("privacy.subject_access.requested") == []
    sar.refresh_from_db()
    assert sar.export is None and sar.exported_at is None


def test_a_review_has_no_export(review_request: ClientRequest, admin_user: Any) -> None:
    with pytest.raises((rules.RequestRefused, PermissionDenied)):
        produce_subject_access(review_request, actor=admin_user, redact_third_parties=True)
    assert not SubjectAccessExport.objects.exists()


def test_retention_keeps_a_client_with_an_open_request(sar: ClientRequest, admin_user: Any) -> None:
    from conduct.requests.personal_data import last_activity

    with freeze_time("2036-03-01"):
        assert last_activity(sar.client) == date(2036, 3, 1)
        close_request(
            sar, outcome="answered", closed_on=date(2036, 3, 1), note="", actor=admin_user
        )
    with freeze_time("2040-01-01"):
        assert last_activity(sar.client) == date(2036, 3, 1)
