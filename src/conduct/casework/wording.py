"""What a marker says: plain Python, no Django, so the words are tested alone.

A marker describes what is in force, until when, and what staff should do.
It records the conduct and the measure, never a label on the person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

WRITTEN_CHANNELS = frozenset({"email", "letter", "web_form"})
CALL_CHANNELS = frozenset({"phone", "video"})


# What staff did, in the past tense, for the policy's staff rights. {what} is the
# contact in words ("the call", "the email"), so an email is never "referred the call".
STAFF_ACTIONS_DONE = {
    "end_call": "Ended the call.",
    "no_reply": "Did not reply.",
    "refer_to_smt": "Referred {what} to the Senior Management team.",
}
CONTACT_WORDS = {
    "phone": "the call",
    "video": "the call",
    "in_person": "the visit",
    "email": "the email",
    "letter": "the letter",
    "social_media": "the post",
    "web_form": "the message",
}


def staff_action_done(action: str, channel: str, policy_text: str) -> str:
    """One thing staff did, worded for the channel; the policy's own text otherwise."""
    done = STAFF_ACTIONS_DONE.get(action)
    if done is None:
        return policy_text
    return done.format(what=CONTACT_WORDS.get(channel, "the matter"))


def long_date(value: date) -> str:
    return f"{value.day} {value.strftime('%B %Y')}"


def unfinished_call_text(
    *, started: datetime, staff_name: str, steps: list[tuple[str, str]], minutes: int
) -> str:
    """What an automatically referred live call says happened: only what was recorded."""
    lines = [
        f"{staff_name} used the live-call guide on {long_date(started.date())} at "
        f"{started:%H:%M} but did not finish the record, so it was referred to Senior "
        f"Management automatically {minutes} minutes after the call started.",
    ]
    if steps:
        lines.append(
            "Steps recorded: " + "; ".join(f"{title} at {at}" for title, at in steps) + "."
        )
    else:
        lines.append("No step of the guide was pressed.")
    lines.append("What was said, and why, is not recorded yet: the member of staff adds it.")
    return "\n".join(lines)


@dataclass(frozen=True)
class WarningFact:
    kind: str  # "verbal" or "written"
    given_on: date
    active_until: date
    about: str  # e.g. "threatening emails and telephone calls"


@dataclass(frozen=True)
class RestrictionFact:
    review_on: date
    channels_allowed: tuple[str, ...]
    channel_titles: tuple[str, ...]
    single_contact: str
    set_times: str
    max_call_minutes: int | None
    no_visits: bool
    representative_only: bool
    representative_name: str


@dataclass(frozen=True)
class Marker:
    headline: str
    lines: tuple[str, ...]
    until: date | None  # the latest date the lines give, so the two always agree
    tag: str = ""  # a few words for a list row; the headline if empty

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    @property
    def short(self) -> str:
        return self.tag or self.headline


def restriction_sentence(fact: RestrictionFact) -> str:
    """One sentence: what is allowed, through whom, until when, and what to do otherwise."""
    allowed = set(fact.channels_allowed)
    parts: list[str] = []
    if allowed and allowed <= WRITTEN_CHANNELS:
        parts.append("Contact in writing only")
    elif allowed:
        parts.append(f"Contact only by {', '.join(fact.channel_titles).lower()}")
    else:
        parts.append("Contact restricted")
    if fact.single_contact:
        parts.append(f"through the named contact ({fact.single_contact})")
    if fact.representative_only:
        parts.append(f"through the client's representative ({fact.representative_name})")
    if fact.set_times.strip():
        parts.append(f"at set times ({fact.set_times.strip()})")
    if fact.max_call_minutes:
        parts.append(f"calls limited to {fact.max_call_minutes} minutes")
    sentence = ", ".join(parts) + f", until {long_date(fact.review_on)}"
    guidance: list[str] = []
    if allowed and not (allowed & CALL_CHANNELS):
        guidance.append("do not take calls: explain and end politely")
    elif fact.single_contact:
        guidance.append("pass any contact to the named contact")
    if fact.no_visits:
        guidance.append("no visits: do not arrange or accept an appointment in person")
    if guidance:
        sentence += "; " + "; ".join(guidance)
    return sentence + "."


def warning_sentence(fact: WarningFact) -> str:
    how = "on a call" if fact.kind == "verbal" else "in writing"
    return (
        f"Warned {how} on {long_date(fact.given_on)} about {fact.about}; in force until "
        f"{long_date(fact.active_until)}. If it happens again: ask them to stop and explain why, "
        "end the contact if it continues, and record an incident."
    )


def termination_sentence(decided_on: date) -> str:
    return (
        f"Senior Management ended our engagement with this client on {long_date(decided_on)}; "
        "do not take on new work: explain politely and pass any contact to Senior Management."
    )


def build_marker(
    warnings: list[WarningFact],
    restrictions: list[RestrictionFact],
    terminated_on: date | None = None,
) -> Marker | None:
    """The marker for a client, or None when no warning, restriction or termination applies."""
    if not warnings and not restrictions and terminated_on is None:
        return None
    lines: list[str] = []
    shown: list[date] = []  # the dates the lines give: ``until`` is the latest of them
    if terminated_on is not None:
        lines.append(termination_sentence(terminated_on))
    for r in restrictions:
        lines.append(restriction_sentence(r))
        shown.append(r.review_on)
    if warnings and terminated_on is None:
        latest = max(warnings, key=lambda w: (w.active_until, w.given_on))
        if not restrictions or latest.active_until > max(shown):
            lines.append(warning_sentence(latest))
            shown.append(latest.active_until)
        if len(warnings) > 1 and not restrictions:
            lines.append(f"{len(warnings)} warnings are in force.")
    until = max(shown, default=None)
    if terminated_on is not None:
        return Marker(headline="Engagement terminated", lines=tuple(lines), until=until)
    if restrictions:
        # The list's tag gives the restriction's review date, not a later warning's.
        review_on = max(r.review_on for r in restrictions)
        tag = f"Restriction until {long_date(review_on)}"
        return Marker("Contact restriction in force", tuple(lines), until, tag=tag)
    return Marker(headline="Warning in force", lines=tuple(lines), until=until)
