"""Uploading files to import (admins), and the record of past imports."""

from __future__ import annotations

from datetime import UTC, datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from conduct.core.access import requires
from conduct.correspondence.forms import UploadForm
from conduct.correspondence.models import ImportRun
from conduct.correspondence.parsing.sources import parse_bytes
from conduct.correspondence.pipeline import ImportStopped, limits, run_import
from conduct.correspondence.services import start_import


@requires("correspondence.ingest_communication")
def import_list(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploads = form.cleaned_data["upload"]
        names = ", ".join(f.name for f in uploads)
        run = start_import(f"upload: {names}", actor=request.user)
        sources = (parse_bytes(u.name, u.read(), datetime.now(UTC), limits()) for u in uploads)
        try:
            run, _ = run_import(run, sources, actor=request.user)
        except ImportStopped as stopped:
            messages.error(
                request,
                f"Import {stopped.run.pk} stopped before its end: {stopped.reason}. "
                f"{stopped.run.added} added before it stopped.",
            )
            return redirect("correspondence:import", pk=stopped.run.pk)
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
