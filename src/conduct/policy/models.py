from __future__ import annotations

from django.conf import settings
from django.db import models


class PolicyVersion(models.Model):
    """One loaded version of the organisation's policy. Records made under a
    policy keep a reference to the version and the clause ids they cite."""

    policy_key = models.CharField(max_length=100)
    version = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    source_yaml = models.TextField()
    source_text = models.TextField(blank=True)
    loaded_at = models.DateTimeField(auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_current = models.BooleanField(default=False)

    class Meta:
        ordering = ["-loaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["policy_key", "version"], name="policy_version_unique"),
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="policy_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"
