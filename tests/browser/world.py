"""One record of every kind, built through the apps' own services.

Used by the accessibility scan (tests/browser/test_pages.py), the XSS and
access tests, so every main page and every object URL is reached with a real
id. Services set up preconditions only; the steps under test go through the
browser.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import import_module
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.utils import timezone

from conduct.accounts.services import create_api_token
from conduct.casework.models import Decision, Evidence, SupportFollowUp
from conduct.casework.services import (
    DecisionInput,
    RestrictionInput,
    record_decision,
    record_incident,
    start_call,
)
from conduct.clients.models import Client
from conduct.clients.services import ClientDetails, create_client
from conduct.correspondence import synthetic
from conduct.correspondence.models import Communication, ImportRun
from conduct.letters.services import generate_letter
from conduct.notifications.models import Notification
from conduct.privacy.holds import set_legal_hold
from tests.casework.conftest import details
from tests.privacy.conftest import build_history

ABUSE = "You are a useless idiot and I will come to your office and hurt you."
WELLBEING = "Shaken after the front-desk incident; would like a word."
WHEN = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)


def email(
    n: int,
    *,
    sender: str,
    body: str = "Please can you tell me when the repair will be done?",
    subject: str = "Repair",
) -> bytes:
    return synthetic.email_bytes(
        sender=sender,
        to="enquiries@example.org",
        when=WHEN + timedelta(minutes=n),
        subject=subject,
        body=body,
        message_id=f"browser-{n}@example.com",
    )


def ingest(folder: Path, *messages: bytes) -> None:
    """Through `conduct ingest`, as the mailbox import does it."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, message in enumerate(messages):
        path = folder / f"message-{n}.eml"
        path.write_bytes(message)
        paths.append(str(path))
    call_command("ingest", *paths, stdout=io.StringIO())


def ensure_letter_templates() -> None:
    """The default templates come from a data migration, which a transactional
    test's flush removes: put them back as the migration does."""
    from django.apps import apps

    add_templates = import_module(
        "conduct.letters.migrations.0002_default_letter_templates"
    ).add_templates
    add_templates(apps, None)


@dataclass
class World:
    ids: dict[str, int | str]
    texts: list[str] = field(default_factory=list)


def decide_restriction(client: Client, staff: Any, manager: Any, **terms: Any) -> Decision:
    """A recorded incident and a restriction decided on it (writing only by default)."""
    incident = record_incident(details(client), actor=staff)
    case = incident.case
    assert case is not None
    case.refresh_from_db()
    today = timezone.localdate()
    return record_decision(
        case,
        DecisionInput(
            outcomes=["contact_restriction"],
            reasons="Threats continued on the phone after the warning was given.",
            clauses=["threatening_communication"],
            adjustments_note="No known disability; writing offered as an adjustment.",
            restriction=RestrictionInput(
                starts_on=today,
                review_on=today + timedelta(days=90),
                channels_allowed=["email", "letter"],
                **terms,
            ),
        ),
        actor=manager,
        expected_version=case.version,
    )


def build_world(*, staff: Any, manager: Any, other_manager: Any, admin: Any, folder: Path) -> World:
    ensure_letter_templates()
    priya = create_client(
        ClientDetails(
            name="Priya Shah",
            reference="CL-000101",
            emails=["priya.shah@example.org"],
            phones=["0113 496 0000", "+44 7700 900456"],
            social_handles=["@priya_s"],
            postal_address="12 Park Row\nLeeds\nLS1 5HD",
            notes="Prefers email. Uses a screen reader.",
        ),
        actor=staff,
    )
    others = [
        create_client(ClientDetails(name=name), actor=staff)
        for name in ("Northgate Housing Association", "Tom Okafor", "Ewa Nowak")
    ]
    # An open case, not yet decided, for the decision form.
    open_incident = record_incident(details(others[1]), actor=staff)
    # Incident (with a wellbeing note and support asked for), case, note,
    # evidence, restriction decision, review by another manager, police referral.
    history = build_history(priya, staff, manager, other_manager)
    # Seen only by the recorder and senior managers.
    wellbeing = record_incident(
        details(
            priya,
            what_happened="Caller swore at the front desk.",
            wellbeing_note=WELLBEING,
            felt_unsafe=True,
            wants_support=True,
        ),
        actor=staff,
    )
    decision = Decision.objects.get(case=history.case)
    letter = generate_letter("restriction", actor=manager, decision=decision)
    live = start_call(client=priya, channel="phone", actor=staff)
    hold = set_legal_hold(priya, "Ombudsman complaint 2026/17 pending.", actor=admin)
    ingest(
        folder,
        email(1, sender="priya.shah@example.org"),
        email(2, sender="priya.shah@example.org", body=ABUSE, subject="Warning"),
        email(3, sender="stranger@elsewhere.org", subject="Who do I ask?"),
    )
    create_api_token(staff, "browser token", actor=staff)
    flagged = Communication.objects.get(review_state=Communication.PENDING)
    unmatched = Communication.objects.get(client__isnull=True)
    return World(
        ids={
            "client": priya.pk,
            "incident": history.incident.pk,
            "live_incident": live.pk,
            "wellbeing_incident": wellbeing.pk,
            "case": history.case.pk,
            "open_case": open_incident.case_id,  # type: ignore[dict-item]
            "decision": decision.pk,
            "restriction": history.restriction.pk,
            "review": history.restriction.reviews.get().pk,
            "letter": letter.pk,
            "evidence": Evidence.objects.get().pk,
            "police_referral": history.case.police_referrals.get().pk,
            "support": SupportFollowUp.objects.filter(incident=wellbeing).get().pk,
            "notification": Notification.objects.first().pk,  # type: ignore[union-attr]
            "hold": hold.pk,
            "communication": flagged.pk,
            "unmatched": unmatched.pk,
            "import_run": ImportRun.objects.first().pk,  # type: ignore[union-attr]
            "letter_kind": "restriction",
            "staff_user": staff.pk,
        },
        texts=[
            WELLBEING,
            "Spoke to staff1 about the call.",  # the case note
            "Threats continued after the warning on the call.",
            "PC Olivia Officer",
            "Ombudsman complaint 2026/17",
        ],
    )
