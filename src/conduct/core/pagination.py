"""Limit/offset pagination with bounds, for every list in the API.

django-ninja's own ``LimitOffsetPagination`` accepts any offset, and an offset
past what the database's integers hold fails there with a 500; here both
numbers are bounded, so the caller gets a 422 instead.
"""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000


class BoundedPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
