from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any

from django import forms
from django.apps import apps
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from conduct.audit.access import audit_log_for_user
from conduct.audit.actions import ACTIONS
from conduct.audit.reads import Door
from conduct.core.access import requires
from conduct.core.formfields import choice_field

_PLACEHOLDER = re.compile(r"\{\w+\}")
APP_TITLES = {
    "accounts": "Accounts",
    "audit": "Audit log",
    "casework": "Casework",
    "clients": "Clients",
    "correspondence": "Correspondence",
    "letters": "Letters",
    "policy": "Policy",
    "privacy": "Data protection",
    "reports": "Reports",
    "screening": "Screening",
}


def action_label(sentence: str) -> str:
    """An action's sentence as a choice: what was done, with "…" for the details."""
    text = _PLACEHOLDER.sub("…", sentence)
    return text[:1].upper() + text[1:]


def action_choices() -> list[tuple[str, Any]]:
    """Every registered action in words, grouped by the part of the product it belongs to."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for code, sentence in ACTIONS.items():
        app = code.split(".", 1)[0]
        groups.setdefault(APP_TITLES.get(app, app.capitalize()), []).append(
            (code, action_label(sentence))
        )
    return [("", "Any action")] + [
        (title, sorted(items, key=lambda item: item[1])) for title, items in sorted(groups.items())
    ]


class AuditFilter(forms.Form):
    action = forms.ChoiceField(required=False, label="Action")
    actor = forms.CharField(required=False, label="User", max_length=150)
    client = forms.CharField(
        required=False,
        label="Client reference",
        max_length=40,
        help_text="For example CL-000123.",
    )
    since = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "action").choices = action_choices()

    def clean_client(self) -> int | None:
        reference = self.cleaned_data.get("client", "").strip()
        if not reference:
            return None
        Client = apps.get_model("clients", "Client")
        found = Client.objects.filter(reference__iexact=reference).values_list("pk", flat=True)
        if not found:
            raise forms.ValidationError(f"There is no client with the reference {reference}.")
        return int(found[0])


@requires("audit.view_auditevent")
def event_list(request: HttpRequest) -> HttpResponse:
    form = AuditFilter(request.GET or None)
    events = audit_log_for_user(request.user, door=Door.PAGE)
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
    query = request.GET.copy()
    query.pop("page", None)
    Client = apps.get_model("clients", "Client")
    ids = {e.client_id for e in page.object_list if e.client_id}
    references = dict(Client.objects.filter(pk__in=ids).values_list("pk", "reference"))
    rows = [(e, references.get(e.client_id, "") if e.client_id else "") for e in page.object_list]
    return render(
        request,
        "audit/list.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
    )
