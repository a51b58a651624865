"""Correspondence records. Nothing here writes: changes go through ``correspondence.services``."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from conduct.clients.models import Client

USER = settings.AUTH_USER_MODEL

WRITTEN_CHANNELS = ("email", "letter", "social_media", "web_form")


class Communication(models.Model):
    """One message or contact in or out, with its screening state."""

    IN, OUT = "in", "out"
    DIRECTIONS = [(IN, "From the client"), (OUT, "To the client")]

    NOT_FLAGGED, PENDING, REFERRED, DISMISSED = "", "pending", "referred", "dismissed"
    REVIEW_STATES = [
        (NOT_FLAGGED, "Not flagged"),
        (PENDING, "Awaiting review"),
        (REFERRED, "Referred to Senior Management"),
        (DISMISSED, "Dismissed as not abusive"),
    ]

    channel = models.CharField(max_length=20)
    direction = models.CharField(max_length=3, choices=DIRECTIONS, default=IN)
    occurred_at = models.DateTimeField(db_index=True)
    occurred_on = models.DateField(help_text="Local date of occurred_at, for fast daily counts.")
    received_at = models.DateTimeField()
    client = models.ForeignKey(
        Client, null=True, blank=True, on_delete=models.PROTECT, related_name="communications"
    )
    staff = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sender_kind = models.CharField(max_length=10, blank=True, help_text="email, phone or social.")
    sender_key = models.CharField(max_length=254, blank=True, db_index=True)
    sender_display = models.CharField(max_length=300, blank=True)
    subject = models.CharField(max_length=500, blank=True)
    body = models.TextField(blank=True)
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    url = models.CharField(max_length=500, blank=True)
    message_id = models.CharField(max_length=500, blank=True)
    in_reply_to = models.CharField(max_length=500, blank=True)
    references = models.TextField(blank=True)
    thread_key = models.CharField(max_length=500, blank=True, db_index=True)
    dedup_key = models.CharField(max_length=80, unique=True)
    fingerprint = models.CharField(max_length=32, blank=True, db_index=True)
    info_request = models.BooleanField(default=False)
    source = models.CharField(max_length=200, blank=True)
    do_not_reply = models.BooleanField(default=False)
    review_state = models.CharField(max_length=10, choices=REVIEW_STATES, blank=True, default="")
    routed_to = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    incident = models.ForeignKey(
        "casework.Incident", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    original_sha256 = models.CharField(
        max_length=64,
        blank=True,
        help_text="A flagged message as received, stored by SHA-256 like an attachment.",
    )
    original_type = models.CharField(max_length=40, blank=True)
    original_size = models.PositiveBigIntegerField(null=True, blank=True)
    stored_by_batch = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["client", "occurred_at"], name="comm_client_time_idx"),
            models.Index(fields=["client", "occurred_on"], name="comm_client_day_idx"),
            models.Index(fields=["review_state", "occurred_at"], name="comm_review_idx"),
        ]
        permissions = [
            ("review_communication", "Can review flagged communications"),
            ("link_communication", "Can link unmatched communications to clients"),
            ("ingest_communication", "Can import communications"),
            ("view_demand", "Can see demand analytics"),
        ]

    def __str__(self) -> str:
        return f"Communication {self.pk}"

    @property
    def written(self) -> bool:
        return self.channel in WRITTEN_CHANNELS


class ScreeningResult(models.Model):
    """What the screener found in a written communication, with the model that decided."""

    communication = models.OneToOneField(
        Communication, on_delete=models.CASCADE, related_name="screening"
    )
    flagged = models.BooleanField()
    score = models.FloatField()
    categories = models.JSONField(default=list)
    category_scores = models.JSONField(default=dict)
    evidence = models.JSONField(default=list)
    actions = models.JSONField(default=list)
    model_name = models.CharField(max_length=100)
    model_version = models.CharField(max_length=40)
    thresholds = models.JSONField(default=dict)
    screened_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Screening of communication {self.communication_id}"


class ScreeningFeedback(models.Model):
    """A person's verdict on a screening result, kept for retraining."""

    NOT_ABUSIVE, ABUSIVE = "not_abusive", "abusive"
    LABELS = [(NOT_ABUSIVE, "Not abusive"), (ABUSIVE, "Abusive")]

    communication = models.ForeignKey(
        Communication, on_delete=models.CASCADE, related_name="feedback"
    )
    label = models.CharField(max_length=12, choices=LABELS)
    model_name = models.CharField(max_length=100)
    model_version = models.CharField(max_length=40)
    given_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    given_at = models.DateTimeField()

    class Meta:
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"{self.label} on communication {self.communication_id}"


class Attachment(models.Model):
    """A file that came with a communication, stored outside the database by SHA-256."""

    communication = models.ForeignKey(
        Communication, on_delete=models.CASCADE, related_name="attachments"
    )
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    filename = models.CharField(max_length=200)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.sha256[:12]})"


