"""Casework records. Nothing here writes: changes go through ``casework.services``."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models

from conduct.casework.rules import Outcome
from conduct.clients.models import Client
from conduct.policy.models import PolicyVersion

USER = settings.AUTH_USER_MODEL


class Script(models.Model):
    """Words staff say on the live-call guide; admins edit them in Django's admin."""

    key = models.SlugField(max_length=40, unique=True)
    title = models.CharField(max_length=120)
    text = models.TextField()

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.title


class Case(models.Model):
    """Senior Management's handling of one or more incidents about one client."""

    OPEN, DECIDED, MERGED = "open", "decided", "merged"
    STATUSES = [(OPEN, "Open"), (DECIDED, "Decided"), (MERGED, "Merged into another case")]

    client = models.ForeignKey(
        Client, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    status = models.CharField(max_length=10, choices=STATUSES, default=OPEN)
    opened_at = models.DateTimeField()
    due_on = models.DateField(help_text="Decision due (service level, in working days).")
    assigned_to = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    override_ground = models.CharField(
        max_length=30, blank=True, help_text="Zero-tolerance override."
    )
    override_reason = models.TextField(blank=True, max_length=5000)
    override_differs_reason = models.TextField(
        blank=True,
        max_length=5000,
        help_text="Why the override's ground is not among the recorded categories.",
    )
    override_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    override_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["opened_at", "pk"]

    def __str__(self) -> str:
        return f"Case {self.pk}"


class Incident(models.Model):
    """A recorded occurrence of possibly unacceptable behaviour."""

    LIVE, RECORDED = "live", "recorded"
    STATUSES = [(LIVE, "Call in progress"), (RECORDED, "Recorded")]

    client = models.ForeignKey(
        Client, null=True, blank=True, on_delete=models.PROTECT, related_name="incidents"
    )
    caller_number = models.CharField(max_length=40, blank=True)
    caller_address = models.TextField(blank=True, max_length=1000)
    channel = models.CharField(max_length=20)
    occurred_at = models.DateTimeField()
    categories = models.JSONField(default=list)
    what_happened = models.TextField(blank=True, max_length=20_000)
    verbatim_words = models.TextField(blank=True, max_length=20_000)
    staff_actions = models.JSONField(default=list)
    warning_given = models.BooleanField(default=False)
    client_response = models.TextField(blank=True, max_length=5000)
    witnesses = models.TextField(blank=True, max_length=5000)
    felt_unsafe = models.BooleanField(default=False)
    wants_support = models.BooleanField(default=False)
    wellbeing_note = models.TextField(
        blank=True, max_length=5000, help_text="Seen only by the staff member and senior managers."
    )
    call_steps = models.JSONField(default=list, help_text="Live-call guide: [{step, at}] in order.")
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    policy_version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=STATUSES, default=RECORDED)
    referred_unfinished = models.BooleanField(
        default=False,
        help_text="The live-call record was not finished: it was referred automatically.",
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="incidents"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-occurred_at", "-pk"]

    def __str__(self) -> str:
        return f"Incident {self.pk}"


class IncidentRevision(models.Model):
    """The incident as it was before an edit: edits are history, not overwrites."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    changed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField()
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["incident", "number"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "number"], name="incident_revision_unique")
        ]

    def __str__(self) -> str:
        return f"Incident {self.incident_id} revision {self.number}"


class Evidence(models.Model):
    """A file kept content-addressed by SHA-256; served only as a download."""

    incident = models.ForeignKey(
        Incident, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=60)
    original_name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.sha256[:12]})"


class CaseNote(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(max_length=20_000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Note on case {self.case_id}"


class Decision(models.Model):
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="decision")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="decisions")
    outcomes = models.JSONField()
    reasons = models.TextField(max_length=20_000)
    clauses = models.JSONField()
    adjustments_note = models.TextField(blank=True, max_length=20_000)
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    policy_version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"Decision on case {self.case_id}"


class WarningQuerySet(models.QuerySet["ClientWarning"]):
    def in_force(self, day: date) -> WarningQuerySet:
        """Given by ``day``, not yet expired, not ended by a review, and backed by a record."""
        return (
            self.filter(given_on__lte=day, active_until__gte=day)
            .exclude(ended_on__lte=day)
            .exclude(incident__isnull=True, decision__isnull=True)
        )


class ClientWarning(models.Model):
    """A request to the client to modify their behaviour, with the reason explained."""

    VERBAL, WRITTEN = "verbal", "written"
    KINDS = [(VERBAL, "Verbal, on a call"), (WRITTEN, "Written")]

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="warnings")
    kind = models.CharField(max_length=10, choices=KINDS)
    incident = models.ForeignKey(
        Incident, null=True, blank=True, on_delete=models.PROTECT, related_name="warnings"
    )
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="warnings"
    )
    given_on = models.DateField()
    active_until = models.DateField()
    about = models.CharField(max_length=300)
    given_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    ended_on = models.DateField(
        null=True, blank=True, help_text="Ended early by a review (the client asked)."
    )

    objects = WarningQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} warning {self.given_on}"


class Restriction(models.Model):
    ACTIVE, LAPSED, ENDED = "active", "lapsed", "ended"
    STATUSES = [(ACTIVE, "In force"), (LAPSED, "Lapsed at review date"), (ENDED, "Ended on review")]

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="restrictions")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="restrictions")
    starts_on = models.DateField()
    review_on = models.DateField()
    single_contact = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    channels_allowed = models.JSONField(default=list)
    set_times = models.CharField(max_length=200, blank=True)
    max_call_minutes = models.PositiveIntegerField(null=True, blank=True)
    no_visits = models.BooleanField(default=False)
    representative_only = models.BooleanField(default=False)
    representative_name = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=STATUSES, default=ACTIVE)
    ended_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return f"Restriction {self.pk} until {self.review_on}"


class Review(models.Model):
    """A re-examination of a decision's sanction by a senior manager who did not make it.

    ``subject`` is the outcome reviewed: a contact restriction (at its review
    date or on request), a written warning or a termination (on request).
    """

    OUTCOMES = [("confirm", "Confirm"), ("vary", "Vary"), ("end", "End")]
    RESTRICTION, WARNING, TERMINATION = (
        Outcome.CONTACT_RESTRICTION,
        Outcome.WRITTEN_WARNING,
        Outcome.TERMINATE_ENGAGEMENT,
    )
    SUBJECTS = [
        (RESTRICTION, "Contact restriction"),
        (WARNING, "Written warning"),
        (TERMINATION, "Termination of engagement"),
    ]

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="reviews")
    subject = models.CharField(max_length=30, choices=SUBJECTS, default=RESTRICTION)
    restriction = models.ForeignKey(
        Restriction, null=True, blank=True, on_delete=models.PROTECT, related_name="reviews"
    )
    warning = models.ForeignKey(
        ClientWarning, null=True, blank=True, on_delete=models.PROTECT, related_name="reviews"
    )
    requested_by_client = models.BooleanField(default=False)
    reviewer = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=10, choices=OUTCOMES)
    reasons = models.TextField(max_length=20_000)
    previous_terms = models.JSONField()
    next_review_on = models.DateField(null=True, blank=True)
    reviewed_at = models.DateTimeField()

    class Meta:
        ordering = ["-reviewed_at"]

    def __str__(self) -> str:
        return f"Review of decision {self.decision_id} ({self.subject}): {self.outcome}"


class PoliceReferral(models.Model):
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="police_referrals")
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="police_referrals"
    )
    referred_on = models.DateField()
    force = models.CharField(max_length=120)
    officer = models.CharField(max_length=120, blank=True)
    crime_reference = models.CharField(max_length=60, blank=True)
    outcome = models.TextField(blank=True, max_length=5000)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-referred_on", "-pk"]

    def __str__(self) -> str:
        return f"Police referral {self.crime_reference or self.pk}"


class SupportFollowUp(models.Model):
    """A wellbeing follow-up for a senior manager, listed until marked done."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="support_items")
    staff_member = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome_note = models.TextField(blank=True, max_length=5000)

    class Meta:
        ordering = ["done_at", "created_at"]

    def __str__(self) -> str:
        return f"Support follow-up for incident {self.incident_id}"
