"""The one place a request reaches the privacy app's subject access export.

The privacy app makes the archive in the background; the request services call
``produce_export`` and nothing else.
"""

from __future__ import annotations

from typing import Any

from conduct.clients.models import Client
from conduct.privacy.exports import request_subject_access_export
from conduct.privacy.models import SubjectAccessExport


def produce_export(
    client: Client, *, actor: Any, reference: str, redact_third_parties: bool
) -> SubjectAccessExport:
    """Queue the subject access export of ``client`` answering request ``reference``.

    The privacy app records the request (``privacy.subject_access.requested``)
    and makes the archive in the background once the transaction commits.
    """
    return request_subject_access_export(
        client, actor=actor, reference=reference, redact_third_parties=redact_third_parties
    )
