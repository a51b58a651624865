"""Decisions, restrictions and reviews. Choices come from the policy in force."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from conduct.casework.forms.common import DATE, clause_groups, policy_choices, staff_members
from conduct.casework.models import Decision, Restriction, Review
from conduct.casework.rules import Outcome, add_months
from conduct.casework.services import (
    DecisionInput,
    RestrictionInput,
    ReviewInput,
    SanctionReviewInput,
)
from conduct.casework.wording import long_date
from conduct.core.formfields import choice_field, mark_required_when, model_choice_field
from conduct.core.limits import limit


class RestrictionFields(forms.Form):
    starts_on = forms.DateField(required=False, label="Restriction starts", widget=DATE)
    review_on = forms.DateField(required=False, label="Review date", widget=DATE)
    single_contact = forms.ModelChoiceField(
        queryset=staff_members(), required=False, label="Single point of contact"
    )
    channels_allowed = forms.MultipleChoiceField(
        required=False, label="Channels allowed", widget=forms.CheckboxSelectMultiple
    )
    set_times = forms.CharField(
        required=False,
        max_length=limit(Restriction, "set_times"),
        label="Set times",
        help_text="For example: Tuesdays 10:00 to 11:00.",
    )
    max_call_minutes = forms.IntegerField(
        required=False, min_value=1, label="Longest call, in minutes"
    )
    no_visits = forms.BooleanField(required=False, label="No visits to the office")
    representative_only = forms.BooleanField(
        required=False, label="Contact only through a representative"
    )
    representative_name = forms.CharField(
        required=False,
        max_length=limit(Restriction, "representative_name"),
        label="Representative's name",
    )

    # What the label says instead of "(optional)": these are needed only sometimes.
    required_when: dict[str, str] = {
        "starts_on": "needed for a contact restriction",
        "review_on": "needed for a contact restriction",
        "representative_name": "needed when contact is only through a representative",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "single_contact").queryset = staff_members()
        choice_field(self, "channels_allowed").choices = policy_choices()["channels"]
        for name, when in self.required_when.items():
            if name in self.fields:
                mark_required_when(self.fields[name], when)

    def restriction_input(self) -> RestrictionInput:
        d = self.cleaned_data
        return RestrictionInput(
            starts_on=d.get("starts_on"),
            review_on=d.get("review_on"),
            single_contact=d.get("single_contact"),
            channels_allowed=list(d.get("channels_allowed", [])),
            set_times=d.get("set_times", ""),
            max_call_minutes=d.get("max_call_minutes"),
            no_visits=bool(d.get("no_visits")),
            representative_only=bool(d.get("representative_only")),
            representative_name=d.get("representative_name", ""),
        )


class DecisionForm(RestrictionFields):
    # The "required" messages are the rules' own words (the services check again).
    outcomes = forms.MultipleChoiceField(
        label="Outcome",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one outcome."},
    )
    reasons = forms.CharField(
        max_length=limit(Decision, "reasons"),
        label="Reasons (the client is told these)",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write the reasons for the decision: the client is told why."},
    )
    clauses = forms.MultipleChoiceField(
        label="Policy clauses relied on",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Cite at least one clause of the policy the decision relies on."
        },
    )
    adjustments_note = forms.CharField(
        max_length=limit(Decision, "adjustments_note"),
        required=False,
        label="Reasonable adjustments",
        help_text="Is a disability or vulnerability known? Which adjustments were considered?",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    field_order = ["outcomes", "reasons", "clauses", "adjustments_note"]
    required_when = {
        **RestrictionFields.required_when,
        "adjustments_note": "needed for a contact restriction or a termination",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = policy_choices()
        choice_field(self, "outcomes").choices = choices["outcomes"]
        self.clause_groups = clause_groups()
        choice_field(self, "clauses").choices = [
            item for _, items in self.clause_groups for item in items
        ]
        today = timezone.localdate()
        self.fields["starts_on"].initial = today
        self.fields["starts_on"].help_text = (
            "Today or within the next "
            f"{settings.CASEWORK_RESTRICTION_START_WITHIN_DAYS} days; never in the past."
        )
        self.fields["review_on"].initial = add_months(
            today, settings.CASEWORK_RESTRICTION_DEFAULT_MONTHS
        )
        self.fields["review_on"].help_text = (
            "After the start, at most "
            f"{settings.CASEWORK_RESTRICTION_MAX_MONTHS} months later. "
            "The restriction lapses on this date unless a review renews it."
        )

    def grouped_clauses(self) -> list[tuple[str, list[Any]]]:
        """The clause checkboxes under the policy's own headings."""
        options = {str(o.data["value"]): o for o in self["clauses"]}
        return [
            (title, [options[value] for value, _ in items if value in options])
            for title, items in self.clause_groups
        ]

    def decision_input(self) -> DecisionInput:
        d = self.cleaned_data
        outcomes = list(d["outcomes"])
        return DecisionInput(
            outcomes=outcomes,
            reasons=d["reasons"],
            clauses=list(d["clauses"]),
            adjustments_note=d.get("adjustments_note", ""),
            restriction=self.restriction_input()
            if Outcome.CONTACT_RESTRICTION in outcomes
            else None,
        )


