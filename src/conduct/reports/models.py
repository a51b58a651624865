"""Reports store nothing: this table-less model only carries the permission."""

from __future__ import annotations

from django.db import models


class Report(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_reports", "Can view management reports")]

    def __str__(self) -> str:
        return "Management report"
