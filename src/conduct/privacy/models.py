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
