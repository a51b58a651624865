from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from conduct.clients.models import Client
from conduct.core.limits import limit


class LinkForm(forms.Form):
    reference = forms.CharField(
        label="Client reference",
        max_length=limit(Client, "reference"),
        help_text="For example CL-000123. Later messages from this sender will match this client.",
    )

    def clean_reference(self) -> Client:
        value = self.cleaned_data["reference"].strip()
        client = Client.objects.filter(reference__iexact=value).first()
        if client is None:
            raise forms.ValidationError(f"There is no client with reference {value}.")
        return client


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, list | tuple) else [data]
        files = [super(MultipleFileField, self).clean(d, initial) for d in items if d]
        if not files:
            raise forms.ValidationError("Choose at least one file.")
        if len(files) > 20:
            raise forms.ValidationError("Choose at most 20 files at a time.")
        limit = int(settings.CORRESPONDENCE_MAX_MESSAGE_BYTES) * 4
        for upload in files:
            if (upload.size or 0) > limit:
                raise forms.ValidationError(
                    f"{upload.name} is larger than {limit // (1024 * 1024)} MB: "
                    "import it with `conduct ingest` instead."
                )
        return files


class UploadForm(forms.Form):
    upload = MultipleFileField(
        label="Files to import",
        widget=MultipleFileInput(attrs={"multiple": True}),
        help_text=".eml, .mbox, call-log .csv, social-media .csv or .json, letters as .txt or .pdf",
    )


class PeriodForm(forms.Form):
    days = forms.TypedChoiceField(
        label="Period",
        coerce=int,
        choices=[
            (30, "Last 30 days"),
            (90, "Last 90 days"),
            (180, "Last 6 months"),
            (365, "Last year"),
        ],
        required=False,
    )


class DemandCaseForm(forms.Form):
    note = forms.CharField(
        label="Why refer this now",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
