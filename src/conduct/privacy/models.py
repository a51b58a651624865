"""Legal holds. Nothing here writes: changes go through ``privacy.holds``."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from conduct.clients.models import Client


class LegalHold(models.Model):
    """While a hold is in force, retention removes nothing about the client."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="legal_holds")
    reason = models.TextField(max_length=2000)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-set_at", "-pk"]
        permissions = [
            ("export_subject_access", "Can export everything held about a client"),
            ("run_retention", "Can preview and run retention"),
        ]

    def __str__(self) -> str:
        return f"Legal hold {self.pk} on client {self.client_id}"

    @property
    def active(self) -> bool:
        return self.lifted_at is None


class SubjectAccessExport(models.Model):
    """One subject access export, made in the background; its ZIP is kept for
    ``CONDUCT_SUBJECT_ACCESS_KEEP_DAYS`` after it is ready, then removed.
    Nothing here writes: changes go through ``privacy.exports``."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being made"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Failed"
        REMOVED = "removed", "Removed after its keeping period"

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="subject_access_exports"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    request_reference = models.CharField(
        max_length=100, blank=True, help_text="The subject access request this answers, if any."
    )
    redact_third_parties = models.BooleanField(default=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent done.")
    step = models.CharField(max_length=200, blank=True, help_text="What it is doing now.")
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True, help_text="Why it failed; no content.")
    file_name = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    records = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"Subject access export {self.pk} of client {self.client_id}"

    @property
    def finished(self) -> bool:
        return self.state in {self.State.READY, self.State.FAILED, self.State.REMOVED}
