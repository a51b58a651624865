"""Casework about a client: incidents (with revisions and evidence), cases, warnings,
decisions, restrictions, reviews and police referrals. Deleted at retention.

Staff wellbeing (notes, support follow-ups) is the staff member's personal data,
not the client's, so it is never part of a subject access export.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Max, Q

from conduct.casework.models import (
    Case,
    ClientWarning,
    Decision,
    Evidence,
    Incident,
    PoliceReferral,
    Restriction,
    Review,
    SupportFollowUp,
)
from conduct.casework.services.evidence import path_for
from conduct.clients.models import Client
from conduct.core.personal_data import RecordType, Redacting, Section, as_day, latest, plain

STAFF_ONLY = ("wellbeing_note", "felt_unsafe", "wants_support")
THIRD_PARTY_FIELDS = ("witnesses",)


def _cases(client: Client) -> Any:
    return Case.objects.filter(client=client)


def _incidents(client: Client) -> Any:
    return Incident.objects.filter(Q(client=client) | Q(case__client=client)).distinct()


def _evidence(client: Client) -> Any:
    return Evidence.objects.filter(Q(incident__in=_incidents(client)) | Q(case__in=_cases(client)))


def _snapshot(snapshot: Any, redactor: Redacting) -> Any:
    if not isinstance(snapshot, dict):
        return snapshot
    kept = {k: v for k, v in snapshot.items() if k not in STAFF_ONLY}
    for key in THIRD_PARTY_FIELDS:
        if isinstance(kept.get(key), str):
            kept[key] = redactor.third_party(kept[key])
    for key, value in kept.items():
        if isinstance(value, str) and key not in THIRD_PARTY_FIELDS:
            kept[key] = redactor.text(value)
    return kept


def _incident(i: Incident, r: Redacting) -> dict[str, Any]:
    return {
        "id": i.pk,
        "occurred_at": plain(i.occurred_at),
        "channel": i.channel,
        "categories": i.categories,
        "what_happened": r.text(i.what_happened),
        "verbatim_words": i.verbatim_words,
        "staff_actions": i.staff_actions,
        "warning_given": i.warning_given,
        "client_response": r.text(i.client_response),
        "witnesses": r.third_party(i.witnesses),
        "caller_number": i.caller_number,
        "caller_address": i.caller_address,
        "call_steps": i.call_steps,
        "recorded_by": r.person(i.recorded_by),
        "recorded_at": plain(i.recorded_at),
        "case_id": i.case_id,
        "revisions": [
            {
                "number": v.number,
                "changed_by": r.person(v.changed_by),
                "changed_at": plain(v.changed_at),
                "reason": r.text(v.reason),
                "before": _snapshot(v.snapshot, r),
            }
            for v in i.revisions.select_related("changed_by").order_by("number")
        ],
    }


def _evidence_section(client: Client, r: Redacting) -> Section:
    records, files = [], []
    for e in _evidence(client).select_related("uploaded_by"):
        name = f"evidence/{e.sha256[:12]}-{_safe(e.original_name)}"
        records.append(
            {
                "id": e.pk,
                "name": e.original_name,
                "sha256": e.sha256,
                "size": e.size,
                "content_type": e.content_type,
                "incident_id": e.incident_id,
                "case_id": e.case_id,
                "uploaded_by": r.person(e.uploaded_by),
                "uploaded_at": plain(e.uploaded_at),
                "file": name,
            }
        )
        if path_for(e.sha256).exists():
            files.append((name, path_for(e.sha256)))
    return Section("casework.evidence", "Evidence files", records, files)


def _safe(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)
    return cleaned.strip("._")[:80] or "file"


def sections(client: Client, r: Redacting) -> list[Section]:
    incidents = [
        _incident(i, r)
        for i in _incidents(client).select_related("recorded_by").order_by("occurred_at", "pk")
    ]
    cases = [
        {
            "id": c.pk,
            "status": c.status,
            "opened_at": plain(c.opened_at),
            "due_on": plain(c.due_on),
            "assigned_to": r.person(c.assigned_to) if c.assigned_to else "",
            "override_ground": c.override_ground,
            "override_reason": r.text(c.override_reason),
            "notes": [
                {"by": r.person(n.author), "at": plain(n.created_at), "text": r.text(n.text)}
                for n in c.notes.select_related("author")
            ],
        }
        for c in _cases(client).select_related("assigned_to")
    ]
    warnings = [
        {
            "id": w.pk,
            "kind": w.kind,
            "given_on": plain(w.given_on),
            "active_until": plain(w.active_until),
            "about": r.text(w.about),
            "given_by": r.person(w.given_by),
            "incident_id": w.incident_id,
        }
        for w in ClientWarning.objects.filter(client=client).select_related("given_by")
    ]
    decisions = [
        {
            "id": d.pk,
            "case_id": d.case_id,
            "outcomes": d.outcomes,
            "reasons": r.text(d.reasons),
            "clauses": d.clauses,
            "adjustments_note": r.text(d.adjustments_note),
            "decided_by": r.person(d.decided_by),
            "decided_at": plain(d.decided_at),
        }
        for d in Decision.objects.filter(client=client).select_related("decided_by")
    ]
    restrictions = [
        {
            "id": x.pk,
            "decision_id": x.decision_id,
            "starts_on": plain(x.starts_on),
            "review_on": plain(x.review_on),
            "status": x.status,
            "ended_on": plain(x.ended_on),
            "single_contact": r.person(x.single_contact) if x.single_contact else "",
            "channels_allowed": x.channels_allowed,
            "set_times": x.set_times,
            "max_call_minutes": x.max_call_minutes,
            "no_visits": x.no_visits,
            "representative_only": x.representative_only,
            "representative_name": r.third_party(x.representative_name),
        }
        for x in Restriction.objects.filter(client=client).select_related("single_contact")
    ]
    reviews = [
        {
            "id": v.pk,
            "decision_id": v.decision_id,
            "subject": v.subject,
            "restriction_id": v.restriction_id,
            "requested_by_client": v.requested_by_client,
            "reviewer": r.person(v.reviewer),
            "outcome": v.outcome,
            "reasons": r.text(v.reasons),
            "next_review_on": plain(v.next_review_on),
            "reviewed_at": plain(v.reviewed_at),
        }
        for v in Review.objects.filter(decision__client=client).select_related("reviewer")
    ]
    referrals = [
        {
            "id": p.pk,
            "case_id": p.case_id,
            "referred_on": plain(p.referred_on),
            "force": p.force,
            "officer": r.third_party(p.officer),
            "crime_reference": p.crime_reference,
            "outcome": r.text(p.outcome),
            "recorded_by": r.person(p.recorded_by),
        }
        for p in PoliceReferral.objects.filter(client=client).select_related("recorded_by")
    ]
    return [
        Section("casework.incidents", "Incidents (with earlier versions)", incidents),
        _evidence_section(client, r),
        Section("casework.cases", "Cases", cases),
        Section("casework.warnings", "Warnings", warnings),
        Section("casework.decisions", "Decisions", decisions),
        Section("casework.restrictions", "Contact restrictions", restrictions),
        Section("casework.reviews", "Reviews", reviews),
        Section("casework.police_referrals", "Police referrals", referrals),
    ]


def last_activity(client: Client) -> date | None:
    """The latest casework date; an open case or a restriction in force counts as today or later."""
    from django.utils import timezone

    today = timezone.localdate()
    open_case = today if _cases(client).filter(status=Case.OPEN).exists() else None
    incidents = _incidents(client).aggregate(a=Max("occurred_at"), b=Max("recorded_at"))
    restrictions = Restriction.objects.filter(client=client).aggregate(
        a=Max("review_on"), b=Max("ended_on")
    )
    return latest(
        open_case,
        as_day(incidents["a"]),
        as_day(incidents["b"]),
        as_day(Decision.objects.filter(client=client).aggregate(a=Max("decided_at"))["a"]),
        ClientWarning.objects.filter(client=client).aggregate(a=Max("active_until"))["a"],
        restrictions["a"],
        restrictions["b"],
        as_day(Review.objects.filter(decision__client=client).aggregate(a=Max("reviewed_at"))["a"]),
        PoliceReferral.objects.filter(client=client).aggregate(a=Max("referred_on"))["a"],
    )


def count(client: Client) -> dict[str, int]:
    return {
        "incidents": _incidents(client).count(),
        "evidence files": _evidence(client).count(),
        "cases": _cases(client).count(),
        "warnings": ClientWarning.objects.filter(client=client).count(),
        "decisions": Decision.objects.filter(client=client).count(),
        "restrictions": Restriction.objects.filter(client=client).count(),
        "police referrals": PoliceReferral.objects.filter(client=client).count(),
    }


def erase(client: Client, actor: Any) -> dict[str, int]:
    """Delete the client's casework, children before parents (the models protect links)."""
    counts = count(client)
    incidents = list(_incidents(client).values_list("pk", flat=True))
    cases = list(_cases(client).values_list("pk", flat=True))
    evidence = list(_evidence(client).values_list("pk", "sha256"))
    SupportFollowUp.objects.filter(incident__in=incidents).delete()
    Review.objects.filter(Q(decision__client=client) | Q(decision__case__in=cases)).delete()
    ClientWarning.objects.filter(Q(client=client) | Q(incident__in=incidents)).delete()
    Restriction.objects.filter(client=client).delete()
    PoliceReferral.objects.filter(Q(client=client) | Q(case__in=cases)).delete()
    Evidence.objects.filter(pk__in=[pk for pk, _ in evidence]).delete()
    Decision.objects.filter(Q(client=client) | Q(case__in=cases)).delete()
    Incident.objects.filter(pk__in=incidents).delete()
    Case.objects.filter(pk__in=cases).update(merged_into=None)
    Case.objects.filter(merged_into__in=cases).update(merged_into=None)
    Case.objects.filter(pk__in=cases).delete()
    _remove_unreferenced_files({sha for _, sha in evidence})
    return counts


def _remove_unreferenced_files(hashes: set[str]) -> None:
    """Evidence is stored by content: a file goes only when no other record uses it."""
    from django.db import transaction

    def remove() -> None:
        still_used = set(
            Evidence.objects.filter(sha256__in=hashes).values_list("sha256", flat=True)
        )
        for sha in hashes - still_used:
            path_for(sha).unlink(missing_ok=True)

    transaction.on_commit(remove)


RECORD_TYPE = RecordType(
    key="casework",
    title="Casework: incidents, evidence, cases, warnings, decisions, restrictions, reviews, police referrals",
    sections=sections,
    last_activity=last_activity,
    count=count,
    erase=erase,
)
