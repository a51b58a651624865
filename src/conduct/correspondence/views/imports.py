"""Uploading files to import (admins), and the record of past imports."""

from __future__ import annotations

from datetime import UTC, datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from conduct.accounts.access import requires
from conduct.correspondence.forms import UploadForm
from conduct.correspondence.models import ImportRun
from conduct.correspondence.parsing.sources import parse_bytes
from conduct.correspondence.pipeline import ingest_results, limits
from conduct.correspondence.services import finish_import, start_import


@requires("correspondence.ingest_communication")
def import_list(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        names = ", ".join(f.name for f in form.cleaned_data["upload"])
        run = start_import(f"upload: {names}", actor=request.user)
        for upload in form.cleaned_data["upload"]:
            data = upload.read()
            ingest_results(
                parse_bytes(upload.name, data, datetime.now(UTC), limits()),
                actor=request.user,
                run=run,
            )
        run = finish_import(run, actor=request.user)
        messages.success(
            request,
            f"Import {run.pk}: {run.added} added, {run.duplicates} already held, "
            f"{run.rejected} rejected.",
        )
        return redirect("correspondence:import", pk=run.pk)
    page = Paginator(ImportRun.objects.all(), 25).get_page(request.GET.get("page"))
    return render(request, "correspondence/imports.html", {"form": form, "page": page})


@requires("correspondence.ingest_communication")
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ImportRun, pk=pk)
    return render(request, "correspondence/import_detail.html", {"run": run})
