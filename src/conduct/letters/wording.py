"""Sentences that letters put to the client, and plain text to HTML. No Django.

Letters describe the conduct and the measure taken, never a label on the person.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime

from conduct.casework.rules import Outcome
from conduct.core.bidi import isolate as isolate
from conduct.policy.document import CHANNEL_TITLES

WRITTEN_CHANNELS = frozenset({"email", "letter", "web_form"})

REVIEW_OUTCOMES = {
    "confirm": "We have decided to keep the restriction in place.",
    "vary": "We have decided to change the restriction.",
    "end": "We have decided to end the restriction. You can contact us in the usual way again.",
}
# What the client is told a review decided, by what was reviewed and the outcome.
SANCTION_REVIEW_OUTCOMES: dict[str, dict[str, str]] = {
    Outcome.CONTACT_RESTRICTION: REVIEW_OUTCOMES,
    Outcome.WRITTEN_WARNING: {
        "confirm": "We have decided that the warning stands.",
        "vary": "We have decided to change how long the warning stays on our records.",
        "end": "We have decided to withdraw the warning. It no longer stands against you.",
    },
    Outcome.TERMINATE_ENGAGEMENT: {
        "confirm": "We have decided that our decision to end our engagement with you stands.",
        "vary": "We have decided not to end our engagement with you. Instead, we are "
        "limiting for a time how you can contact us, as set out below.",
        "end": "We have decided to withdraw our decision to end our engagement with you. "
        "We will continue to deal with your matter in the usual way.",
    },
}


def review_outcome(subject: str, outcome: str) -> str:
    return SANCTION_REVIEW_OUTCOMES.get(subject, {}).get(outcome, "")


def long_date(value: date) -> str:
    return f"{value.day} {value.strftime('%B %Y')}"


def long_time(value: datetime) -> str:
    return f"{long_date(value.date())} at {value.strftime('%H:%M')}"


@dataclass(frozen=True)
class Terms:
    """A restriction's terms, as plain values."""

    channels_allowed: tuple[str, ...] = ()
    single_contact: str = ""
    set_times: str = ""
    max_call_minutes: int | None = None
    no_visits: bool = False
    representative_only: bool = False
    representative_name: str = ""


def restriction_terms(terms: Terms) -> list[str]:
    """Each thing the restriction asks of the client, one sentence each."""
    lines: list[str] = []
    allowed = list(terms.channels_allowed)
    titles = ", ".join(CHANNEL_TITLES.get(c, c.replace("_", " ")) for c in allowed).lower()
    if allowed and set(allowed) <= WRITTEN_CHANNELS:
        lines.append(f"Please contact us in writing only ({titles}); we will not take calls.")
    elif allowed:
        lines.append(f"Please contact us only by {titles}.")
    if terms.single_contact:
        lines.append(
            f"Please direct all contact to {terms.single_contact}, "
            "who will be your single point of contact."
        )
    if terms.set_times.strip():
        lines.append(f"Please call us only at these times: {terms.set_times.strip()}.")
    if terms.max_call_minutes:
        lines.append(f"Telephone calls will be limited to {terms.max_call_minutes} minutes.")
    if terms.no_visits:
        lines.append(
            "Please do not visit our offices; we will not arrange or accept appointments in person."
        )
    if terms.representative_only:
        lines.append(
            f"We will deal with you only through your representative, {terms.representative_name}."
        )
    return lines


def incident_line(occurred_at: datetime, channel: str, conduct: list[str]) -> str:
    """When, how, and the conduct in the policy's words. Never the staff member's own
    notes of the incident: those are internal (they may name screening models, scores
    or record numbers), and the client is told the decision's reasons instead."""
    how = CHANNEL_TITLES.get(channel, channel.replace("_", " ")).lower()
    what = "; ".join(c[:1].lower() + c[1:] for c in conduct if c) or "conduct towards our staff"
    return f"On {long_time(occurred_at)} ({how}): {what}."


def _group(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Consecutive lines of one block grouped as ("h2", [..]), ("ul", [..]) or ("p", [..])."""
    groups: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.startswith("## "):
            groups.append(("h2", [line[3:].strip()]))
            continue
        kind, text = ("ul", line[2:].strip()) if line.startswith("- ") else ("p", line)
        if groups and groups[-1][0] == kind:
            groups[-1][1].append(text)
        else:
            groups.append((kind, [text]))
    return groups


def to_html(text: str) -> str:
    """Plain letter text as HTML: blank lines split paragraphs, ``## `` starts a
    heading, ``- `` a list item. Everything is escaped."""
    out: list[str] = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        for kind, parts in _group(lines):
            escaped = [html.escape(part) for part in parts]
            if kind == "h2":
                out.append(f"<h2>{escaped[0]}</h2>")
            elif kind == "ul":
                out.append("<ul>" + "".join(f"<li>{part}</li>" for part in escaped) + "</ul>")
            else:
                out.append("<p>" + "<br>\n".join(escaped) + "</p>")
    return "\n".join(out)


def to_plain(text: str) -> str:
    """Letter text for an email body: headings lose their ``## `` marker."""
    return "\n".join(
        line.strip()[3:] if line.strip().startswith("## ") else line for line in text.split("\n")
    )


def tidy(text: str) -> str:
    """Trailing spaces off, at most one blank line in a row, no blank start or end."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    kept: list[str] = []
    for line in lines:
        if not line and (not kept or not kept[-1]):
            continue
        kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)
