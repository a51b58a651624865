"""Every change to a client's request: one function each, atomic, one audit event."""

from conduct.requests.services.changes import (
    close_request,
    extend_request,
    produce_subject_access,
    record_request,
)
from conduct.requests.services.reminders import send_request_reminders

__all__ = [
    "close_request",
    "extend_request",
    "produce_subject_access",
    "record_request",
    "send_request_reminders",
]
