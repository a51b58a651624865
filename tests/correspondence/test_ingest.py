"""Storing items: dedup, matching, screening on arrival, routing, attachments."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from conduct.audit.models import AuditEvent
from conduct.correspondence.attachments import name_for
from conduct.correspondence.models import Attachment, Communication, ScreeningResult, SenderLink
from conduct.correspondence.parsing.email import parse_email
from conduct.correspondence.parsing.items import Item, Rejected
from conduct.correspondence.services import link_sender, start_import, store_items
from conduct.screening.engine.api import default_screener

from .conftest import ABUSE, WHEN, mail

pytestmark = pytest.mark.django_db


def parsed(*raws: bytes) -> list[Item]:
    out = []
    for n, raw in enumerate(raws):
        item = parse_email(raw, f"test #{n}")
        assert isinstance(item, Item)
        out.append(item)
    return out


def test_stores_matches_and_screens_on_arrival(client_record: Any, staff: Any) -> None:
    result = store_items(parsed(mail(1), mail(2, body=ABUSE)), actor=staff)
    assert (result.added, result.duplicates, result.flagged) == (2, 0, 1)
    quiet, abusive = Communication.objects.order_by("pk")
    assert quiet.client == abusive.client == client_record
    assert quiet.review_state == "" and not quiet.do_not_reply
    assert abusive.review_state == "pending" and abusive.do_not_reply
    screening = ScreeningResult.objects.get(communication=abusive)
    assert screening.flagged and "violence" in screening.categories
    model = default_screener().model
    assert (screening.model_name, screening.model_version) == (model.name, model.version)
    assert screening.evidence and {"start", "end", "category", "why"} <= set(screening.evidence[0])
    event = AuditEvent.objects.get(action="correspondence.communications.stored")
    assert event.payload["added"] == 2
    assert "idiot" not in str(event.payload)


def test_rerun_and_duplicate_deliveries_add_nothing(client_record: Any, staff: Any) -> None:
    items = parsed(mail(1), mail(1), mail(2))
    first = store_items(items, actor=staff)
    assert (first.added, first.duplicates) == (2, 1)
    again = store_items(parsed(mail(1), mail(2)), actor=staff)
    assert (again.added, again.duplicates) == (0, 2)
    assert Communication.objects.count() == 2


def test_without_message_id_the_content_hash_dedups(staff: Any) -> None:
    call = Item(
        channel="phone",
        occurred_at=WHEN,
        ref="c",
        sender_kind="phone",
        sender="07700 900123",
        duration_seconds=60,
    )
    assert store_items([call], actor=staff).added == 1
    assert store_items([call], actor=staff).added == 0


def test_matching_by_phone_handle_reference_and_outbound_staff(
    client_record: Any, staff: Any
) -> None:
    staff.email = "staff1@example.org"
    staff.save()
    items = [
        Item(
            channel="phone",
            occurred_at=WHEN,
            ref="1",
            sender_kind="phone",
            sender="+44 7700 900123",
            duration_seconds=30,
            staff_hint="staff1",
        ),
        Item(
            channel="social_media",
            occurred_at=WHEN,
            ref="2",
            sender_kind="social",
            sender="Jane_E",
            body="hi",
        ),
        Item(
            channel="letter",
            occurred_at=WHEN,
            ref="3",
            body="ref CL-000900",
            client_reference="CL-000900",
        ),
        *parsed(
            mail(9, sender="staff1@example.org").replace(
                b"To: enquiries@example.org", b"To: jane@example.com"
            )
        ),
    ]
    store_items(items, actor=staff)
    rows = list(Communication.objects.order_by("pk"))
    assert all(r.client == client_record for r in rows)
    assert rows[0].staff == staff and rows[0].sender_key == "+447700900123"
    assert rows[3].direction == "out" and rows[3].staff == staff


def test_unmatched_then_linked_sender_is_remembered(client_record: Any, staff: Any) -> None:
    store_items(
        parsed(mail(1, sender="Stranger@Elsewhere.org"), mail(2, sender="stranger@elsewhere.org")),
        actor=staff,
    )
    first = Communication.objects.order_by("pk").first()
    assert first is not None and first.client is None
    assert link_sender(first, client_record, actor=staff) == 2
    assert SenderLink.objects.get().key == "stranger@elsewhere.org"
    store_items(parsed(mail(3, sender="stranger@elsewhere.org")), actor=staff)
    assert Communication.objects.filter(client=client_record).count() == 3
    assert AuditEvent.objects.filter(action="correspondence.sender.linked").count() == 1


def test_attachments_content_addressed_size_limited_type_checked(
    staff: Any, media: Path, settings: Any
) -> None:
    settings.CORRESPONDENCE_MAX_ATTACHMENT_BYTES = 2048

    def with_attachments(n: int) -> bytes:
        msg = EmailMessage()
        msg["From"] = "a@example.com"
        msg["Message-ID"] = f"<att-{n}@x>"
        msg.set_content("see attached")
        msg.add_attachment(
            b"%PDF-1.4 same file", maintype="application", subtype="pdf", filename="a.pdf"
        )
        msg.add_attachment(
            b"MZ\x90\x00 exe", maintype="application", subtype="octet-stream", filename="x.exe"
        )
        msg.add_attachment(
            b"%PDF-" + b"x" * 4000, maintype="application", subtype="pdf", filename="big.pdf"
        )
        return msg.as_bytes()

    result = store_items(parsed(with_attachments(1), with_attachments(2)), actor=staff)
    assert result.added == 2
    stored = Attachment.objects.all()
    assert stored.count() == 2 and len({a.sha256 for a in stored}) == 1
    assert (media / name_for(stored[0].sha256)).exists()
    reasons = " ".join(p["reason"] for p in result.problems)
    assert "not an accepted type" in reasons and "over the limit" in reasons


def test_rejections_are_counted_and_recorded_without_text(staff: Any) -> None:
    run = start_import("test", actor=staff)
    result = store_items([], [Rejected("box #3", "truncated")], actor=staff, run=run)
    run.refresh_from_db()
    assert result.rejected == run.rejected == 1
    assert run.problems == [{"item": "box #3", "reason": "truncated"}]


def test_messages_from_a_restricted_client_go_to_the_single_point_of_contact(
    client_record: Any, staff: Any, manager: Any
) -> None:
    from conduct.casework.models import Case, Decision, Restriction
    from conduct.policy.services import ensure_policy_loaded

    version = ensure_policy_loaded()
    now = datetime.now(UTC)
    case = Case.objects.create(client=client_record, opened_at=now, due_on=now.date())
    decision = Decision.objects.create(
        case=case,
        client=client_record,
        outcomes=["contact_restriction"],
        reasons="r",
        clauses=[],
        decided_by=manager,
        decided_at=now,
        policy_version=version,
    )
    Restriction.objects.create(
        client=client_record,
        decision=decision,
        starts_on=now.date() - timedelta(days=1),
        review_on=now.date() + timedelta(days=90),
        single_contact=manager,
    )
    store_items(parsed(mail(1)), actor=staff)
    comm = Communication.objects.get()
    assert comm.routed_to == manager
    from conduct.notifications.models import Notification

    notice = Notification.objects.get(user=manager)
    assert notice.url == f"/correspondence/{comm.pk}/" and "single point of contact" in notice.text
