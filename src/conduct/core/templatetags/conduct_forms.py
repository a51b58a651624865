"""Form rendering without a template per checkbox: ``{{ option|option_input }}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def option_input(option: Any) -> SafeString:
    """The ``<input>`` of one checkbox or radio option (a ``BoundWidget``), exactly as
    Django's ``input.html`` writes it, without rendering two templates per option (a form of
    forty options rendered eighty)."""
    widget = option.data
    value = widget["value"]
    attrs = format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if v is True else format_html(' {}="{}"', name, v),)
            for name, v in widget["attrs"].items()
            if v is not False
        ),
    )
    return mark_safe(  # noqa: S308 - every part is escaped by format_html above
        format_html('<input type="{}" name="{}"', widget["type"], widget["name"])
        + ("" if value is None else format_html(' value="{}"', value))
        + attrs
        + ">"
    )
