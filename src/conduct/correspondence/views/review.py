"""The review queue: flagged communications, "do not reply", refer or dismiss."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from conduct.core.access import requires
from conduct.core.refusal_views import refusal_shown
from conduct.correspondence.access import get_communication_for_change
from conduct.correspondence.models import Communication
from conduct.correspondence.services import (
    dismiss_communication,
    refer_communication,
)
from conduct.correspondence.views.messages import preview_context


@requires("correspondence.review_communication")
def review_queue(request: HttpRequest) -> HttpResponse:
    qs = (
        Communication.objects.filter(review_state=Communication.PENDING)
        .select_related("client", "screening", "routed_to")
        .order_by("occurred_at", "pk")
    )
    mine = request.GET.get("mine") == "1"
    if mine:
        qs = qs.filter(routed_to_id=request.user.pk)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    items = [preview_context(c) for c in page.object_list]
    return render(
        request, "correspondence/review_queue.html", {"page": page, "items": items, "mine": mine}
    )


@require_POST
@requires("correspondence.review_communication", "casework.add_incident")
def refer(request: HttpRequest, pk: int) -> HttpResponse:
    comm = get_communication_for_change(
        request.user, pk, perm="correspondence.review_communication"
    )
    with refusal_shown(request) as refusal:
        comm = refer_communication(comm, actor=request.user)
    if refusal:
        return redirect("correspondence:detail", pk=comm.pk)
    messages.success(
        request,
        format_html(
            'Referred to Senior Management as <a href="{}">incident {}</a>, with the message '
            "attached as evidence.",
            reverse("casework:incident", args=[comm.incident_id]),
            comm.incident_id,
        ),
    )
    return redirect("correspondence:review")


@require_POST
@requires("correspondence.review_communication")
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    comm = get_communication_for_change(
        request.user, pk, perm="correspondence.review_communication"
    )
    with refusal_shown(request) as refusal:
        dismiss_communication(comm, actor=request.user)
    if refusal:
        return redirect("correspondence:detail", pk=comm.pk)
    messages.success(
        request, "Dismissed as not abusive; your feedback is kept to improve screening."
    )
    return redirect("correspondence:review")
