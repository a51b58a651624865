from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from conduct.accounts.access import requires
from conduct.audit.actions import ACTIONS
from conduct.audit.models import AuditEvent
from conduct.audit.services import record_event


class AuditFilter(forms.Form):
    action = forms.ChoiceField(required=False, label="Action")
    actor = forms.CharField(required=False, label="User", max_length=150)
    client = forms.IntegerField(required=False, label="Client id", min_value=1)
    since = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = [("", "Any action")] + [
            (code, f"{code}: {s}") for code, s in sorted(ACTIONS.items())
        ]
        self.fields["action"].choices = choices  # type: ignore[attr-defined]


@requires("audit.view_auditevent")
def event_list(request: HttpRequest) -> HttpResponse:
    form = AuditFilter(request.GET or None)
    events = AuditEvent.objects.select_related("actor").all()
    if form.is_valid():
        data = form.cleaned_data
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("actor"):
            events = events.filter(actor_label__iexact=data["actor"])
        if data.get("client"):
            events = events.filter(client_id=data["client"])
        tz = timezone.get_current_timezone()
        if data.get("since"):
            events = events.filter(at__gte=datetime.combine(data["since"], time.min, tzinfo=tz))
        if data.get("until"):
            events = events.filter(at__lte=datetime.combine(data["until"], time.max, tzinfo=tz))
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    record_event("audit.log.viewed", actor=request.user)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "audit/list.html", {"form": form, "page": page, "query": query.urlencode()}
    )
