from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One entry of the append-only, hash-chained audit log.

    ``hash`` covers every column except the payload itself, which is covered
    through ``payload_sha256``; that lets retention redact a payload later
    (recording that it did) without breaking the chain.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=150, help_text="Username at the time, or 'system'.")
    action = models.CharField(max_length=80, db_index=True)
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    client_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    payload = models.JSONField(default=dict)
    payload_sha256 = models.CharField(max_length=64)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    redacted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-seq"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"

    @property
    def sentence(self) -> str:
        from conduct.audit.actions import describe

        return describe(self.action, self.payload if isinstance(self.payload, dict) else {})


class ChainHead(models.Model):
    """A single row holding the newest sequence number and hash.

    Appending locks this row, so two writers can never chain onto the same
    predecessor, on PostgreSQL (row lock) as on SQLite (database write lock).
    """

    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"audit head at #{self.last_seq}"
