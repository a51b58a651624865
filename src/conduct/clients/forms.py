from __future__ import annotations

from typing import Any

from django import forms

from conduct.clients.contact import (
    EMAIL,
    MAX_PER_KIND,
    PHONE,
    SOCIAL,
    InvalidContact,
    normalise,
)
from conduct.clients.models import Client
from conduct.clients.services import ClientDetails
from conduct.core.limits import limit


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.replace(",", "\n").splitlines() if line.strip()]


class ClientForm(forms.Form):
    name = forms.CharField(max_length=limit(Client, "name"), label="Full name or organisation name")
    reference = forms.CharField(
        max_length=limit(Client, "reference"),
        required=False,
        label="Client reference",
        help_text="Leave blank to have one given automatically.",
        widget=forms.TextInput(attrs={"class": "input--narrow"}),
    )
    emails = forms.CharField(
        required=False,
        label="Email addresses",
        help_text="One per line.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    phones = forms.CharField(
        required=False,
        label="Phone numbers",
        help_text="One per line. UK numbers can be written in any usual way, for example 07700 900123.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    social_handles = forms.CharField(
        required=False,
        label="Social media handles",
        help_text="One per line, for example @name.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    postal_address = forms.CharField(
        max_length=limit(Client, "postal_address"),
        required=False,
        label="Postal address",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    notes = forms.CharField(
        max_length=limit(Client, "notes"),
        required=False,
        label="Notes",
        help_text="Record facts and needs (for example a preferred contact method), not labels on the person.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def _clean_contacts(self, field: str, kind: str) -> list[str]:
        values = _lines(self.cleaned_data.get(field, ""))
        if len(values) > MAX_PER_KIND:
            raise forms.ValidationError(f"Give at most {MAX_PER_KIND}, one per line.")
        problems = []
        for value in values:
            try:
                normalise(kind, value)
            except InvalidContact as exc:
                problems.append(str(exc))
        if problems:
            raise forms.ValidationError(problems)
        return values

    def clean_emails(self) -> list[str]:
        return self._clean_contacts("emails", EMAIL)

    def clean_phones(self) -> list[str]:
        return self._clean_contacts("phones", PHONE)

    def clean_social_handles(self) -> list[str]:
        return self._clean_contacts("social_handles", SOCIAL)

    def details(self) -> ClientDetails:
        data: dict[str, Any] = self.cleaned_data
        return ClientDetails(
            name=data["name"],
            reference=data.get("reference", ""),
            postal_address=data.get("postal_address", ""),
            notes=data.get("notes", ""),
            emails=data.get("emails", []),
            phones=data.get("phones", []),
            social_handles=data.get("social_handles", []),
        )

    @classmethod
    def initial_for(cls, client: Any) -> dict[str, Any]:
        points = list(client.contact_points.all())
        return {
            "name": client.name,
            "reference": client.reference,
            "postal_address": client.postal_address,
            "notes": client.notes,
            "emails": "\n".join(p.value for p in points if p.kind == EMAIL),
            "phones": "\n".join(p.value for p in points if p.kind == PHONE),
            "social_handles": "\n".join(p.value for p in points if p.kind == SOCIAL),
            "version": client.version,
        }
