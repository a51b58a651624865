"""Inclusion tags that put casework onto pages owned by other apps (the client page)."""

from __future__ import annotations

from typing import Any

from django import template

from conduct.casework import queries, wording

register = template.Library()


@register.inclusion_tag("casework/marker.html")
def client_marker(client: Any) -> dict[str, Any]:
    """The marker for ``client``, shown wherever the client is shown."""
    return {"marker": queries.marker_for(client.pk) if client is not None else None}


@register.inclusion_tag("casework/timeline.html", takes_context=True)
def client_timeline(context: Any, client: Any) -> dict[str, Any]:
    """The client's timeline, linking only to what the signed-in user may open.

    Only those who may see incidents see it: it describes incidents, warnings
    and case notes, which admins do not see."""
    user = context.get("user")
    if user is None or not user.has_perm("casework.view_incident"):
        return {"timeline": None}
    return {"timeline": queries.timeline_for(client.pk, user)}


@register.inclusion_tag("casework/unfinished_calls.html", takes_context=True)
def unfinished_calls(context: Any) -> dict[str, Any]:
    """A banner with the signed-in member of staff's own unfinished live-call records."""
    user = context.get("user")
    if user is None or not user.has_perm("casework.add_incident"):
        return {"calls": []}
    return {"calls": [c for c in queries.unfinished_calls(user) if c["mine"]]}


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


@register.simple_tag(takes_context=True)
def list_marker(context: Any, client: Any) -> wording.Marker | None:
    """The marker for one row of a client list, fetched once for the whole page.

    The first row asks for every client on the page (``page`` in the context)
    in three queries and keeps the answer on the page for the other rows.
    """
    page = context.get("page")
    if not hasattr(page, "object_list"):
        page = None
    cached: dict[int, wording.Marker | None] | None = getattr(page, "_casework_markers", None)
    if cached is None or client.pk not in cached:
        rows = list(page.object_list) if page is not None else []
        cached = queries.markers_for({c.pk for c in rows} | {client.pk})
        if page is not None:
            page._casework_markers = cached
    return cached[client.pk]
