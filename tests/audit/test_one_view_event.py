"""Every read of a client's records writes exactly one view event, naming its door.

Every URL pattern and every API route is listed here: as a read that is audited
(``PAGE_READS``, ``API_READS``), or in a list of routes that are not (with why).
API routes other than GET are changes, audited by their service functions. A new
route fails ``test_every_route_is_listed`` until someone decides which it is.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client as HttpClient
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conduct.api.api import api
from conduct.audit.models import AuditEvent
from conduct.audit.reads import Door
from conduct.casework.models import Case, Decision, Evidence, Incident, Restriction
from conduct.casework.services import add_evidence
from conduct.correspondence.models import Communication
from conduct.demo.seed import seed_demo
from conduct.letters import rules as letter_rules
from conduct.letters.models import Letter
from conduct.letters.services import LetterRefused, generate_letter
from conduct.privacy.exports import make_export, request_subject_access_export
from conduct.requests import rules as request_rules
from conduct.requests import wording as request_wording
from conduct.requests.models import ClientRequest

MANAGER, ADMIN = "maria.manager", "ada.admin"


@dataclass(frozen=True)
class Read:
    """A route that reads a client's records: the one event it writes, and who may use it."""

    action: str
    door: Door
    user: str
    args: Callable[[dict[str, Any]], dict[str, Any]] = lambda ctx: {}
    query: dict[str, str] = field(default_factory=dict)


def _pk(key: str, name: str = "pk") -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda ctx: {name: ctx[key].pk}


PAGE_READS: dict[str, Read] = {
    "clients:detail": Read("clients.client.viewed", Door.PAGE, MANAGER, _pk("client")),
    "clients:edit": Read("clients.client.viewed", Door.PAGE, MANAGER, _pk("client")),
    "privacy:client": Read("clients.client.viewed", Door.PAGE, ADMIN, _pk("client")),
    "casework:incident": Read("casework.incident.viewed", Door.PAGE, MANAGER, _pk("incident")),
    "casework:incident_edit": Read("casework.incident.viewed", Door.PAGE, MANAGER, _pk("incident")),
    "casework:evidence": Read(
        "casework.evidence.downloaded", Door.EXPORT, MANAGER, _pk("evidence")
    ),
    "casework:case": Read("casework.case.viewed", Door.PAGE, MANAGER, _pk("case")),
    "casework:decision_reviews": Read(
        "casework.decision.viewed", Door.PAGE, MANAGER, _pk("decision")
    ),
    "letters:case": Read("casework.case.viewed", Door.PAGE, MANAGER, _pk("case")),
    "casework:restriction": Read(
        "casework.restriction.viewed", Door.PAGE, MANAGER, _pk("restriction")
    ),
    "casework:restriction_review": Read(
        "casework.restriction.viewed", Door.PAGE, MANAGER, _pk("restriction")
    ),
    "letters:letter": Read("letters.letter.viewed", Door.PAGE, MANAGER, _pk("letter")),
    "letters:letter_html": Read("letters.letter.viewed", Door.EXPORT, MANAGER, _pk("letter")),
    "letters:letter_pdf": Read("letters.letter.viewed", Door.EXPORT, MANAGER, _pk("letter")),
    "correspondence:detail": Read(
        "correspondence.communication.viewed", Door.PAGE, MANAGER, _pk("communication")
    ),
    "correspondence:link": Read(
        "correspondence.communication.viewed", Door.PAGE, MANAGER, _pk("unmatched")
    ),
    "correspondence:client": Read(
        "correspondence.communications.listed", Door.PAGE, MANAGER, _pk("client", "client_pk")
    ),
    "correspondence:demand": Read(
        "correspondence.demand.viewed", Door.PAGE, MANAGER, _pk("client", "client_pk")
    ),
    "requests:detail": Read("requests.request.viewed", Door.PAGE, ADMIN, _pk("request")),
    "requests:letter": Read(
        "requests.letter.downloaded",
        Door.EXPORT,
        ADMIN,
        lambda ctx: {"pk": ctx["request"].pk, "letter": request_wording.ACKNOWLEDGEMENT},
    ),
    "privacy:export_download": Read(
        "privacy.subject_access.downloaded", Door.EXPORT, ADMIN, _pk("export")
    ),
    "privacy:retention": Read("privacy.retention.previewed", Door.PAGE, ADMIN),
    "audit:list": Read("audit.log.viewed", Door.PAGE, ADMIN),
    "reports:dashboard": Read("reports.dashboard.viewed", Door.PAGE, MANAGER),
    "reports:export_csv": Read("reports.exported", Door.EXPORT, MANAGER),
    "reports:export_xlsx": Read("reports.exported", Door.EXPORT, MANAGER),
    "reports:monthly": Read("reports.exported", Door.EXPORT, MANAGER, query={"month": "2026-01"}),
}

