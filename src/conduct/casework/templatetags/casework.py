"""Inclusion tags that put casework onto pages owned by other apps (the client page)."""

from __future__ import annotations

from typing import Any

from django import template

from conduct.casework import queries, timeline, wording

register = template.Library()


def _sees_timeline(context: Any) -> bool:
    user = context.get("user")
    return user is not None and bool(user.has_perm("casework.view_incident"))


def _records(context: Any, client: Any) -> timeline.ClientRecords:
    """The client's casework records, read once for every tag of one page's render."""
    key = ("casework.records", client.pk)
    records: timeline.ClientRecords | None = context.render_context.get(key)
    if records is None:
        records = timeline.load(client.pk)
        context.render_context[key] = records
    return records


@register.inclusion_tag("casework/marker.html", takes_context=True)
def client_marker(context: Any, client: Any, with_timeline: bool = False) -> dict[str, Any]:
    """The marker for ``client``, shown wherever the client is shown.

    ``with_timeline``: the page also shows ``client_timeline`` for this client, so the
    marker is built from the records the timeline reads (one read for both) when the
    signed-in user may see the timeline."""
    if client is None:
        return {"marker": None}
    if with_timeline and _sees_timeline(context):
        return {"marker": _records(context, client).marker()}
    return {"marker": queries.marker_for(client.pk)}


@register.inclusion_tag("casework/timeline.html", takes_context=True)
def client_timeline(context: Any, client: Any) -> dict[str, Any]:
    """The client's timeline, linking only to what the signed-in user may open.

    Only those who may see incidents see it: it describes incidents, warnings
    and case notes, which admins do not see."""
    if not _sees_timeline(context):
        return {"timeline": None}
    return {"timeline": _records(context, client).timeline(context.get("user"))}


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
