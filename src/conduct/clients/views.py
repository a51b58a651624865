from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from conduct.audit.reads import Door
from conduct.clients.access import get_client_for_change, get_client_for_user
from conduct.clients.contact import InvalidContact
from conduct.clients.forms import ClientForm
from conduct.clients.services import (
    ReferenceInUse,
    create_client,
    search_clients,
    update_client,
)
from conduct.core.access import requires
from conduct.core.refusal_views import refusal_shown


@requires("clients.view_client")
def client_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    clients = search_clients(query).prefetch_related("contact_points")
    page = Paginator(clients, 25).get_page(request.GET.get("page"))
    return render(request, "clients/list.html", {"page": page, "query": query})


@requires("clients.view_client")
def client_detail(request: HttpRequest, pk: int) -> HttpResponse:
    client = get_client_for_user(request.user, pk, door=Door.PAGE)
    return render(
        request,
        "clients/detail.html",
        {"client": client, "contact_points": client.contact_points.all()},
    )


@requires("clients.add_client")
def client_create(request: HttpRequest) -> HttpResponse:
    form = ClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form, field="reference") as refusal:
            client = create_client(form.details(), actor=request.user)
        if not refusal:
            messages.success(request, f"Client {client.reference} created.")
            return redirect("clients:detail", pk=client.pk)
    return render(request, "clients/form.html", {"form": form, "title": "Add a client"})


@requires("clients.change_client")
def client_edit(request: HttpRequest, pk: int) -> HttpResponse:
    client = (
        get_client_for_change(request.user, pk, perm="clients.change_client")
        if request.method == "POST"
        else get_client_for_user(request.user, pk, door=Door.PAGE, perm="clients.change_client")
    )
    form = ClientForm(request.POST or None, initial=ClientForm.initial_for(client))
    if request.method == "POST" and form.is_valid():
        with refusal_shown(
            form, fields={ReferenceInUse: "reference", InvalidContact: "reference"}
        ) as refusal:
            update_client(
                client,
                form.details(),
                actor=request.user,
                expected_version=form.cleaned_data.get("version") or client.version,
            )
        if not refusal:
            messages.success(request, "Client record updated.")
            return redirect("clients:detail", pk=client.pk)
    return render(
        request,
        "clients/form.html",
        {"form": form, "title": f"Edit {client.name}", "client": client},
    )
