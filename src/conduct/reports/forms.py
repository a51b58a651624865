from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from conduct.reports.tables import Period

DATE = forms.DateInput(attrs={"type": "date", "class": "input--narrow"})


class PeriodForm(forms.Form):
    start = forms.DateField(label="From", required=False, widget=DATE)
    end = forms.DateField(label="To", required=False, widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError("The end date must be on or after the start date.")
        return data

    def period(self, today: date) -> Period:
        """The chosen period; the last twelve months when nothing (valid) was chosen."""
        default = Period.last_year_to(today)
        if not self.is_bound or not self.is_valid():
            return default
        start = self.cleaned_data.get("start") or default.start
        end = self.cleaned_data.get("end") or today
        return Period(start, end) if end >= start else default


class MonthForm(forms.Form):
    month = forms.DateField(
        label="Month",
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month", "class": "input--narrow"}, format="%Y-%m"),
        help_text="For example 2026-10.",
    )

    def period(self) -> Period:
        chosen: date = self.cleaned_data["month"]
        return Period.month(chosen.year, chosen.month)
