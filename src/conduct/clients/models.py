from __future__ import annotations

from django.db import models

from conduct.clients import contact
from conduct.clients.contact import KINDS, display_phone


class Client(models.Model):
    """A person or organisation the firm serves. Never logs in; the subject of every record."""

    reference = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    postal_address = models.TextField(blank=True, max_length=2000)
    notes = models.TextField(blank=True, max_length=10_000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name", "reference"]
        indexes = [models.Index(fields=["name"], name="client_name_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.reference})"


class ContactPoint(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="contact_points")
    kind = models.CharField(max_length=10, choices=list(KINDS.items()))
    value = models.CharField(max_length=contact.MAX_LENGTH, help_text="As entered.")
    normalised = models.CharField(max_length=contact.MAX_LENGTH, db_index=True)

    class Meta:
        ordering = ["kind", "normalised"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "kind", "normalised"], name="contact_point_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        return display_phone(self.normalised) if self.kind == "phone" else self.value
