from typing import Any

import pytest

from conduct.audit.models import AuditEvent
from conduct.clients.models import Client
from conduct.clients.services import (
    ClientDetails,
    StaleEdit,
    create_client,
    search_clients,
    update_client,
)

pytestmark = pytest.mark.django_db


def test_search_by_name_reference_email_and_phone_in_another_format(client_record: Client) -> None:
    for query in [
        "jane",
        "CL-000900",
        "JANE@example.com",
        "+44 7700 900123",
        "07700900123",
        "@jane_e",
    ]:
        assert list(search_clients(query)) == [client_record], query
    assert not search_clients("nobody").exists()


def test_create_gives_a_reference_and_refuses_a_duplicate(staff: Any) -> None:
    first = create_client(ClientDetails(name="A Person"), actor=staff)
    second = create_client(ClientDetails(name="B Person"), actor=staff)
    assert first.reference == "CL-000001" and second.reference == "CL-000002"
    with pytest.raises(ValueError, match="already in use"):
        create_client(ClientDetails(name="C", reference="CL-000001"), actor=staff)


def test_update_is_audited_and_refuses_a_stale_version(client_record: Client, staff: Any) -> None:
    details = ClientDetails(name="Jane Example", reference="CL-000900", phones=["0113 496 0000"])
    updated = update_client(client_record, details, actor=staff, expected_version=1)
    assert updated.version == 2
    event = AuditEvent.objects.filter(action="clients.client.updated").get()
    assert "contacts" in event.payload["fields"] and event.client_id == client_record.pk
    with pytest.raises(StaleEdit):
        update_client(client_record, details, actor=staff, expected_version=1)


def test_staff_and_managers_see_the_list_outsiders_do_not(
    client_record: Client,
    as_staff: Any,
    as_manager: Any,
    as_admin: Any,
    as_outsider: Any,
    client: Any,
) -> None:
    for http in (as_staff, as_manager, as_admin):
        response = http.get("/clients/", {"q": "07700 900123"})
        assert response.status_code == 200
        assert b"Jane Example" in response.content
    assert as_outsider.get("/clients/").status_code == 403
    assert client.get("/clients/").status_code == 302


def test_viewing_a_client_is_audited(
    client_record: Client, as_staff: Any, as_outsider: Any
) -> None:
    response = as_staff.get(f"/clients/{client_record.pk}/")
    assert response.status_code == 200
    assert b"07700 900123" in response.content
    assert (
        AuditEvent.objects.filter(
            action="clients.client.viewed", client_id=client_record.pk
        ).count()
        == 1
    )
    assert as_outsider.get(f"/clients/{client_record.pk}/").status_code == 403
    assert as_staff.get("/clients/999999/").status_code == 404


def test_create_form_shows_an_error_summary_naming_the_field(as_staff: Any) -> None:
    response = as_staff.post("/clients/new/", {"name": "", "phones": "not a phone"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert 'href="#id_name"' in body and 'href="#id_phones"' in body
    assert "is not a phone number" in body
    assert not Client.objects.exists()


def test_create_and_edit_through_the_form(as_staff: Any, as_admin: Any) -> None:
    response = as_staff.post(
        "/clients/new/",
        {"name": "New Client", "emails": "new@example.com", "phones": "07700 900555"},
    )
    assert response.status_code == 302
    created = Client.objects.get(name="New Client")
    edit = as_staff.post(
        f"/clients/{created.pk}/edit/",
        {
            "name": "New Client Renamed",
            "reference": created.reference,
            "phones": "07700 900555",
            "version": 1,
        },
    )
    assert edit.status_code == 302
    created.refresh_from_db()
    assert created.name == "New Client Renamed" and created.version == 2
    stale = as_staff.post(f"/clients/{created.pk}/edit/", {"name": "Again", "version": 1})
    assert b"changed by someone else" in stale.content
    assert as_admin.post("/clients/new/", {"name": "Admins do not add clients"}).status_code == 403
