"""Every casework page with a staff member, a senior manager and an outsider."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as HttpClient
from django.utils import timezone

from conduct.audit.models import AuditEvent
from conduct.casework.models import Case, Incident, Restriction, Script, SupportFollowUp
from conduct.casework.services import (
    DecisionInput,
    RestrictionInput,
    add_evidence,
    record_decision,
    record_incident,
)
from tests.casework.conftest import details

pytestmark = pytest.mark.django_db


def decide(case: Case, manager: Any) -> Restriction:
    today = timezone.localdate()
    decision = record_decision(
        case,
        DecisionInput(
            outcomes=["contact_restriction"],
            reasons="Threats after a warning.",
            clauses=["threatening_communication"],
            adjustments_note="None known.",
            restriction=RestrictionInput(
                starts_on=today, review_on=today + timedelta(days=100), channels_allowed=["email"]
            ),
        ),
        actor=manager,
        expected_version=case.version,
    )
    return decision.restrictions.get()


@pytest.fixture
def restriction(incident: Incident, manager: Any) -> Restriction:
    assert incident.case is not None
    return decide(incident.case, manager)


def pages(incident: Incident) -> list[str]:
    return [
        "/casework/incidents/",
        "/casework/incidents/new/",
        f"/casework/incidents/{incident.pk}/",
        f"/casework/incidents/{incident.pk}/edit/",
        "/casework/calls/new/",
        "/casework/notifications/",
    ]


def manager_pages(incident: Incident) -> list[str]:
    return [
        "/casework/queue/",
        f"/casework/cases/{incident.case_id}/",
        f"/casework/cases/{incident.case_id}/decide/",
        "/casework/reviews/",
        "/casework/support/",
    ]


def test_staff_pages(as_staff: HttpClient, incident: Incident) -> None:
    for url in pages(incident):
        assert as_staff.get(url).status_code == 200, url
    for url in manager_pages(incident):
        assert as_staff.get(url).status_code == 403, url


def test_manager_pages(as_manager: HttpClient, incident: Incident) -> None:
    for url in pages(incident) + manager_pages(incident):
        assert as_manager.get(url).status_code == 200, url


def test_outsider_gets_403_everywhere(
    as_outsider: HttpClient, incident: Incident, restriction: Restriction
) -> None:
    urls = (
        pages(incident)
        + manager_pages(incident)
        + [
            f"/casework/restrictions/{restriction.pk}/",
            f"/casework/restrictions/{restriction.pk}/review/",
        ]
    )
    for url in urls:
        assert as_outsider.get(url).status_code == 403, url
    case = f"/casework/cases/{incident.case_id}/"
    posts = [
        f"/casework/incidents/{incident.pk}/link/",
        f"/casework/incidents/{incident.pk}/evidence/",
        f"/casework/calls/{incident.pk}/step/",
        f"/casework/calls/{incident.pk}/finish/",
        "/casework/calls/new/",
        "/casework/incidents/new/",
        f"/casework/support/{incident.pk}/done/",
    ] + [
        case + action + "/"
        for action in ["assign", "notes", "link", "override", "evidence", "police", "decide"]
    ]
    for url in posts:
        assert as_outsider.post(url, {}).status_code == 403, url


def test_staff_cannot_use_manager_actions(
    as_staff: HttpClient, incident: Incident, restriction: Restriction
) -> None:
    case = f"/casework/cases/{incident.case_id}/"
    posts = [
        case + action + "/"
        for action in ["assign", "notes", "link", "override", "evidence", "police", "decide"]
    ]
    posts += [f"/casework/restrictions/{restriction.pk}/review/", "/casework/support/1/done/"]
    for url in posts:
        assert as_staff.post(url, {}).status_code == 403, url
    assert as_staff.get(f"/casework/restrictions/{restriction.pk}/").status_code == 403


def test_the_client_page_offers_the_call_guide_to_staff(
    as_staff: HttpClient, client_record: Any
) -> None:
    page = as_staff.get(f"/clients/{client_record.pk}/").content.decode()
    assert "A call is turning abusive" in page and "Record an incident" in page
    assert "Contact restriction in force" not in page and "Warning in force" not in page


def test_anonymous_is_sent_to_sign_in(incident: Incident) -> None:
    response = HttpClient().get("/casework/incidents/")
    assert response.status_code == 302 and "/accounts/sign-in" in response["Location"]


def test_staff_see_only_their_own_incidents(incident: Incident, other_staff: Any) -> None:
    http = HttpClient()
    http.force_login(other_staff)
    assert http.get(f"/casework/incidents/{incident.pk}/").status_code == 404
    assert (
        str(incident.pk)
        not in http.get("/casework/incidents/").content.decode().split("<tbody>")[-1][:50]
    )


def test_recording_an_incident_in_the_browser(
    as_staff: HttpClient, client_record: Any, tmp_path: Any, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    response = as_staff.post(
        "/casework/incidents/new/",
        {
            "client": client_record.pk,
            "channel": "email",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "categories": ["abusive_language"],
            "what_happened": "Email full of insults.",
            "staff_actions": ["no_reply"],
            "wants_support": "on",
            "evidence": SimpleUploadedFile(
                "email.txt", b"You are useless", content_type="text/html"
            ),
        },
    )
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.evidence.get().content_type == "text/plain"
    assert SupportFollowUp.objects.filter(incident=incident).exists()
    download = as_staff.get(f"/casework/evidence/{incident.evidence.get().pk}/")
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/octet-stream"
    assert download.content == b"You are useless"


def test_an_incident_without_category_is_refused_with_a_message(
    as_staff: HttpClient, client_record: Any
) -> None:
    response = as_staff.post(
        "/casework/incidents/new/", {"client": client_record.pk, "channel": "phone"}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Incident.objects.exists()


def test_the_live_call_guide_by_buttons(as_staff: HttpClient, client_record: Any) -> None:
    response = as_staff.post(
        f"/casework/calls/new/?client={client_record.pk}", {"channel": "phone"}
    )
    assert response.status_code == 302
    incident = Incident.objects.get()
    page = as_staff.get(response["Location"]).content.decode()
    assert "Warning given" in page and "Say:" in page
    for step in ["warn_and_explain", "staff_withdraws", "inform_call_termination"]:
        assert (
            as_staff.post(f"/casework/calls/{incident.pk}/step/", {"step": step}).status_code == 302
        )
    response = as_staff.post(
        f"/casework/calls/{incident.pk}/finish/",
        {"categories": ["abusive_language"], "what_happened": "Swearing.", "wants_support": "on"},
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.status == Incident.RECORDED and len(incident.call_steps) == 3
    page = as_staff.get(f"/casework/incidents/{incident.pk}/").content.decode()
    assert "Call timeline" in page and "behaviour continued, staff member withdrawing" in page
    assert AuditEvent.objects.filter(action="casework.call.step_recorded").count() == 3


def test_marker_shows_to_another_staff_member_on_the_client_page_and_list(
    incident: Incident, restriction: Restriction, other_staff: Any
) -> None:
    http = HttpClient()
    http.force_login(other_staff)
    page = http.get(f"/clients/{incident.client_id}/").content.decode()
    assert "Contact restriction in force" in page
    assert "do not take calls" in page
    assert "Conduct timeline" in page
    assert "Contact restriction in force" in http.get("/clients/").content.decode()


def test_deciding_in_the_browser_and_refusals(
    as_manager: HttpClient, incident: Incident, manager: Any
) -> None:
    url = f"/casework/cases/{incident.case_id}/decide/"
    data: dict[str, Any] = {
        "outcomes": ["contact_restriction"],
        "reasons": "",
        "clauses": ["threatening_communication"],
        "version": 1,
    }
    response = as_manager.post(url, data)
    assert response.status_code == 400 and "Write the reasons" in response.content.decode()
    data.update(
        reasons="Threats.",
        adjustments_note="None known",
        starts_on=timezone.localdate().isoformat(),
        review_on="",
    )
    data["channels_allowed"] = ["email"]
    response = as_manager.post(url, data)
    assert "needs a review date" in response.content.decode()
    data["review_on"] = (timezone.localdate() + timedelta(days=400)).isoformat()
    assert "at most 12 months" in as_manager.post(url, data).content.decode()
    data["review_on"] = (timezone.localdate() + timedelta(days=100)).isoformat()
    assert as_manager.post(url, data).status_code == 302
    assert Restriction.objects.count() == 1
    data["version"] = 1
    response = as_manager.post(url, data)  # a second manager with the same version
    assert response.status_code == 400 and "Another senior manager" in response.content.decode()
    assert as_manager.get(url).status_code == 302


def test_review_by_the_decider_is_refused_and_another_manager_confirms(
    as_manager: HttpClient, restriction: Restriction, other_manager: Any
) -> None:
    url = f"/casework/restrictions/{restriction.pk}/review/"
    data = {
        "outcome": "confirm",
        "reasons": "Still needed.",
        "review_on": (timezone.localdate() + timedelta(days=150)).isoformat(),
        "version": restriction.version,
    }
    response = as_manager.post(url, data)
    assert "did not make the decision" in response.content.decode()
    http = HttpClient()
    http.force_login(other_manager)
    assert http.get(f"/casework/restrictions/{restriction.pk}/").status_code == 200
    assert http.post(url, data).status_code == 302
    restriction.refresh_from_db()
    assert restriction.review_on == timezone.localdate() + timedelta(days=150)


def test_case_actions(
    as_manager: HttpClient, incident: Incident, client_record: Any, staff: Any, manager: Any
) -> None:
    case_url = f"/casework/cases/{incident.case_id}/"
    assert as_manager.post(case_url + "assign/", {"assignee": manager.pk}).status_code == 302
    assert (
        as_manager.post(case_url + "notes/", {"text": "Listened to the recording."}).status_code
        == 302
    )
    other = record_incident(details(client_record), actor=staff)
    assert as_manager.post(case_url + "link/", {"other_case": other.case_id}).status_code == 302
    assert (
        as_manager.post(
            case_url + "override/",
            {"ground": "threats_of_violence", "reason": "Threatened to come to the office."},
        ).status_code
        == 302
    )
    response = as_manager.post(
        case_url + "police/",
        {
            "referred_on": timezone.localdate().isoformat(),
            "force": "West Yorkshire Police",
            "crime_reference": "13/1",
        },
    )
    assert response.status_code == 302
    page = as_manager.get(case_url).content.decode()
    assert "Listened to the recording." in page and "West Yorkshire Police" in page
    assert "police referral is suggested" in page
    assert (
        as_manager.post(case_url + "police/", {"referred_on": "", "force": ""}).status_code == 400
    )


def test_staff_cannot_post_decisions(as_staff: HttpClient, incident: Incident) -> None:
    response = as_staff.post(
        f"/casework/cases/{incident.case_id}/decide/",
        {"outcomes": ["no_further_action"], "reasons": "x", "clauses": ["violence"], "version": 1},
    )
    assert response.status_code == 403


def test_support_done(as_manager: HttpClient, client_record: Any, staff: Any) -> None:
    incident = record_incident(
        details(client_record, wants_support=True, wellbeing_note="Shaken."), actor=staff
    )
    item = incident.support_items.get()
    assert "Shaken." in as_manager.get("/casework/support/").content.decode()
    assert (
        as_manager.post(f"/casework/support/{item.pk}/done/", {"note": "Spoke to them"}).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.done_at is not None


def test_evidence_download_is_limited_to_the_recorder_and_managers(
    incident: Incident,
    staff: Any,
    other_staff: Any,
    as_manager: HttpClient,
    as_outsider: HttpClient,
    tmp_path: Any,
    settings: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    item = add_evidence(io.BytesIO(b"%PDF-1.4 x"), "a.pdf", actor=staff, incident=incident)
    url = f"/casework/evidence/{item.pk}/"
    assert as_manager.get(url).status_code == 200
    assert as_outsider.get(url).status_code == 403
    http = HttpClient()
    http.force_login(other_staff)
    assert http.get(url).status_code == 404


def test_editing_and_linking_in_the_browser(
    as_staff: HttpClient, staff: Any, client_record: Any
) -> None:
    incident = record_incident(details(None, caller_number="0113 496 0000"), actor=staff)
    data = {
        "channel": "phone",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "categories": ["threatening_communication"],
        "what_happened": "Corrected account.",
        "caller_number": "0113 496 0000",
        "version": 1,
    }
    assert as_staff.post(f"/casework/incidents/{incident.pk}/edit/", data).status_code == 302
    assert (
        as_staff.post(f"/casework/incidents/{incident.pk}/edit/", data).status_code == 200
    )  # stale
    incident.refresh_from_db()
    assert incident.what_happened == "Corrected account." and incident.revisions.count() == 1
    assert (
        "Earlier versions" in as_staff.get(f"/casework/incidents/{incident.pk}/").content.decode()
    )
    assert (
        as_staff.post(
            f"/casework/incidents/{incident.pk}/link/", {"client": client_record.pk}
        ).status_code
        == 302
    )
    incident.refresh_from_db()
    assert incident.client == client_record


def test_admins_edit_the_live_call_scripts_but_do_not_record_or_decide(
    as_admin: HttpClient, incident: Incident
) -> None:
    script = Script.objects.get(key="warn_and_explain")
    url = f"/django-admin/casework/script/{script.pk}/change/"
    assert as_admin.get(url).status_code == 200
    response = as_admin.post(
        url,
        {
            "title": script.title,
            "text": "Please stop shouting; if it continues I will end the call.",
        },
    )
    assert response.status_code == 302
    script.refresh_from_db()
    assert script.text.startswith("Please stop shouting")
    assert as_admin.get("/casework/incidents/new/").status_code == 403
    assert as_admin.get(f"/casework/cases/{incident.case_id}/decide/").status_code == 403


def test_the_guide_shows_the_edited_script(as_staff: HttpClient, client_record: Any) -> None:
    Script.objects.filter(key="warn_and_explain").update(text="Edited words to say.")
    response = as_staff.post(
        f"/casework/calls/new/?client={client_record.pk}", {"channel": "phone"}
    )
    assert "Edited words to say." in as_staff.get(response["Location"]).content.decode()


def test_updating_a_police_referral(
    as_manager: HttpClient, as_staff: HttpClient, as_outsider: HttpClient, incident: Incident
) -> None:
    case = f"/casework/cases/{incident.case_id}/"
    today = timezone.localdate().isoformat()
    as_manager.post(case + "police/", {"referred_on": today, "force": "West Yorkshire Police"})
    referral = incident.client.police_referrals.get()  # type: ignore[union-attr]
    url = f"/casework/police-referrals/{referral.pk}/"
    data = {"officer": "PC 12", "crime_reference": "13/55/26", "outcome": "Caution given"}
    assert as_staff.post(url, data).status_code == 403
    assert as_outsider.post(url, data).status_code == 403
    assert as_manager.post(url, data).status_code == 302
    referral.refresh_from_db()
    assert referral.outcome == "Caution given"
    event = AuditEvent.objects.get(action="casework.police_referral.updated")
    assert event.payload["fields"] == "crime_reference, officer, outcome"


def test_an_overdue_case_says_so_in_words(as_manager: HttpClient, incident: Incident) -> None:
    assert "Overdue" not in as_manager.get("/casework/queue/").content.decode()
    Case.objects.filter(pk=incident.case_id).update(due_on=timezone.localdate() - timedelta(days=1))
    assert "Overdue" in as_manager.get("/casework/queue/").content.decode()
    assert "Overdue" in as_manager.get(f"/casework/cases/{incident.case_id}/").content.decode()