LIST = "a list or queue: one line per record, each opening a page above that records the read"
CHANGE = "a change (POST): its service function writes the change's one audit event"
FORM = (
    "a change form: it fetches with a ..._for_change helper; the change it makes writes "
    "its own event"
)
NOT_CLIENT = "holds no client's records"

PAGES_NOT_AUDITED: dict[str, str] = {
    "home": NOT_CLIENT,
    "health": NOT_CLIENT,
    "accounts:login": NOT_CLIENT,
    "accounts:logout": NOT_CLIENT,
    "accounts:sso_start": NOT_CLIENT,
    "accounts:sso_callback": NOT_CLIENT,
    "accounts:users": NOT_CLIENT,
    "accounts:user_roles": NOT_CLIENT,
    "accounts:tokens": NOT_CLIENT,
    "accounts:revoke_token": CHANGE,
    "clients:list": LIST,
    "clients:create": FORM,
    "casework:incidents": LIST,
    "casework:incident_create": FORM,
    "casework:incident_link": CHANGE,
    "casework:incident_evidence": CHANGE,
    "casework:call_start": FORM,
    "casework:call": (
        "the live-call guide, used by the person taking the call while it is in progress; "
        "the finished record's page records each read"
    ),
    "casework:call_step": CHANGE,
    "casework:call_finish": CHANGE,
    "casework:queue": LIST,
    "casework:case_assign": CHANGE,
    "casework:case_note": CHANGE,
    "casework:case_link": CHANGE,
    "casework:case_override": CHANGE,
    "casework:case_evidence": CHANGE,
    "casework:case_police": CHANGE,
    "casework:case_decide": CHANGE,
    "casework:police_referral_update": CHANGE,
    "casework:reviews": LIST,
    "casework:support": LIST,
    "casework:support_done": CHANGE,
    "casework:notifications": LIST,
    "letters:templates": NOT_CLIENT,
    "letters:template_edit": NOT_CLIENT,
    "letters:police_pack": CHANGE,
    "letters:generate": CHANGE,
    "letters:generate_review": CHANGE,
    "letters:letter_edit": CHANGE,
    "letters:letter_send": CHANGE,
    "policy:current": NOT_CLIENT,
    "policy:edit": NOT_CLIENT,
    "privacy:subject_access": CHANGE,
    "privacy:hold_set": CHANGE,
    "privacy:export": "the progress page of an export: its state, not its contents",
    "privacy:export_status": "the progress the export page polls: no personal data",
    "privacy:hold_lift": CHANGE,
    "requests:queue": LIST,
    "requests:new": FORM,
    "requests:extend": CHANGE,
    "requests:close": CHANGE,
    "requests:export": CHANGE,
    "correspondence:review": LIST,
    "correspondence:full_text": CHANGE + " (correspondence.communication.full_text_opened)",
    "correspondence:refer": CHANGE,
    "correspondence:dismiss": CHANGE,
    "correspondence:unmatched": LIST,
    "correspondence:demand_case": CHANGE,
    "correspondence:outliers": LIST,
    "correspondence:imports": LIST,
    "correspondence:import": "an import run's counts: no message text",
}

