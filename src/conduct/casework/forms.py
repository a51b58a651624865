"""Casework forms. Choices come from the policy in force."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from conduct.accounts.roles import Role
from conduct.casework.rules import ZERO_TOLERANCE_GROUNDS, add_months
from conduct.casework.services import (
    DecisionInput,
    IncidentDetails,
    PoliceReferralInput,
    RestrictionInput,
    ReviewInput,
    SanctionReviewInput,
)
from conduct.clients.models import Client
from conduct.policy.services import current_policy

DATE = forms.DateInput(attrs={"type": "date", "class": "input--narrow"}, format="%Y-%m-%d")


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _policy_choices() -> dict[str, list[tuple[str, str]]]:
    policy = current_policy()
    return {
        "channels": [(c, policy.channel_title(c)) for c in policy.channels],
        "categories": [(c.id, c.title) for c in policy.categories],
        "staff_rights": [(r.id, r.text.rstrip(".")) for r in policy.staff_rights],
        "outcomes": [(o.id, o.title) for o in policy.outcomes],
        "clauses": [
            (c, f"{c}: {policy.clause_text(c)}"[:140]) for c in sorted(policy.clause_ids())
        ],
    }


def senior_managers() -> Any:
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.SENIOR_MANAGER.value)
        .distinct()
    )


def staff_members() -> Any:
    names = [Role.STAFF.value, Role.SENIOR_MANAGER.value]
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=names)
        .distinct()
        .order_by("username")
    )


class WellbeingFields(forms.Form):
    felt_unsafe = forms.BooleanField(required=False, label="I felt unsafe")
    wants_support = forms.BooleanField(
        required=False,
        label="I would like support",
        help_text="A senior manager will follow up with you.",
    )
    wellbeing_note = forms.CharField(
        required=False,
        label="Anything you want your manager to know",
        help_text="Seen only by you and senior managers.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class IncidentForm(WellbeingFields):
    client = forms.ModelChoiceField(
        queryset=Client.objects.all(),
        required=False,
        label="Client",
        help_text="Leave empty for an unknown caller.",
    )
    caller_number = forms.CharField(
        required=False, max_length=40, label="Unknown caller's phone number"
    )
    caller_address = forms.CharField(
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
    what_happened = forms.CharField(label="What happened", widget=forms.Textarea(attrs={"rows": 4}))
    verbatim_words = forms.CharField(
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
        required=False,
        label="How the client responded to the warning",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    witnesses = forms.CharField(
        required=False, label="Witnesses", widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence = forms.FileField(
        required=False, label="Evidence file", help_text="PDF, image, audio or plain text."
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    field_order = [
        "client", "caller_number", "caller_address", "channel", "occurred_at", "categories", "what_happened",
        "verbatim_words", "staff_actions", "warning_given", "client_response", "witnesses", "evidence",
        "felt_unsafe", "wants_support", "wellbeing_note",
    ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = _policy_choices()
        self.fields["channel"].choices = choices["channels"]  # type: ignore[attr-defined]
        self.fields["categories"].choices = choices["categories"]  # type: ignore[attr-defined]
        self.fields["staff_actions"].choices = choices["staff_rights"]  # type: ignore[attr-defined]
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
    caller_number = forms.CharField(required=False, max_length=40, label="Unknown caller's number")


class CallFinishForm(WellbeingFields):
    categories = forms.MultipleChoiceField(
        label="What kind of behaviour", widget=forms.CheckboxSelectMultiple
    )
    what_happened = forms.CharField(label="What happened", widget=forms.Textarea(attrs={"rows": 3}))
    verbatim_words = forms.CharField(
        required=False,
        label="The words used, as exactly as you can",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    client_response = forms.CharField(
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
        self.fields["categories"].choices = _policy_choices()["categories"]  # type: ignore[attr-defined]

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
    client = forms.ModelChoiceField(
        queryset=Client.objects.all(), label="The client this caller turned out to be"
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(label="Evidence file", help_text="PDF, image, audio or plain text.")


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(queryset=senior_managers(), label="Assign to")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = senior_managers()  # type: ignore[attr-defined]


class NoteForm(forms.Form):
    text = forms.CharField(label="Investigation note", widget=forms.Textarea(attrs={"rows": 3}))


class LinkCaseForm(forms.Form):
    other_case = forms.IntegerField(label="Case number to bring into this case", min_value=1)


class OverrideForm(forms.Form):
    ground = forms.ChoiceField(
        choices=list(ZERO_TOLERANCE_GROUNDS.items()), widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label="Reason for the override", widget=forms.Textarea(attrs={"rows": 2})
    )


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
        max_length=200,
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
        required=False, max_length=200, label="Representative's name"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["single_contact"].queryset = staff_members()  # type: ignore[attr-defined]
        self.fields["channels_allowed"].choices = _policy_choices()["channels"]  # type: ignore[attr-defined]

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
        required=False,
        label="Reasonable adjustments",
        help_text="Is a disability or vulnerability known? Which adjustments were considered?",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    field_order = ["outcomes", "reasons", "clauses", "adjustments_note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = _policy_choices()
        self.fields["outcomes"].choices = choices["outcomes"]  # type: ignore[attr-defined]
        self.fields["clauses"].choices = choices["clauses"]  # type: ignore[attr-defined]
        today = timezone.localdate()
        self.fields["starts_on"].initial = today
        self.fields["review_on"].initial = add_months(
            today, settings.CASEWORK_RESTRICTION_DEFAULT_MONTHS
        )

    def decision_input(self) -> DecisionInput:
        d = self.cleaned_data
        outcomes = list(d["outcomes"])
        return DecisionInput(
            outcomes=outcomes,
            reasons=d["reasons"],
            clauses=list(d["clauses"]),
            adjustments_note=d.get("adjustments_note", ""),
            restriction=self.restriction_input() if "contact_restriction" in outcomes else None,
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
    reasons = forms.CharField(label="Reasons", widget=forms.Textarea(attrs={"rows": 3}))
    requested_by_client = forms.BooleanField(
        required=False, label="The client asked for this review"
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    field_order = ["outcome", "reasons", "requested_by_client", "review_on"]

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
    reasons = forms.CharField(label="Reasons", widget=forms.Textarea(attrs={"rows": 3}))
    warning_until = forms.DateField(
        required=False, label="New end date for the warning (vary only)", widget=DATE
    )

    field_order = ["subject", "outcome", "reasons", "warning_until", "review_on"]

    def __init__(self, *args: Any, subjects: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = subjects  # type: ignore[attr-defined]
        self.fields["starts_on"].widget = self.fields["starts_on"].hidden_widget()
        self.fields["review_on"].label = "Review date of the restriction (vary a termination)"

    def review_input(self) -> SanctionReviewInput:
        d = self.cleaned_data
        vary_termination = d["outcome"] == "vary" and d["subject"] == "terminate_engagement"
        return SanctionReviewInput(
            subject=d["subject"],
            outcome=d["outcome"],
            reasons=d["reasons"],
            warning_until=d.get("warning_until"),
            new_terms=self.restriction_input() if vary_termination else None,
        )


class PoliceReferralForm(forms.Form):
    referred_on = forms.DateField(label="Date referred", widget=DATE)
    force = forms.CharField(max_length=120, label="Police force")
    officer = forms.CharField(max_length=120, required=False, label="Officer")
    crime_reference = forms.CharField(max_length=60, required=False, label="Crime reference number")
    outcome = forms.CharField(
        required=False, label="Outcome", widget=forms.Textarea(attrs={"rows": 2})
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
        required=False, label="What was done", widget=forms.Textarea(attrs={"rows": 2})
    )


class PoliceReferralUpdateForm(forms.Form):
    officer = forms.CharField(max_length=120, required=False, label="Officer")
    crime_reference = forms.CharField(max_length=60, required=False, label="Crime reference number")
    outcome = forms.CharField(
        required=False, label="Outcome", widget=forms.Textarea(attrs={"rows": 2})
    )
