"""Recording incidents and live calls."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from conduct.casework.forms.client_picker import ClientChoiceField, offer
from conduct.casework.forms.common import policy_choices
from conduct.casework.models import Incident
from conduct.casework.services import (
    IncidentDetails,
)
from conduct.core.formfields import choice_field
from conduct.core.limits import limit


class WellbeingFields(forms.Form):
    felt_unsafe = forms.BooleanField(required=False, label="I felt unsafe")
    wants_support = forms.BooleanField(
        required=False,
        label="I would like support",
        help_text="A senior manager will follow up with you.",
    )
    wellbeing_note = forms.CharField(
        max_length=limit(Incident, "wellbeing_note"),
        required=False,
        label="Anything you want your manager to know",
        help_text="Seen only by you and senior managers.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class IncidentForm(WellbeingFields):
    client = ClientChoiceField(
        required=False,
        label="Client",
        help_text="Leave empty for an unknown caller. Find the client above to choose them.",
    )
    caller_number = forms.CharField(
        required=False,
        max_length=limit(Incident, "caller_number"),
        label="Unknown caller's phone number",
    )
    caller_address = forms.CharField(
        max_length=limit(Incident, "caller_address"),
        required=False,
        label="Unknown caller's address or email",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    channel = forms.ChoiceField(label="How did it happen?", widget=forms.RadioSelect)
    occurred_at = forms.DateTimeField(
        label="When",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    categories = forms.MultipleChoiceField(
        label="What kind of behaviour", widget=forms.CheckboxSelectMultiple
    )
    what_happened = forms.CharField(
        max_length=limit(Incident, "what_happened"),
        label="What happened",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    verbatim_words = forms.CharField(
        max_length=limit(Incident, "verbatim_words"),
        required=False,
        label="The words used, as exactly as you can",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    staff_actions = forms.MultipleChoiceField(
        required=False, label="What you did at the time", widget=forms.CheckboxSelectMultiple
    )
    warning_given = forms.BooleanField(
        required=False, label="I warned the client and explained why"
    )
    client_response = forms.CharField(
        max_length=limit(Incident, "client_response"),
        required=False,
        label="How the client responded to the warning",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    witnesses = forms.CharField(
        max_length=limit(Incident, "witnesses"),
        required=False,
        label="Witnesses",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence = forms.FileField(
        required=False,
        label="Evidence file",
        help_text="PDF, image, audio, e-mail (.eml) or plain text.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    field_order = [
        "client", "caller_number", "caller_address", "channel", "occurred_at", "categories", "what_happened",
        "verbatim_words", "staff_actions", "warning_given", "client_response", "witnesses", "evidence",
        "felt_unsafe", "wants_support", "wellbeing_note",
    ]  # fmt: skip

    def __init__(self, *args: Any, client_query: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.matched = offer(self, "client", client_query)
        choices = policy_choices()
        choice_field(self, "channel").choices = choices["channels"]
        choice_field(self, "categories").choices = choices["categories"]
        choice_field(self, "staff_actions").choices = choices["staff_rights"]
        self.fields["occurred_at"].initial = timezone.localtime().replace(second=0, microsecond=0)

    def details(self) -> IncidentDetails:
        d = self.cleaned_data
        return IncidentDetails(
            client=d.get("client"),
            caller_number=d.get("caller_number", ""),
            caller_address=d.get("caller_address", ""),
            channel=d["channel"],
            occurred_at=d["occurred_at"],
            categories=list(d["categories"]),
            what_happened=d["what_happened"],
            verbatim_words=d.get("verbatim_words", ""),
            staff_actions=list(d.get("staff_actions", [])),
            warning_given=bool(d.get("warning_given")),
            client_response=d.get("client_response", ""),
            witnesses=d.get("witnesses", ""),
            felt_unsafe=bool(d.get("felt_unsafe")),
            wants_support=bool(d.get("wants_support")),
            wellbeing_note=d.get("wellbeing_note", ""),
        )


class CallStartForm(forms.Form):
    channel = forms.ChoiceField(
        choices=[("phone", "Phone"), ("video", "Video call"), ("in_person", "In person")],
        initial="phone",
    )
    caller_number = forms.CharField(
        required=False, max_length=limit(Incident, "caller_number"), label="Unknown caller's number"
    )


class CallFinishForm(WellbeingFields):
    categories = forms.MultipleChoiceField(
        label="What kind of behaviour", widget=forms.CheckboxSelectMultiple
    )
    what_happened = forms.CharField(
        max_length=limit(Incident, "what_happened"),
        label="What happened",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    verbatim_words = forms.CharField(
        max_length=limit(Incident, "verbatim_words"),
        required=False,
        label="The words used, as exactly as you can",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    client_response = forms.CharField(
        max_length=limit(Incident, "client_response"),
        required=False,
        label="How the caller responded to the warning",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    field_order = [
        "categories", "what_happened", "verbatim_words", "client_response",
        "felt_unsafe", "wants_support", "wellbeing_note",
    ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "categories").choices = policy_choices()["categories"]

    def details(self) -> IncidentDetails:
        d = self.cleaned_data
        return IncidentDetails(
            channel="",
            occurred_at=timezone.now(),
            categories=list(d["categories"]),
            what_happened=d["what_happened"],
            verbatim_words=d.get("verbatim_words", ""),
            client_response=d.get("client_response", ""),
            felt_unsafe=bool(d.get("felt_unsafe")),
            wants_support=bool(d.get("wants_support")),
            wellbeing_note=d.get("wellbeing_note", ""),
        )


class LinkClientForm(forms.Form):
    client = ClientChoiceField(label="The client this caller turned out to be")

    def __init__(self, *args: Any, client_query: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.matched = offer(self, "client", client_query)


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label="Evidence file", help_text="PDF, image, audio, e-mail (.eml) or plain text."
    )
