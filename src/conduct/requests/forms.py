from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from conduct.requests import rules


class DateInput(forms.DateInput):
    input_type = "date"


class RequestForm(forms.Form):
    kind = forms.ChoiceField(
        label="What the client asked for",
        choices=list(rules.KINDS.items()),
        widget=forms.RadioSelect,
    )
    channel = forms.ChoiceField(
        label="How it came in", choices=list(rules.CHANNELS.items()), widget=forms.RadioSelect
    )
    received_on = forms.DateField(
        label="Received on",
        widget=DateInput,
        help_text="The day it reached us; the deadline counts from it.",
    )
    summary = forms.CharField(
        label="What they asked for",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In a sentence, in the client's terms. The acknowledgement letter quotes it.",
    )
    decision = forms.TypedChoiceField(
        label="The decision to review",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="For a review: which decision the client wants looked at again.",
    )

    def __init__(self, *args: Any, decisions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        decision = self.fields["decision"]
        assert isinstance(decision, forms.TypedChoiceField)
        decision.choices = [("", "None or not known"), *decisions]
        self.fields["received_on"].initial = timezone.localdate()


class ExtendForm(forms.Form):
    months = forms.TypedChoiceField(
        label="Extend by",
        choices=[(1, "One further month"), (2, "Two further months")],
        coerce=int,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Why more time is needed",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The client is told this in the extension letter.",
    )
    told_on = forms.DateField(
        label="Client told on",
        widget=DateInput,
        help_text="The date of the extension letter; it must be within the first month.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["told_on"].initial = timezone.localdate()


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[(rules.ANSWERED, "Answered"), (rules.WITHDRAWN, "Withdrawn by the client")],
        widget=forms.RadioSelect,
    )
    closed_on = forms.DateField(label="On", widget=DateInput)
    note = forms.CharField(
        label="What we told the client",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For an answer, this goes into the answer letter.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].initial = timezone.localdate()
