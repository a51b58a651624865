"""The audit log page speaks of clients by reference and of actions in words."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client as HttpClient

from conduct.audit.actions import ACTIONS
from conduct.audit.services import record_event

pytestmark = pytest.mark.django_db


def test_the_filter_asks_for_the_client_reference(
    as_admin: HttpClient, client_record: Any, staff: Any
) -> None:
    record_event(
        "clients.client.viewed",
        actor=staff,
        target=client_record,
        client_id=client_record.pk,
        payload={"reference": client_record.reference},
    )
    page = as_admin.get("/audit/").content.decode()
    assert "Client reference" in page and "Client id" not in page
    found = as_admin.get("/audit/", {"client": "cl-000900"}).content.decode()
    rows = re.findall(r"<tr>\s*<td>\d+</td>", found)
    assert rows and "client CL-000900" in found
    assert f"<br>client {client_record.pk}<" not in found
    missing = as_admin.get("/audit/", {"client": "CL-999999"})
    text = missing.content.decode()
    assert "There is no client with the reference CL-999999." in text
    assert "data-error-summary" in text and "<title>Error: Audit log" in text


def test_the_action_list_is_in_words_grouped_by_part_of_the_product(
    as_admin: HttpClient,
) -> None:
    page = as_admin.get("/audit/").content.decode()
    select = page.split('name="action"', 1)[1].split("</select>", 1)[0]
    assert "{" not in select and "}" not in select
    assert '<optgroup label="Casework">' in select
    assert ">Created user … with role …</option>" in select
    options = re.findall(r'<option value="([^"]*)"', select)
    assert set(options) == {"", *ACTIONS}
    assert not any(f">{code}" in select for code in ACTIONS)
