"""Letters to a client (with the exact text sent) and police referral packs made
about them. Deleted at retention, before the decisions and cases they cite.

Imported only when the letters app is installed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Max, Q

from conduct.clients.models import Client
from conduct.core.personal_data import RecordType, Redacting, Section, as_day, plain
from conduct.letters.models import Letter, PolicePack


def _letters(client: Client) -> Any:
    return Letter.objects.filter(client=client)


def _packs(client: Client) -> Any:
    return PolicePack.objects.filter(Q(client=client) | Q(case__client=client))


def sections(client: Client, r: Redacting) -> list[Section]:
    records, files = [], []
    for letter in (
        _letters(client).select_related("generated_by", "sent_by").order_by("generated_at", "pk")
    ):
        name = f"letters/letter-{letter.pk}.html"
        records.append(
            {
                "id": letter.pk,
                "kind": letter.kind,
                "subject": letter.subject,
                "body": r.text(letter.body),
                "status": letter.status,
                "decision_id": letter.decision_id,
                "review_id": letter.review_id,
                "generated_by": r.person(letter.generated_by),
                "generated_at": plain(letter.generated_at),
                "sent_via": letter.sent_via,
                "sent_on": plain(letter.sent_on),
                "sent_to": letter.sent_to,
                "sent_by": r.person(letter.sent_by) if letter.sent_by_id else "",
                "file": name if letter.html else "",
            }
        )
        if letter.html:
            files.append((name, r.text(letter.html).encode()))
    packs = [
        {
            "id": p.pk,
            "case_id": p.case_id,
            "generated_by": r.person(p.generated_by),
            "generated_at": plain(p.generated_at),
            "zip_sha256": p.zip_sha256,
        }
        for p in _packs(client).select_related("generated_by")
    ]
    return [
        Section("letters.letters", "Letters", records, files),
        Section("letters.police_packs", "Police referral packs produced", packs),
    ]


def last_activity(client: Client) -> date | None:
    found = _letters(client).aggregate(a=Max("generated_at"), b=Max("sent_on"))
    return max((d for d in (as_day(found["a"]), found["b"]) if d is not None), default=None)


def count(client: Client) -> dict[str, int]:
    return {"letters": _letters(client).count(), "police packs": _packs(client).count()}


def erase(client: Client, actor: Any) -> dict[str, int]:
    counts = count(client)
    _letters(client).delete()
    PolicePack.objects.filter(pk__in=list(_packs(client).values_list("pk", flat=True))).delete()
    return counts


RECORD_TYPE = RecordType(
    key="letters",
    title="Letters sent or drafted, and police referral packs",
    sections=sections,
    last_activity=last_activity,
    count=count,
    erase=erase,
)
