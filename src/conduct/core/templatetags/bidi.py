"""``{{ value|isolate }}`` for places where ``<bdi>`` cannot go (page titles).

Loaded into every template as a builtin (``TEMPLATES`` in settings).
"""

from __future__ import annotations

from typing import Any

from django import template

from conduct.core.bidi import isolate as _isolate

register = template.Library()


@register.filter
def isolate(value: Any) -> str:
    return _isolate("" if value is None else str(value))
