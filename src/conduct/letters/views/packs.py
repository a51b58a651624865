"""The police referral pack page: what it will hold, and producing it (audited)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from conduct.casework.access import get_case_for_change
from conduct.core.access import requires
from conduct.core.refusal_views import refusal_shown
from conduct.letters import pack
from conduct.letters.models import PolicePack
from conduct.letters.services import generate_police_pack, pack_name


@requires("letters.add_policepack")
def police_pack(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_change(request.user, pk)
    if request.method == "POST":
        with refusal_shown(request) as refusal:
            record, data = generate_police_pack(case, actor=request.user)
        if refusal:
            return redirect("letters:police_pack", pk=case.pk)
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{pack_name(record)}"'
        return response
    return render(
        request,
        "letters/police_pack_page.html",
        {
            "case": case,
            "incidents": case.incidents.order_by("occurred_at"),
            "evidence": pack.case_evidence(case),
            "packs": PolicePack.objects.filter(case=case).select_related("generated_by"),
        },
    )
