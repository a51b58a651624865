"""A communication: redacted by default; the full text only by choice (audited)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from conduct.audit.reads import Door
from conduct.core.access import requires
from conduct.correspondence.access import (
    get_communication_for_change,
    get_communication_for_user,
    get_correspondent_for_user,
)
from conduct.correspondence.models import Communication
from conduct.correspondence.rules import redacted_preview
from conduct.correspondence.screening import screened_text
from conduct.correspondence.services import open_full_text


def preview_context(comm: Communication) -> dict[str, object]:
    screening = getattr(comm, "screening", None)
    text = screened_text(comm.subject, comm.body)
    if screening is not None and screening.flagged:
        segments = redacted_preview(text, screening.evidence)
    else:
        segments = redacted_preview(text, [], limit=2000)
    return {"comm": comm, "screening": screening, "segments": segments}


@requires("correspondence.view_communication")
def communication_detail(request: HttpRequest, pk: int) -> HttpResponse:
    comm = get_communication_for_user(request.user, pk, door=Door.PAGE)
    context = preview_context(comm)
    context["attachments"] = comm.attachments.all()
    return render(request, "correspondence/detail.html", context)


@require_POST
@requires("correspondence.view_communication")
def communication_full_text(request: HttpRequest, pk: int) -> HttpResponse:
    comm = get_communication_for_change(request.user, pk)
    open_full_text(comm, actor=request.user)
    return render(request, "correspondence/full_text.html", {"comm": comm})


@requires("correspondence.view_communication", "clients.view_client")
def client_communications(request: HttpRequest, client_pk: int) -> HttpResponse:
    client = get_correspondent_for_user(request.user, client_pk, door=Door.PAGE)
    qs = Communication.objects.filter(client=client).select_related("screening", "staff")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "correspondence/client_list.html", {"client": client, "page": page})