class ReviewForm(RestrictionFields):
    outcome = forms.ChoiceField(
        choices=[
            ("confirm", "Confirm (renew as it is)"),
            ("vary", "Vary (change the terms below)"),
            ("end", "End"),
        ],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        max_length=limit(Review, "reasons"),
        label="Reasons",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    requested_by_client = forms.BooleanField(
        required=False, label="The client asked for this review"
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    field_order = ["outcome", "reasons", "requested_by_client", "review_on"]
    required_when = {
        **RestrictionFields.required_when,
        "review_on": "needed to confirm or vary",
    }

    def __init__(self, *args: Any, current_review_on: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["starts_on"].widget = self.fields["starts_on"].hidden_widget()
        self.fields["review_on"].label = "Next review date"
        self.fields["review_on"].help_text = (
            f"The review date now is {long_date(current_review_on)}. Confirming or varying "
            "renews the restriction until the date you choose here (at most "
            f"{settings.CASEWORK_RESTRICTION_MAX_MONTHS} months from today)."
        )

    def review_input(self) -> ReviewInput:
        d = self.cleaned_data
        return ReviewInput(
            outcome=d["outcome"],
            reasons=d["reasons"],
            requested_by_client=bool(d.get("requested_by_client")),
            next_review_on=d.get("review_on"),
            new_terms=self.restriction_input() if d["outcome"] == "vary" else None,
        )


class SanctionReviewForm(RestrictionFields):
    """Review of a written warning or a termination; the restriction fields are for 'vary'."""

    subject = forms.ChoiceField(label="What is being reviewed", widget=forms.RadioSelect)
    outcome = forms.ChoiceField(
        choices=[
            ("confirm", "Confirm (keep it as it is)"),
            (
                "vary",
                "Vary: a warning gets the new end date below; a termination is replaced "
                "by the contact restriction below",
            ),
            ("end", "End it today"),
        ],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        max_length=limit(Review, "reasons"),
        label="Reasons",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    warning_until = forms.DateField(
        required=False, label="New end date for the warning", widget=DATE
    )

    field_order = ["subject", "outcome", "reasons", "warning_until", "review_on"]
    required_when = {
        **RestrictionFields.required_when,
        "warning_until": "needed to vary a warning",
        "review_on": "needed to replace a termination with a restriction",
    }

    def __init__(self, *args: Any, subjects: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "subject").choices = subjects
        self.fields["starts_on"].widget = self.fields["starts_on"].hidden_widget()
        self.fields["review_on"].label = "Review date of the restriction"

    def review_input(self) -> SanctionReviewInput:
        d = self.cleaned_data
        vary_termination = d["outcome"] == "vary" and d["subject"] == Outcome.TERMINATE_ENGAGEMENT
        return SanctionReviewInput(
            subject=d["subject"],
            outcome=d["outcome"],
            reasons=d["reasons"],
            warning_until=d.get("warning_until"),
            new_terms=self.restriction_input() if vary_termination else None,
        )
