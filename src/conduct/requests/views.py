"""Request pages: the queue, recording a request, a request with its deadline and letters."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from conduct.audit.reads import Door
from conduct.casework import published
from conduct.clients.access import get_client_for_change
from conduct.core.access import requires
from conduct.core.refusal_views import refusal_shown
from conduct.privacy.forms import SubjectAccessForm
from conduct.requests import rules, wording
from conduct.requests.access import (
    get_request_for_change,
    get_request_for_user,
    get_request_letter_for_user,
    handled_kinds,
    requests_for_user,
)
from conduct.requests.forms import CloseForm, ExtendForm, RequestForm
from conduct.requests.letters import letter_document
from conduct.requests.models import ClientRequest
from conduct.requests.queries import SHOW, exports_for, queue, standing_of
from conduct.requests.services import (
    close_request,
    extend_request,
    produce_subject_access,
    record_request,
)

FILTERS = [
    ("open", "Open"),
    ("due", "Due soon or overdue"),
    ("overdue", "Overdue"),
    ("closed", "Closed"),
    ("all", "All"),
]


@requires("requests.view_clientrequest")
def request_queue(request: HttpRequest) -> HttpResponse:
    quoted = request.GET.get("reference", "").strip().upper()
    if quoted:
        found = requests_for_user(request.user).filter(reference=quoted).first()
        if found is not None:
            return redirect("requests:detail", pk=found.pk)
        messages.error(request, f"No request {quoted[:20]} among those you answer.")
    show = request.GET.get("show", "open")
    if show not in SHOW:
        show = "open"
    rows = queue(requests_for_user(request.user), show=show, today=timezone.localdate())
    return render(
        request,
        "requests/queue.html",
        {
            "rows": rows,
            "show": show,
            "filters": FILTERS,
            "kinds": [rules.KINDS[k] for k in handled_kinds(request.user)],
        },
    )


@requires("requests.add_clientrequest")
def request_new(request: HttpRequest, client_pk: int) -> HttpResponse:
    client = get_client_for_change(request.user, client_pk)
    decisions = [
        (d.pk, f"Decision of {d.decided_at:%d %B %Y} (case {d.case_id})")
        for d in published.decisions_of_clients_cases(client.pk)
    ]
    form = RequestForm(request.POST or None, decisions=decisions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decision = published.decision(int(data["decision"])) if data["decision"] else None
        with refusal_shown(form) as refusal:
            made = record_request(
                client,
                kind=data["kind"],
                channel=data["channel"],
                received_on=data["received_on"],
                summary=data["summary"],
                decision=decision,
                actor=request.user,
            )
        if not refusal:
            messages.success(
                request,
                f"Request {made.reference} recorded: due by {made.deadline:%d %B %Y}. "
                "Give the client this reference.",
            )
            if rules.may_handle(made.kind, request.user.get_all_permissions()):
                return redirect("requests:detail", pk=made.pk)
            return redirect("clients:detail", pk=client.pk)
    return render(
        request,
        "requests/new.html",
        {"client": client, "form": form},
        status=400 if form.errors else 200,
    )


def _detail(
    request: HttpRequest,
    found: ClientRequest,
    *,
    extend_form: ExtendForm | None = None,
    close_form: CloseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "requests/detail.html",
        {
            "req": found,
            "client": found.client,
            "standing": standing_of(found, timezone.localdate()),
            "kind_title": rules.KINDS[found.kind],
            "channel_title": rules.CHANNELS[found.channel],
            "letters": [
                (key, wording.LETTER_TITLES[key])
                for key in wording.available_letters(
                    status=found.status, extended=found.extended_due_on is not None
                )
            ],
            "may_extend": found.is_open
            and found.kind == rules.SUBJECT_ACCESS
            and found.extended_due_on is None,
            "extend_form": extend_form or ExtendForm(),
            "close_form": close_form or CloseForm(),
            "export_form": SubjectAccessForm(),
            "exports": exports_for(found),
        },
        status=status,
    )


@requires("requests.view_clientrequest")
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_request_for_user(request.user, pk, door=Door.PAGE)
    return _detail(request, found)


@requires("requests.change_clientrequest")
@require_POST
def request_extend(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_request_for_change(request.user, pk)
    form = ExtendForm(request.POST)
    if form.is_valid():
        with refusal_shown(form) as refusal:
            extended = extend_request(
                found,
                months=form.cleaned_data["months"],
                reason=form.cleaned_data["reason"],
                told_on=form.cleaned_data["told_on"],
                actor=request.user,
            )
        if not refusal:
            messages.success(
                request,
                f"Extended: now due by {extended.deadline:%d %B %Y}. "
                "Send the client the extension letter.",
            )
            return redirect("requests:detail", pk=found.pk)
    return _detail(request, found, extend_form=form, status=400)


@requires("requests.change_clientrequest")
@require_POST
def request_close(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_request_for_change(request.user, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        with refusal_shown(form) as refusal:
            close_request(
                found,
                outcome=form.cleaned_data["outcome"],
                closed_on=form.cleaned_data["closed_on"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        if not refusal:
            messages.success(request, "Request closed.")
            return redirect("requests:detail", pk=found.pk)
    return _detail(request, found, close_form=form, status=400)


@requires("requests.change_clientrequest")
@require_POST
def request_export(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_request_for_change(request.user, pk)
    form = SubjectAccessForm(request.POST)
    redact = bool(form.is_valid() and form.cleaned_data["redact_third_parties"])
    with refusal_shown(request) as refusal:
        export = produce_subject_access(found, actor=request.user, redact_third_parties=redact)
    if refusal:
        return redirect("requests:detail", pk=found.pk)
    messages.success(
        request,
        f"The subject access export for {found.reference} is being made in the background; "
        "this page shows its progress and the download link once it is ready.",
    )
    return redirect("privacy:export", pk=export.pk)


@requires("requests.view_clientrequest")
def request_letter(request: HttpRequest, pk: int, letter: str) -> HttpResponse:
    found = get_request_letter_for_user(request.user, pk, letter, door=Door.EXPORT)
    _, document = letter_document(found, letter, request.user)
    response = HttpResponse(document, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{found.reference.lower()}-{letter}.html"'
    )
    return response
