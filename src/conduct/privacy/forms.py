from __future__ import annotations

from django import forms

from conduct.core.limits import limit
from conduct.privacy.models import LegalHold


class SubjectAccessForm(forms.Form):
    redact_third_parties = forms.BooleanField(
        required=False,
        initial=True,
        label="Redact staff names and other third parties",
        help_text=(
            "Staff become “Staff member 1”, “Staff member 2” (in free text too); witnesses, "
            "representatives and police officers are removed. Evidence files are included as they are."
        ),
    )

    request_reference = forms.CharField(
        required=False,
        max_length=100,
        label="Request reference (optional)",
        help_text="The reference of the subject access request this answers, if it has one.",
    )


class HoldForm(forms.Form):
    reason = forms.CharField(
        label="Reason for the legal hold",
        max_length=limit(LegalHold, "reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example the claim, complaint or investigation the records are needed for.",
    )


class LiftForm(forms.Form):
    reason = forms.CharField(
        label="Reason for lifting the hold",
        max_length=limit(LegalHold, "lift_reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