API_READS: dict[str, Read] = {
    "GET /clients/{client_id}": Read(
        "clients.client.viewed", Door.API, MANAGER, _pk("client", "client_id")
    ),
    "GET /audit/events": Read("audit.log.viewed", Door.API, ADMIN),
    "GET /casework/cases/{case_id}": Read(
        "casework.case.viewed", Door.API, MANAGER, _pk("case", "case_id")
    ),
    "GET /casework/restrictions/{restriction_id}": Read(
        "casework.restriction.viewed", Door.API, MANAGER, _pk("restriction", "restriction_id")
    ),
    "GET /casework/clients/{client_id}/timeline": Read(
        "casework.timeline.viewed", Door.API, MANAGER, _pk("client", "client_id")
    ),
    "GET /casework/incidents/{incident_id}": Read(
        "casework.incident.viewed", Door.API, MANAGER, _pk("incident", "incident_id")
    ),
    "GET /casework/evidence/{evidence_id}": Read(
        "casework.evidence.downloaded", Door.API, MANAGER, _pk("evidence", "evidence_id")
    ),
    "GET /correspondence/{int:communication_id}": Read(
        "correspondence.communication.viewed",
        Door.API,
        MANAGER,
        _pk("communication", "communication_id"),
    ),
    "GET /correspondence/clients/{client_id}/demand": Read(
        "correspondence.demand.viewed", Door.API, MANAGER, _pk("client", "client_id")
    ),
    "GET /letters/{letter_id}": Read(
        "letters.letter.viewed", Door.API, MANAGER, _pk("letter", "letter_id")
    ),
    "GET /letters/{letter_id}/pdf": Read(
        "letters.letter.viewed", Door.API, MANAGER, _pk("letter", "letter_id")
    ),
    "GET /reports/dashboard": Read("reports.dashboard.viewed", Door.API, MANAGER),
    "GET /privacy/subject-access/{export_id}/download": Read(
        "privacy.subject_access.downloaded", Door.API, ADMIN, _pk("export", "export_id")
    ),
    "GET /privacy/retention": Read("privacy.retention.previewed", Door.API, ADMIN),
    "GET /requests/{request_id}": Read(
        "requests.request.viewed", Door.API, ADMIN, _pk("request", "request_id")
    ),
}

API_NOT_AUDITED: dict[str, str] = {
    "GET /clients/": LIST,
    "GET /policy/": NOT_CLIENT,
    "GET /policy/versions": NOT_CLIENT,
    "GET /accounts/me": NOT_CLIENT,
    "GET /accounts/users": NOT_CLIENT,
    "GET /accounts/tokens": NOT_CLIENT,
    "GET /casework/cases": LIST,
    "GET /casework/clients/{client_id}/marker": (
        "the one-line marker staff check before every contact; the client's page, "
        "which shows it, records the read"
    ),
    "GET /casework/support": LIST,
    "GET /casework/notifications": LIST,
    "GET /casework/incidents": LIST,
    "GET /correspondence/review": LIST,
    "GET /correspondence/demand/outliers": LIST,
    "GET /letters/templates": NOT_CLIENT,
    "GET /privacy/subject-access/{export_id}": "an export's state and progress, not its contents",
    "GET /requests/": LIST,
}


def page_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern) in ("api/", "django-admin/"):
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                assert pattern.name, f"URL pattern {pattern.pattern} has no name"
                names.add(namespace + pattern.name)

    walk(get_resolver().url_patterns, "")
    return names


def api_routes() -> set[str]:
    routes: set[str] = set()
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                for method in operation.methods:
                    routes.add(f"{method} {prefix}{path}")
    return routes


