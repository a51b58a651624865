"""Every correspondence state change, one function each, each writing one audit event."""

from conduct.correspondence.services.demand import (
    log_staff_time,
    open_demand_case,
    rebuild_demand,
)
from conduct.correspondence.services.ingest import (
    StoreResult,
    finish_import,
    start_import,
    stop_import,
    store_items,
)
from conduct.correspondence.services.links import LinkRefused, link_sender
from conduct.correspondence.services.review import (
    ReviewRefused,
    dismiss_communication,
    open_full_text,
    refer_communication,
)

__all__ = [
    "LinkRefused",
    "ReviewRefused",
    "StoreResult",
    "dismiss_communication",
    "finish_import",
    "link_sender",
    "log_staff_time",
    "open_demand_case",
    "open_full_text",
    "rebuild_demand",
    "refer_communication",
    "start_import",
    "stop_import",
    "store_items",
]
