"""Casework through the API: the same services, rules and audit events as the pages.

No ``from __future__ import annotations`` in these modules: ninja reads the annotations.
"""

from conduct.casework.api import cases, clients, incidents
from conduct.casework.api.common import router

__all__ = ["cases", "clients", "incidents", "router"]
