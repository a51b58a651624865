"""What each part of the product holds about a client, and how long it keeps it.

Privacy's view of ``conduct.core.personal_data``: each app registers its own
record type from its ``AppConfig.ready``, saying where its erasure goes among
the others; privacy only iterates ``record_types()``, in that order. To add an
app, give it a ``personal_data.py`` and register it in its ``ready``.
"""

from __future__ import annotations

from conduct.core.personal_data import RecordType, Section, as_day, plain, record_types

__all__ = ["RecordType", "Section", "as_day", "plain", "record_types"]
