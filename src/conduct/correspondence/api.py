from datetime import UTC, date, datetime

from django.http import HttpRequest
from ninja import Field, File, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from conduct.audit.reads import Door
from conduct.clients.access import get_client_for_change
from conduct.clients.models import Client
from conduct.core.access import allow
from conduct.core.limits import limit as field_limit
from conduct.correspondence import demand
from conduct.correspondence.access import (
    get_communication_for_change,
    get_communication_for_user,
    get_demand_client_for_user,
)
from conduct.correspondence.demand_rules import PERSISTENCE_REMINDER, reasons
from conduct.correspondence.models import Communication, ImportRun, TimeEntry
from conduct.correspondence.parsing.sources import parse_bytes
from conduct.correspondence.pipeline import ImportStopped, limits, run_import
from conduct.correspondence.rules import redacted_preview
from conduct.correspondence.screening import screened_text
from conduct.correspondence.services import (
    dismiss_communication,
    link_sender,
    log_staff_time,
    open_demand_case,
    open_full_text,
    refer_communication,
    start_import,
)

router = Router(tags=["correspondence"])


class FlaggedEvidenceOut(Schema):
    category: str
    why: str
    masked: str


class CommunicationOut(Schema):
    id: int
    channel: str
    direction: str
    occurred_at: datetime
    client_id: int | None
    sender: str
    do_not_reply: bool
    review_state: str
    flagged: bool
    categories: list[str]
    model: str
    preview: str = Field(..., description="Redacted: flagged words are masked.")
    evidence: list[FlaggedEvidenceOut]
    incident_id: int | None


def _out(comm: Communication) -> CommunicationOut:
    screening = getattr(comm, "screening", None)
    text = screened_text(comm.subject, comm.body)
    evidence = screening.evidence if screening is not None and screening.flagged else []
    segments = redacted_preview(text, evidence)
    return CommunicationOut(
        id=comm.pk,
        channel=comm.channel,
        direction=comm.direction,
        occurred_at=comm.occurred_at,
        client_id=comm.client_id,
        sender=comm.sender_key,
        do_not_reply=comm.do_not_reply,
        review_state=comm.review_state,
        flagged=bool(screening and screening.flagged),
        categories=list(screening.categories) if screening else [],
        model=f"{screening.model_name} {screening.model_version}" if screening else "",
        preview="".join(s.text for s in segments),
        evidence=[
            FlaggedEvidenceOut(category=s.category, why=s.why, masked=s.text)
            for s in segments
            if s.evidence
        ],
        incident_id=comm.incident_id,
    )


class FullTextOut(Schema):
    id: int
    subject: str
    body: str


class LinkIn(Schema):
    reference: str = Field(..., min_length=1, max_length=field_limit(Client, "reference"))


class LinkOut(Schema):
    linked: int
    client_id: int


class ImportOut(Schema):
    id: int
    state: str = Field(description="finished, or stopped (see stopped_reason)")
    finished_at: datetime | None
    stopped_reason: str
    added: int
    duplicates: int
    rejected: int
    flagged: int
    problems: list[dict[str, str]]


class DemandOut(Schema):
    client_id: int
    days: int
    contacts: int
    incoming: int
    per_week: float
    org_median: float
    org_p95: float
    org_p99: float
    busiest_day: int
    burst_days: int
    largest_repeat: int
    information_requests: int
    staff_minutes: int
    by_channel: dict[str, dict[str, int]]
    weekly: list[tuple[date, int]]
    reasons: list[str]
    reminder: str


class OutlierOut(Schema):
    client_id: int
    reference: str
    incoming: int
    per_week: float
    reasons: list[str]


class OutliersOut(Schema):
    days: int
    reminder: str
    clients: list[OutlierOut]


class TimeIn(Schema):
    on: date
    minutes: int = Field(..., ge=1, le=1440)
    note: str = Field("", max_length=field_limit(TimeEntry, "note"))


class CaseIn(Schema):
    note: str = Field("", max_length=2000)


class DemandCaseOut(Schema):
    incident_id: int
    case_id: int | None


@router.get("/review", response=list[CommunicationOut], summary="Flagged messages awaiting review")
@allow("correspondence.review_communication")
def review_queue(request: HttpRequest) -> list[CommunicationOut]:
    qs = (
        Communication.objects.filter(review_state=Communication.PENDING)
        .select_related("screening")
        .order_by("occurred_at", "pk")[:200]
    )
    return [_out(c) for c in qs]


@router.get(
    "/{int:communication_id}", response=CommunicationOut, summary="A communication, redacted"
)
@allow("correspondence.view_communication")
def detail(request: HttpRequest, communication_id: int) -> CommunicationOut:
    return _out(get_communication_for_user(request.user, communication_id, door=Door.API))


@router.post(
    "/{int:communication_id}/full-text",
    response=FullTextOut,
    summary="The full text, by explicit choice (audited)",
)
@allow("correspondence.view_communication")
def full_text(request: HttpRequest, communication_id: int) -> FullTextOut:
    comm = get_communication_for_change(request.user, communication_id)
    open_full_text(comm, actor=request.user)
    return FullTextOut(id=comm.pk, subject=comm.subject, body=comm.body)


@router.post(
    "/{int:communication_id}/refer", response=CommunicationOut, summary="Refer: records an incident"
)
@allow("correspondence.review_communication", "casework.add_incident")
def refer(request: HttpRequest, communication_id: int) -> CommunicationOut:
    comm = get_communication_for_change(request.user, communication_id)
    refer_communication(comm, actor=request.user)
    return _out(get_communication_for_change(request.user, communication_id))


