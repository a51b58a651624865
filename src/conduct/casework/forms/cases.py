"""Handling a case: assignment, notes, linking, override, police referral, support."""

from __future__ import annotations

from typing import Any

from django import forms

from conduct.casework.forms.common import DATE, senior_managers
from conduct.casework.models import Case, CaseNote, PoliceReferral, SupportFollowUp
from conduct.casework.rules import ZERO_TOLERANCE_GROUNDS
from conduct.casework.services import (
    PoliceReferralInput,
)
from conduct.core.formfields import model_choice_field
from conduct.core.limits import limit


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(queryset=senior_managers(), label="Assign to")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "assignee").queryset = senior_managers()


class NoteForm(forms.Form):
    text = forms.CharField(
        max_length=limit(CaseNote, "text"),
        label="Investigation note",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LinkCaseForm(forms.Form):
    other_case = forms.IntegerField(label="Case number to bring into this case", min_value=1)


class OverrideForm(forms.Form):
    ground = forms.ChoiceField(
        choices=list(ZERO_TOLERANCE_GROUNDS.items()), widget=forms.RadioSelect
    )
    reason = forms.CharField(
        max_length=limit(Case, "override_reason"),
        label="Reason for the override",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    differs_reason = forms.CharField(
        max_length=limit(Case, "override_differs_reason"),
        required=False,
        label="If no incident is recorded as violence, a threat of violence or harassment: "
        "why the override applies anyway",
        help_text="Needed only then. Better still, correct the incident's categories.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PoliceReferralForm(forms.Form):
    referred_on = forms.DateField(label="Date referred", widget=DATE)
    force = forms.CharField(max_length=limit(PoliceReferral, "force"), label="Police force")
    officer = forms.CharField(
        max_length=limit(PoliceReferral, "officer"), required=False, label="Officer"
    )
    crime_reference = forms.CharField(
        max_length=limit(PoliceReferral, "crime_reference"),
        required=False,
        label="Crime reference number",
    )
    outcome = forms.CharField(
        max_length=limit(PoliceReferral, "outcome"),
        required=False,
        label="Outcome",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def referral_input(self) -> PoliceReferralInput:
        d = self.cleaned_data
        return PoliceReferralInput(
            referred_on=d["referred_on"],
            force=d["force"],
            officer=d.get("officer", ""),
            crime_reference=d.get("crime_reference", ""),
            outcome=d.get("outcome", ""),
        )


class SupportDoneForm(forms.Form):
    note = forms.CharField(
        max_length=limit(SupportFollowUp, "outcome_note"),
        required=False,
        label="What was done",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PoliceReferralUpdateForm(forms.Form):
    officer = forms.CharField(
        max_length=limit(PoliceReferral, "officer"), required=False, label="Officer"
    )
    crime_reference = forms.CharField(
        max_length=limit(PoliceReferral, "crime_reference"),
        required=False,
        label="Crime reference number",
    )
    outcome = forms.CharField(
        max_length=limit(PoliceReferral, "outcome"),
        required=False,
        label="Outcome",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
