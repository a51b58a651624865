"""How long a text may be: each limit is the model field's ``max_length``.

Forms and API schemas read it from here, so a page and the API refuse the
same input (a ``TextField`` with ``max_length`` adds no database constraint,
only the validation both share).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured


def limit(model: Any, field: str) -> int:
    """The ``max_length`` of ``model.field``; a field without one is a mistake."""
    length = model._meta.get_field(field).max_length
    if length is None:
        raise ImproperlyConfigured(f"{model.__name__}.{field} has no max_length")
    return int(length)
