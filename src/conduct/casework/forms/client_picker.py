"""Choosing a client on a form without listing every client.

`ClientChoiceField` accepts any client (it validates against them all, as a plain
`ModelChoiceField` does) but offers only a few: the client already chosen (from the form's
data or initial value) and, after a search (`?client_q=` on the page), up to `SHOWN` clients
that match it. A select of every client grows with the organisation (20,000 options: 1.3 MB
and most of a second of CPU per page) and cannot be used at that size anyway.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator

from conduct.clients.models import Client
from conduct.clients.search import search_clients

SHOWN = 20


class _Shown(ModelChoiceIterator):  # type: ignore[type-arg]
    def __init__(self, field: forms.ModelChoiceField) -> None:  # type: ignore[type-arg]
        super().__init__(field)
        self.queryset = getattr(field, "shown", Client.objects.none())


class ClientChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    iterator = _Shown

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Client.objects.all(), **kwargs)
        self.shown: QuerySet[Client] = Client.objects.none()


def offer(form: forms.BaseForm, name: str, query: str | None) -> int | None:
    """Offer the chosen client and the first clients matching `query`; how many matched
    (None without a search)."""
    field = form.fields[name]
    assert isinstance(field, ClientChoiceField)
    chosen = form.data.get(form.add_prefix(name)) if form.is_bound else None
    chosen = chosen or form.initial.get(name) or field.initial
    pks: list[Any] = []
    if chosen and str(chosen).isdigit():
        pks.append(int(chosen))
    matched = None
    text = (query or "").strip()[:200]
    if text:
        found = list(search_clients(text).values_list("pk", flat=True)[:SHOWN])
        matched = len(found)
        pks += [pk for pk in found if pk not in pks]
    field.shown = Client.objects.filter(pk__in=pks)
    field.widget.choices = field.choices
    return matched
