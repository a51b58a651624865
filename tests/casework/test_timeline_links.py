"""The client's timeline links only to pages the viewer may open."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from conduct.casework.services import (
    DecisionInput,
    RestrictionInput,
    add_case_note,
    record_decision,
    record_incident,
)
from tests.casework.conftest import details
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def timeline_links(page: str) -> list[str]:
    section = page.split('id="timeline"', 1)[1].split("</ol>", 1)[0]
    return re.findall(r'href="([^"]+)"', section)


@pytest.fixture
def history(client_record: Any, staff: Any, other_staff: Any, manager: Any) -> dict[str, Any]:
    mine = record_incident(details(client_record), actor=staff)
    theirs = record_incident(details(client_record, warning_given=False), actor=other_staff)
    case = theirs.case
    assert case is not None
    add_case_note(case, "Listened to the call.", actor=manager)
    case.refresh_from_db()
    today = timezone.localdate()
    record_decision(
        case,
        DecisionInput(
            outcomes=["contact_restriction"],
            reasons="Threats after a warning.",
            clauses=["threatening_communication"],
            adjustments_note="None known.",
            restriction=RestrictionInput(
                starts_on=today, review_on=today + timedelta(days=90), channels_allowed=["email"]
            ),
        ),
        actor=manager,
        expected_version=case.version,
    )
    return {"mine": mine, "theirs": theirs}


def test_staff_see_links_only_to_their_own_incidents(
    history: dict[str, Any], client_record: Any, staff: Any
) -> None:
    http = signed_in(staff)
    page = http.get(f"/clients/{client_record.pk}/").content.decode()
    links = timeline_links(page)
    mine = history["mine"].pk
    assert links and set(links) == {f"/casework/incidents/{mine}/"}
    # The entries are still listed, in words, without a link.
    section = page.split('id="timeline"', 1)[1]
    assert "Contact restriction starts" in section and "Decision: Contact restriction" in section
    for url in links:
        assert http.get(url).status_code == 200, url


def test_every_link_on_the_timeline_opens_for_whoever_sees_it(
    history: dict[str, Any], client_record: Any, staff: Any, other_staff: Any, manager: Any
) -> None:
    for user in (staff, other_staff, manager):
        http: HttpClient = signed_in(user)
        page = http.get(f"/clients/{client_record.pk}/").content.decode()
        links = timeline_links(page)
        assert links, user
        for url in links:
            assert http.get(url).status_code == 200, (user, url)
    manager_links = timeline_links(
        signed_in(manager).get(f"/clients/{client_record.pk}/").content.decode()
    )
    assert any("/casework/cases/" in u for u in manager_links)
    assert any("/casework/restrictions/" in u for u in manager_links)


def test_the_api_timeline_leaves_out_what_the_caller_may_not_open(
    history: dict[str, Any], client_record: Any, other_staff: Any
) -> None:
    rows = signed_in(other_staff).get(f"/api/casework/clients/{client_record.pk}/timeline").json()
    urls = {r["url"] for r in rows if r["url"]}
    assert urls == {f"/casework/incidents/{history['theirs'].pk}/"}


def test_incidents_on_the_timeline_name_the_behaviour_in_the_policys_words(
    history: dict[str, Any], client_record: Any, manager: Any
) -> None:
    page = signed_in(manager).get(f"/clients/{client_record.pk}/").content.decode()
    assert "Threatening emails and telephone calls; recorded by staff1" in page
    assert "threatening communication;" not in page