def test_every_route_is_listed() -> None:
    pages = page_names()
    assert pages == set(PAGE_READS) | set(PAGES_NOT_AUDITED), (
        f"not listed: {sorted(pages - set(PAGE_READS) - set(PAGES_NOT_AUDITED))}; "
        f"gone: {sorted(set(PAGE_READS) | set(PAGES_NOT_AUDITED) - pages)}"
    )
    assert not set(PAGE_READS) & set(PAGES_NOT_AUDITED)
    reads = {r for r in api_routes() if r.startswith("GET ")}
    assert reads == set(API_READS) | set(API_NOT_AUDITED), (
        f"not listed: {sorted(reads - set(API_READS) - set(API_NOT_AUDITED))}; "
        f"gone: {sorted(set(API_READS) | set(API_NOT_AUDITED) - reads)}"
    )
    assert not set(API_READS) & set(API_NOT_AUDITED)


def _letter(manager: Any) -> Letter:
    for decision in Decision.objects.order_by("pk"):
        for kind in letter_rules.kinds_for_outcomes(decision.outcomes):
            try:
                return generate_letter(kind, actor=manager, decision=decision)
            except LetterRefused:
                continue
    raise AssertionError("the demo has no decision a letter can be written from")


def _demo(tmp_path: Path) -> dict[str, Any]:
    assert seed_demo(clients=12)
    users = {u.username: u for u in get_user_model().objects.all()}
    incident = Incident.objects.filter(status=Incident.RECORDED, client__isnull=False).first()
    assert incident is not None
    evidence = add_evidence(
        io.BytesIO(b"Voicemail transcript.\n"),
        "voicemail.txt",
        actor=incident.recorded_by,
        incident=incident,
    )
    assert isinstance(evidence, Evidence)
    client = incident.client
    export = request_subject_access_export(client, actor=users[ADMIN])
    make_export(export.pk)
    export.refresh_from_db()
    request = ClientRequest.objects.filter(kind=request_rules.SUBJECT_ACCESS).first()
    return {
        "users": users,
        "client": client,
        "incident": incident,
        "evidence": evidence,
        "case": Case.objects.exclude(status=Case.MERGED).order_by("pk").first(),
        "restriction": Restriction.objects.order_by("pk").first(),
        "decision": Decision.objects.order_by("pk").first(),
        "unmatched": Communication.objects.filter(client__isnull=True).first()
        or Communication.objects.first(),
        "communication": Communication.objects.filter(client__isnull=False).first(),
        "letter": _letter(users[MANAGER]),
        "export": export,
        "request": request,
    }


def _check(http: HttpClient, url: str, read: Read, problems: list[str]) -> None:
    before = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    response = http.get(url, read.query)
    if response.status_code != 200:
        problems.append(f"{url}: answered {response.status_code}")
        return
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    written = list(AuditEvent.objects.filter(seq__gt=before).order_by("seq"))
    actions = [e.action for e in written]
    if actions != [read.action]:
        problems.append(f"{url}: wrote {actions}, not [{read.action!r}]")
    elif written[0].payload.get("door") != read.door.value:
        problems.append(f"{url}: door {written[0].payload.get('door')!r}, not {read.door.value!r}")


@pytest.mark.django_db
def test_each_read_writes_exactly_one_view_event_with_its_door(
    settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVACY_SUBJECT_ACCESS_DIR = tmp_path / "subject-access"
    ctx = _demo(tmp_path)
    assert ctx["request"] is not None and ctx["export"].state == "ready"
    assert request_wording.ACKNOWLEDGEMENT in request_wording.available_letters(
        status=ctx["request"].status, extended=ctx["request"].extended_due_on is not None
    )
    sessions: dict[str, HttpClient] = {}

    def signed_in(username: str) -> HttpClient:
        if username not in sessions:
            sessions[username] = HttpClient()
            sessions[username].force_login(ctx["users"][username])
        return sessions[username]

    problems: list[str] = []
    for name, read in PAGE_READS.items():
        _check(signed_in(read.user), reverse(name, kwargs=read.args(ctx)), read, problems)
    for route, read in API_READS.items():
        path = route.split(" ", 1)[1].replace("{int:", "{")
        _check(signed_in(read.user), "/api" + path.format(**read.args(ctx)), read, problems)
    assert problems == []
