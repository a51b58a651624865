"""A client's request (a review of a decision, a copy of their data) and its deadline.

Nothing here writes: changes go through ``requests.services``.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models

from conduct.clients.models import Client
from conduct.privacy.models import SubjectAccessExport
from conduct.requests import rules

USER = settings.AUTH_USER_MODEL


class ClientRequest(models.Model):
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="requests")
    reference = models.CharField(max_length=20, unique=True, blank=True)
    kind = models.CharField(max_length=20, choices=list(rules.KINDS.items()))
    channel = models.CharField(max_length=20, choices=list(rules.CHANNELS.items()))
    received_on = models.DateField()
    summary = models.TextField(help_text="What the client asked for, in their terms.")
    decision = models.ForeignKey(
        "casework.Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="client_requests",
    )
    due_on = models.DateField(help_text="The deadline as first set, from receipt.")
    extended_due_on = models.DateField(null=True, blank=True)
    extension_months = models.PositiveSmallIntegerField(default=0)
    extension_reason = models.TextField(blank=True)
    extension_told_on = models.DateField(
        null=True, blank=True, help_text="When the client was told of the extension, and why."
    )
    extended_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    extended_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=list(rules.STATUSES.items()), default=rules.OPEN
    )
    closed_on = models.DateField(null=True, blank=True)
    outcome_note = models.TextField(blank=True)
    closed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    exported_at = models.DateTimeField(null=True, blank=True)
    export = models.ForeignKey(
        SubjectAccessExport,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="client_requests",
        help_text="The subject access export that answers the request (the latest asked for).",
    )
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["received_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="request_status_due_idx")]

    def __str__(self) -> str:
        return self.reference or f"Request {self.pk}"

    @property
    def deadline(self) -> date:
        """The deadline in force: the extended one where there is one."""
        return self.extended_due_on or self.due_on

    @property
    def is_open(self) -> bool:
        return self.status == rules.OPEN
