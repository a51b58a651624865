import json
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from conduct.audit.actions import ACTIONS, describe, register
from conduct.audit.models import AuditEvent
from conduct.audit.services import UnknownAction, record_event, verify_chain


def test_every_action_code_is_dotted_and_has_a_sentence() -> None:
    assert ACTIONS
    for code, sentence in ACTIONS.items():
        assert code.count(".") >= 1, code
        assert sentence.strip() and sentence != code, code


def test_registering_a_code_twice_differently_is_refused() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        register("clients.client.created", "something else")
    with pytest.raises(ValueError, match="dotted lower-case"):
        register("NotDotted", "x")


def test_describe_fills_the_sentence_and_survives_missing_keys() -> None:
    assert describe("clients.client.created", {"reference": "CL-1"}) == "created client record CL-1"
    assert describe("clients.client.created", {}) == "created client record {reference}"


@pytest.mark.django_db
def test_unregistered_codes_are_refused() -> None:
    with pytest.raises(UnknownAction):
        record_event("clients.client.exploded", actor=None)


@pytest.mark.django_db
def test_chain_links_each_event_to_the_one_before(staff: Any) -> None:
    first = record_event("audit.log.viewed", actor=staff)
    second = record_event("audit.log.viewed", actor=None, payload={"n": 2})
    assert second.seq == first.seq + 1
    assert second.prev_hash == first.hash
    assert second.actor_label == "system"
    assert verify_chain().ok


def _json(placeholder: str = "%s") -> str:
    return f"CAST({placeholder} AS jsonb)" if connection.vendor == "postgresql" else placeholder


def _tamper(sql: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_editing_a_row_behind_the_applications_back_breaks_verify(staff: Any) -> None:
    for n in range(5):
        record_event("audit.log.viewed", actor=staff, payload={"n": n})
    target = AuditEvent.objects.order_by("seq")[2]
    _tamper(
        "UPDATE audit_auditevent SET actor_label = %s WHERE id = %s", ["someone-else", target.pk]
    )
    result = verify_chain()
    assert not result.ok
    assert result.seq == target.seq
    assert "do not match its hash" in result.problem


@pytest.mark.django_db
def test_changing_a_payload_or_deleting_a_row_is_caught(staff: Any) -> None:
    for n in range(4):
        record_event("audit.log.viewed", actor=staff, payload={"n": n})
    events = list(AuditEvent.objects.order_by("seq"))
    _tamper(
        f"UPDATE audit_auditevent SET payload = {_json()} WHERE id = %s",
        ['{"n": 99}', events[1].pk],
    )
    assert verify_chain().seq == events[1].seq
    _tamper(
        f"UPDATE audit_auditevent SET payload = {_json()} WHERE id = %s",
        [json.dumps(events[1].payload), events[1].pk],
    )
    assert verify_chain().ok
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
    result = verify_chain()
    assert not result.ok and result.seq == events[3].seq


@pytest.mark.django_db
def test_removing_the_newest_event_is_caught_by_the_head(staff: Any) -> None:
    for _ in range(3):
        record_event("audit.log.viewed", actor=staff)
    newest = AuditEvent.objects.order_by("-seq").first()
    assert newest is not None
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [newest.pk])
    assert not verify_chain().ok


@pytest.mark.django_db
def test_verify_command_exits_non_zero_naming_the_event(staff: Any, capsys: Any) -> None:
    for _ in range(3):
        record_event("audit.log.viewed", actor=staff)
    call_command("audit", "verify")
    assert (
        f"audit chain intact: {AuditEvent.objects.count()} events checked"
        in capsys.readouterr().out
    )
    second = AuditEvent.objects.get(seq=2)
    _tamper("UPDATE audit_auditevent SET action = %s WHERE id = %s", ["accounts.logout", second.pk])
    with pytest.raises(CommandError) as caught:
        call_command("audit", "verify")
    assert caught.value.returncode == 1
    assert "broken at event #2" in str(caught.value)


@pytest.mark.django_db
def test_audit_log_page_is_for_admins_only(
    as_admin: Any, as_staff: Any, as_manager: Any, as_outsider: Any, client: Any
) -> None:
    record_event("audit.log.viewed", actor=None)
    response = as_admin.get("/audit/", {"action": "audit.log.viewed"})
    assert response.status_code == 200
    assert b"viewed the audit log" in response.content
    for http in (as_staff, as_manager, as_outsider):
        assert http.get("/audit/").status_code == 403
    assert client.get("/audit/").status_code == 302
    assert as_admin.get("/audit/", {"since": "not a date"}).status_code == 200


@pytest.mark.django_db
def test_audit_api_lists_and_verifies(as_admin: Any, as_staff: Any) -> None:
    record_event("audit.log.viewed", actor=None)
    events = as_admin.get("/api/audit/events").json()
    assert events["count"] >= 1 and events["items"][0]["hash"]
    assert as_admin.post("/api/audit/verify").json()["ok"] is True
    assert as_staff.get("/api/audit/events").status_code == 403


@pytest.mark.django_db
def test_verifying_through_the_api_is_recorded_with_its_result(as_admin: Any) -> None:
    record_event("audit.log.viewed", actor=None)
    assert as_admin.post("/api/audit/verify").json()["ok"] is True
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None and event.action == "audit.chain.verified"
    assert event.actor_label == "admin1" and event.payload["ok"] is True
    assert event.payload["checked"] == event.seq - 1  # every event before it
    call_command("audit", "verify")  # the command only reads: the chain stays as it was
    assert AuditEvent.objects.order_by("-seq").first() == event
