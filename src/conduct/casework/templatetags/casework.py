"""Inclusion tags that put casework onto pages owned by other apps (the client page)."""

from __future__ import annotations

from typing import Any

from django import template

from conduct.casework import queries

register = template.Library()


@register.inclusion_tag("casework/marker.html")
def client_marker(client: Any) -> dict[str, Any]:
    """The marker for ``client``, shown wherever the client is shown."""
    return {"marker": queries.marker_for(client.pk) if client is not None else None}


@register.inclusion_tag("casework/timeline.html")
def client_timeline(client: Any) -> dict[str, Any]:
    return {"timeline": queries.timeline_for(client.pk)}


@register.inclusion_tag("casework/client_actions.html", takes_context=True)
def client_actions(context: Any, client: Any) -> dict[str, Any]:
    return {
        "client": client,
        "perms": context.get("perms"),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def marker_headline(client: Any) -> str:
    marker = queries.marker_for(client.pk)
    return marker.headline if marker else ""
