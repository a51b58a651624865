"""Communications no client was found for; staff link them, and the link is remembered."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from conduct.audit.reads import Door
from conduct.core.access import requires
from conduct.core.refusal_views import refusal_shown
from conduct.correspondence.access import get_communication_for_change, get_communication_for_user
from conduct.correspondence.forms import LinkForm
from conduct.correspondence.models import Communication
from conduct.correspondence.services import link_sender


@requires("correspondence.link_communication")
def unmatched_list(request: HttpRequest) -> HttpResponse:
    qs = Communication.objects.filter(client__isnull=True, direction=Communication.IN).order_by(
        "-occurred_at", "-pk"
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "correspondence/unmatched.html", {"page": page})


@requires("correspondence.link_communication", "clients.view_client")
def link(request: HttpRequest, pk: int) -> HttpResponse:
    perm = "correspondence.link_communication"
    comm = (
        get_communication_for_change(request.user, pk, perm=perm)
        if request.method == "POST"
        else get_communication_for_user(request.user, pk, door=Door.PAGE, perm=perm)
    )
    form = LinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        client = form.cleaned_data["reference"]
        with refusal_shown(form) as refusal:
            count = link_sender(comm, client, actor=request.user)
        if not refusal:
            messages.success(
                request,
                f"Linked {count} communication(s) to {client.reference}; the sender is remembered.",
            )
            return redirect("correspondence:unmatched")
    return render(request, "correspondence/link.html", {"comm": comm, "form": form})
