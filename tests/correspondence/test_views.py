"""Pages: staff, a senior manager, an admin and an outsider, for every view."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from conduct.audit.models import AuditEvent
from conduct.casework.models import Incident
from conduct.correspondence.models import Communication, ScreeningFeedback
from conduct.correspondence.parsing.email import parse_email
from conduct.correspondence.parsing.items import Item
from conduct.correspondence.services import store_items

from .conftest import ABUSE, mail, write_mbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def flagged(client_record: Any, staff: Any) -> Communication:
    items = [parse_email(mail(1), "a"), parse_email(mail(2, body=ABUSE, subject="Warning"), "b")]
    store_items([i for i in items if isinstance(i, Item)], actor=staff)
    return Communication.objects.get(review_state="pending")


def test_review_queue_shows_redacted_evidence_without_the_words(
    as_staff: HttpClient, flagged: Communication
) -> None:
    page = as_staff.get(reverse("correspondence:review"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Do not reply" in html
    assert 'class="evidence"' in html and "violence" in html
    assert "idiot" not in html and "hurt you" not in html


def test_detail_is_redacted_and_full_text_only_by_choice_audited(
    as_staff: HttpClient, flagged: Communication
) -> None:
    page = as_staff.get(reverse("correspondence:detail", args=[flagged.pk]))
    assert page.status_code == 200
    assert "idiot" not in page.content.decode()
    assert AuditEvent.objects.filter(action="correspondence.communication.viewed").count() == 1
    assert as_staff.get(reverse("correspondence:full_text", args=[flagged.pk])).status_code == 405
    full = as_staff.post(reverse("correspondence:full_text", args=[flagged.pk]))
    assert full.status_code == 200 and "idiot" in full.content.decode()
    assert (
        AuditEvent.objects.filter(action="correspondence.communication.full_text_opened").count()
        == 1
    )


def test_refer_creates_a_prefilled_incident(
    as_staff: HttpClient, flagged: Communication, staff: Any
) -> None:
    response = as_staff.post(reverse("correspondence:refer", args=[flagged.pk]))
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert flagged.review_state == "referred" and flagged.do_not_reply
    incident = Incident.objects.get(pk=flagged.incident_id)
    assert incident.channel == "email" and incident.client == flagged.client
    assert "violence" in incident.categories
    assert incident.occurred_at == flagged.occurred_at
    assert "hurt you" in incident.verbatim_words
    assert set(incident.staff_actions) == {"no_reply", "refer_to_smt"}
    assert incident.case_id is not None
    again = as_staff.post(reverse("correspondence:refer", args=[flagged.pk]), follow=True)
    assert "not awaiting review" in again.content.decode()
    assert Incident.objects.count() == 1


def test_dismiss_keeps_feedback_for_retraining(
    as_manager: HttpClient, flagged: Communication
) -> None:
    assert as_manager.post(reverse("correspondence:dismiss", args=[flagged.pk])).status_code == 302
    flagged.refresh_from_db()
    assert flagged.review_state == "dismissed" and not flagged.do_not_reply
    feedback = ScreeningFeedback.objects.get()
    assert feedback.label == "not_abusive" and feedback.model_version


def test_unmatched_queue_and_link(as_staff: HttpClient, client_record: Any, staff: Any) -> None:
    item = parse_email(mail(5, sender="who@nowhere.org"), "x")
    assert isinstance(item, Item)
    store_items([item], actor=staff)
    comm = Communication.objects.get()
    page = as_staff.get(reverse("correspondence:unmatched"))
    assert "who@nowhere.org" in page.content.decode()
    bad = as_staff.post(reverse("correspondence:link", args=[comm.pk]), {"reference": "CL-404"})
    assert bad.status_code == 200 and "no client with reference" in bad.content.decode()
    ok = as_staff.post(reverse("correspondence:link", args=[comm.pk]), {"reference": "cl-000900"})
    assert ok.status_code == 302
    comm.refresh_from_db()
    assert comm.client == client_record


def test_client_pages(as_staff: HttpClient, as_manager: HttpClient, flagged: Communication) -> None:
    client_pk = flagged.client_id
    page = as_staff.get(reverse("correspondence:client", args=[client_pk]))
    assert page.status_code == 200 and "Do not reply" in page.content.decode()
    assert (
        "Demand profile"
        not in as_staff.get(reverse("clients:detail", args=[client_pk])).content.decode()
    )
    assert (
        "Demand profile"
        in as_manager.get(reverse("clients:detail", args=[client_pk])).content.decode()
    )


def test_admin_upload_page_imports_and_reports_problems(
    as_admin: HttpClient, client_record: Any, tmp_path: Any
) -> None:
    box = write_mbox(tmp_path / "u.mbox", [mail(1), mail(2)])
    box.write_bytes(box.read_bytes() + b"From x\nFrom: a@b.c\nMessage-ID: <cut@x>\n\npartial")
    with box.open("rb") as handle:
        response = as_admin.post(reverse("correspondence:imports"), {"upload": handle}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 added" in html and "truncated" in html
    assert as_admin.post(reverse("correspondence:imports"), {}).status_code == 200
    assert as_admin.get(reverse("correspondence:review")).status_code == 403


@pytest.mark.parametrize(
    "name,args",
    [
        ("correspondence:review", []),
        ("correspondence:unmatched", []),
        ("correspondence:detail", ["comm"]),
        ("correspondence:link", ["comm"]),
        ("correspondence:client", ["client"]),
        ("correspondence:demand", ["client"]),
        ("correspondence:outliers", []),
        ("correspondence:imports", []),
        ("correspondence:import", ["run"]),
    ],
)
def test_access_for_each_role(
    name: str,
    args: list[str],
    flagged: Communication,
    as_staff: HttpClient,
    as_manager: HttpClient,
    as_admin: HttpClient,
    as_outsider: HttpClient,
) -> None:
    from conduct.correspondence.services import start_import

    values = {
        "comm": flagged.pk,
        "client": flagged.client_id,
        "run": start_import("x", actor=None).pk,
    }
    url = reverse(name, args=[values[a] for a in args])
    expected = {
        "correspondence:demand": (403, 200, 403),
        "correspondence:outliers": (403, 200, 403),
        "correspondence:imports": (403, 403, 200),
        "correspondence:import": (403, 403, 200),
    }.get(name, (200, 200, 403))
    got = tuple(c.get(url).status_code for c in (as_staff, as_manager, as_admin))
    assert got == expected
    assert as_outsider.get(url).status_code in (403, 404)
    assert HttpClient().get(url).status_code == 302


@pytest.mark.parametrize("name", ["refer", "dismiss", "full_text"])
def test_outsider_and_admin_cannot_act(
    name: str, flagged: Communication, as_outsider: HttpClient, as_admin: HttpClient
) -> None:
    url = reverse(f"correspondence:{name}", args=[flagged.pk])
    assert as_outsider.post(url).status_code == 403
    assert as_admin.post(url).status_code == 403
    flagged.refresh_from_db()
    assert flagged.review_state == "pending"


def test_unknown_ids_are_404(as_staff: HttpClient) -> None:
    assert as_staff.get(reverse("correspondence:detail", args=[999999])).status_code == 404


def test_feedback_becomes_training_examples(
    as_staff: HttpClient, client_record: Any, staff: Any
) -> None:
    from conduct.correspondence.feedback import training_examples

    items = [parse_email(mail(n, body=ABUSE, subject=f"S{n}"), "x") for n in (1, 2)]
    store_items([i for i in items if isinstance(i, Item)], actor=staff)
    first, second = Communication.objects.order_by("pk")
    as_staff.post(reverse("correspondence:refer", args=[first.pk]))
    as_staff.post(reverse("correspondence:dismiss", args=[second.pk]))
    examples = sorted(training_examples(), key=lambda e: e.text)
    assert [(e.text.split()[0], e.abusive) for e in examples] == [("S1", True), ("S2", False)]
    assert "idiot" in examples[0].text