@router.post("/{int:communication_id}/dismiss", response=CommunicationOut, summary="Not abusive")
@allow("correspondence.review_communication")
def dismiss(request: HttpRequest, communication_id: int) -> CommunicationOut:
    comm = get_communication_for_change(request.user, communication_id)
    dismiss_communication(comm, actor=request.user)
    return _out(get_communication_for_change(request.user, communication_id))


@router.post(
    "/{int:communication_id}/link", response=LinkOut, summary="Link the sender to a client"
)
@allow("correspondence.link_communication", "clients.view_client")
def link(request: HttpRequest, communication_id: int, payload: LinkIn) -> LinkOut:
    comm = get_communication_for_change(request.user, communication_id)
    client = Client.objects.filter(reference__iexact=payload.reference.strip()).first()
    if client is None:
        raise HttpError(404, f"There is no client with reference {payload.reference.strip()}.")
    count = link_sender(comm, client, actor=request.user)
    return LinkOut(linked=count, client_id=client.pk)


def _import_out(run: ImportRun) -> ImportOut:
    return ImportOut(
        id=run.pk,
        state=run.state,
        finished_at=run.finished_at,
        stopped_reason=run.stopped_reason,
        added=run.added,
        duplicates=run.duplicates,
        rejected=run.rejected,
        flagged=run.flagged,
        problems=run.problems[:500],
    )


@router.post(
    "/imports",
    response={201: ImportOut, 503: ImportOut},
    summary="Import a file of communications",
    description="Items that cannot be read are rejected with their reason and the rest are "
    "stored (201). If storing stops before the end, the answer is 503 with the import "
    "recorded as stopped: what it stored is kept, and sending the file again is safe.",
)
@allow("correspondence.ingest_communication")
def import_file(request: HttpRequest, file: File[UploadedFile]) -> Status[ImportOut]:
    name = file.name or "upload"
    limit = limits().max_message_bytes * 4
    if (file.size or 0) > limit:
        raise HttpError(
            413, f"The file is larger than {limit // (1024 * 1024)} MB; use `conduct ingest`."
        )
    data = file.read()
    run = start_import(f"api: {name}", actor=request.user)
    try:
        run, _ = run_import(
            run, [parse_bytes(name, data, datetime.now(UTC), limits())], actor=request.user
        )
    except ImportStopped as stopped:
        return Status(503, _import_out(stopped.run))
    return Status(201, _import_out(run))


@router.get("/clients/{client_id}/demand", response=DemandOut, summary="A client's demand figures")
@allow("correspondence.view_demand", "clients.view_client")
def client_demand(request: HttpRequest, client_id: int, days: int = 0) -> DemandOut:
    t = demand.thresholds()
    days = days if 7 <= days <= 3660 else t.period_days
    client = get_demand_client_for_user(request.user, client_id, days=days, door=Door.API)
    start, end = demand.window(days)
    f = demand.client_figures(client.pk, start, end, t)
    org = demand.organisation(start, end)
    return DemandOut(
        client_id=client.pk,
        days=days,
        contacts=f.contacts,
        incoming=f.incoming,
        per_week=round(f.per_week, 2),
        org_median=org.median,
        org_p95=org.p95,
        org_p99=org.p99,
        busiest_day=f.busiest_day,
        burst_days=f.burst_days,
        largest_repeat=f.largest_repeat,
        information_requests=f.information_requests,
        staff_minutes=f.staff_minutes,
        by_channel=f.by_channel,
        weekly=demand.weekly_counts(f, start, end),
        reasons=reasons(f, org, t),
        reminder=PERSISTENCE_REMINDER,
    )


@router.post(
    "/clients/{client_id}/demand/case",
    response={201: DemandCaseOut},
    summary="Open a case on a client's demands, citing the figures",
)
@allow("correspondence.view_demand", "casework.add_incident")
def demand_case(request: HttpRequest, client_id: int, payload: CaseIn) -> Status[DemandCaseOut]:
    client = get_client_for_change(request.user, client_id)
    t = demand.thresholds()
    start, end = demand.window(t.period_days)
    incident = open_demand_case(
        client,
        figures=demand.client_figures(client.pk, start, end, t),
        org=demand.organisation(start, end),
        thresholds=t,
        note=payload.note,
        actor=request.user,
    )
    return Status(201, DemandCaseOut(incident_id=incident.pk, case_id=incident.case_id))


@router.get("/demand/outliers", response=OutliersOut, summary="Clients above a demand threshold")
@allow("correspondence.view_demand")
def outliers(request: HttpRequest, days: int = 0) -> OutliersOut:
    t = demand.thresholds()
    days = days if 7 <= days <= 3660 else t.period_days
    start, end = demand.window(days)
    rows, _ = demand.outliers(start, end, t)
    return OutliersOut(
        days=days,
        reminder=PERSISTENCE_REMINDER,
        clients=[
            OutlierOut(
                client_id=r.client.pk,
                reference=r.client.reference,
                incoming=r.figures.incoming,
                per_week=round(r.figures.per_week, 2),
                reasons=r.reasons,
            )
            for r in rows
        ],
    )


@router.post("/clients/{client_id}/time", response={201: dict[str, int]}, summary="Log staff time")
@allow("correspondence.view_communication", "clients.view_client")
def log_time(request: HttpRequest, client_id: int, payload: TimeIn) -> Status[dict[str, int]]:
    client = get_client_for_change(request.user, client_id)
    entry = log_staff_time(
        client, on=payload.on, minutes=payload.minutes, note=payload.note, actor=request.user
    )
    return Status(201, {"id": entry.pk, "minutes": entry.minutes})
