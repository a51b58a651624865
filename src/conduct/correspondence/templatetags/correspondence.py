"""Correspondence figures on pages owned by other apps (the case queue and case page)."""

from __future__ import annotations

from typing import Any

from django import template

from conduct.correspondence.volume import Volume, volumes

register = template.Library()


@register.simple_tag(takes_context=True)
def contact_volume(context: Any, client: Any, among: Any = None) -> Volume | None:
    """The client's contacts against the organisation's norm.

    ``among`` (the clients of a whole list) is counted once, on the first row,
    and kept for the rest of the page.
    """
    if client is None:
        return None
    cache: dict[int, Volume] = context.render_context.setdefault("contact_volumes", {})
    if client.pk not in cache:
        ids = {client.pk} | {c.pk for c in (among or []) if c is not None}
        cache.update(volumes(ids))
    return cache[client.pk]
