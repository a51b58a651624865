"""The one place a request reaches the privacy app's subject access export.

Producing the archive may move into the background; whatever does it, the
request services call ``produce_export`` and nothing else.
"""

from __future__ import annotations

from typing import Any

from conduct.clients.models import Client
from conduct.privacy.subject_access import Export, export_subject_access


def produce_export(client: Client, *, actor: Any, redact_third_parties: bool) -> Export:
    """The subject access archive for ``client`` (audited by the privacy app)."""
    return export_subject_access(client, actor=actor, redact_third_parties=redact_third_parties)