class SenderLink(models.Model):
    """A sender staff linked to a client: later items from them match automatically."""

    kind = models.CharField(max_length=10)
    key = models.CharField(max_length=254)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    linked_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="sender_link_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


class ImportRun(models.Model):
    """One run of an import, with what it stored and what it refused (and why)."""

    source = models.CharField(max_length=300)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    flagged = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, help_text="[{item, reason}], no message text.")
    stopped_reason = models.CharField(
        max_length=300, blank=True, help_text="Why the run stopped before its end, if it did."
    )

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"Import {self.pk}"

    @property
    def state(self) -> str:
        """finished, stopped (with a reason) or unfinished (running, or killed)."""
        if self.finished_at is not None:
            return "finished"
        return "stopped" if self.stopped_reason else "unfinished"


class MailboxState(models.Model):
    """Where IMAP polling got to: each message is taken once per UIDVALIDITY."""

    account = models.CharField(max_length=300, unique=True, help_text="user@host:port/mailbox")
    uidvalidity = models.BigIntegerField(default=0)
    last_uid = models.BigIntegerField(default=0)
    polled_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.account


class MailboxAction(models.Model):
    """A flagged message to take out of the watched IMAP folder (or to mark there).

    Written in the same transaction as the message itself, and done afterwards;
    one left undone by a dropped connection is done by the next poll. The UID
    belongs to the folder's UIDVALIDITY: if that changes, the row is abandoned
    and the rescan plans the message again.
    """

    MOVE, KEYWORD = "move", "keyword"
    state = models.ForeignKey(MailboxState, on_delete=models.CASCADE, related_name="actions")
    uidvalidity = models.BigIntegerField()
    uid = models.BigIntegerField()
    communication = models.ForeignKey(
        Communication, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=[(MOVE, "Move"), (KEYWORD, "Keyword")])
    target = models.CharField(max_length=300, help_text="the folder moved to, or the keyword set")
    created_at = models.DateTimeField(auto_now_add=True)
    placeholder_left = models.BooleanField(default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    abandoned = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["state", "uidvalidity", "uid"], name="one_action_per_message"
            )
        ]
        indexes = [models.Index(fields=["state", "done_at"], name="mailbox_action_pending_idx")]

    def __str__(self) -> str:
        return f"{self.action} UID {self.uid} of {self.state}"


class TimeEntry(models.Model):
    """Staff time logged against a client (beyond call durations)."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    on = models.DateField()
    minutes = models.PositiveIntegerField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.minutes} min on {self.on}"


class DemandDay(models.Model):
    """What a client asked of the organisation on one local day: derived, kept up to date by
    ``correspondence.aggregates`` in the same transaction as each change, rebuilt by
    ``conduct demand rebuild``."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    incoming = models.PositiveIntegerField(default=0, help_text="Contacts from the client.")
    information_requests = models.PositiveIntegerField(default=0)
    call_seconds = models.PositiveBigIntegerField(default=0, help_text="Phone calls, both ways.")
    logged_minutes = models.PositiveIntegerField(default=0, help_text="Staff time logged.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "day"], name="demand_day_unique"),
        ]
        # Covering (the counts are key columns because SQLite has no INCLUDE): a period's
        # figures for the whole organisation are read from this index alone.
        indexes = [
            models.Index(
                fields=[
                    "day",
                    "client",
                    "incoming",
                    "information_requests",
                    "call_seconds",
                    "logged_minutes",
                ],
                name="demand_day_cover_idx",
            )
        ]

    def __str__(self) -> str:
        return f"Demand of client {self.client_id} on {self.day}"


class DemandChannelDay(models.Model):
    """Contacts with a client on one local day by channel and direction (derived)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    channel = models.CharField(max_length=20)
    direction = models.CharField(max_length=3)
    contacts = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client", "day", "channel", "direction"], name="demand_channel_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.direction} of client {self.client_id} on {self.day}"


class DemandRepeat(models.Model):
    """Near-identical messages from a client (same fingerprint) on one local day (derived)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    fingerprint = models.CharField(max_length=32)
    day = models.DateField()
    messages = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client", "fingerprint", "day"], name="demand_repeat_unique"
            ),
        ]
        indexes = [models.Index(fields=["fingerprint", "day"], name="demand_repeat_fp_idx")]

    def __str__(self) -> str:
        return f"Repeats of client {self.client_id} on {self.day}"


class DemandRepeatTotal(models.Model):
    """All-time count of a client's messages with one fingerprint (derived): only groups of at
    least the repeat threshold can be repeats within a period, so the outlier list looks at
    those alone."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    fingerprint = models.CharField(max_length=32)
    messages = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "fingerprint"], name="demand_total_unique"),
        ]
        indexes = [models.Index(fields=["messages"], name="demand_total_messages_idx")]

    def __str__(self) -> str:
        return f"Repeat group of client {self.client_id}"


class DemandVersion(models.Model):
    """One row whose number goes up with every change to the demand figures, in the same
    transaction: cached organisation figures are keyed on it, in every process."""

    number = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Demand figures version {self.number}"
