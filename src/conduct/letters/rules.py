"""What each letter needs before it is written, and when it may be edited or sent.

Plain Python, no Django: the facts are simple values (strings, lists of
strings, dates), so every rule is tested without a database.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from conduct.casework.rules import Outcome
from conduct.core.refusals import Refused

WARNING = "warning"
RESTRICTION = "restriction"
TERMINATION = "termination"
NO_FURTHER_ACTION = "no_further_action"
REVIEW_OUTCOME = "review_outcome"
WARNING_REVIEW = "warning_review_outcome"
TERMINATION_REVIEW = "termination_review_outcome"

KIND_TITLES: dict[str, str] = {
    WARNING: "warning letter",
    RESTRICTION: "restriction letter",
    TERMINATION: "termination of engagement letter",
    NO_FURTHER_ACTION: "no further action letter",
    REVIEW_OUTCOME: "review outcome letter",
    WARNING_REVIEW: "warning review outcome letter",
    TERMINATION_REVIEW: "termination review outcome letter",
}
KINDS: tuple[str, ...] = tuple(KIND_TITLES)

# A decision's outcome -> the letter that tells the client about it. A police
# referral has no letter of its own: the client is not told by us.
OUTCOME_LETTERS: dict[str, str] = {
    Outcome.WRITTEN_WARNING: WARNING,
    Outcome.CONTACT_RESTRICTION: RESTRICTION,
    Outcome.TERMINATE_ENGAGEMENT: TERMINATION,
    Outcome.NO_FURTHER_ACTION: NO_FURTHER_ACTION,
}

# What a review reviewed -> the letter that tells the client the outcome.
REVIEW_LETTERS: dict[str, str] = {
    Outcome.CONTACT_RESTRICTION: REVIEW_OUTCOME,
    Outcome.WRITTEN_WARNING: WARNING_REVIEW,
    Outcome.TERMINATE_ENGAGEMENT: TERMINATION_REVIEW,
}
REVIEW_KINDS = frozenset(REVIEW_LETTERS.values())

EMAIL, POST = "email", "post"
SEND_METHODS: dict[str, str] = {
    EMAIL: "By email, with the PDF attached",
    POST: "Printed, sent by post",
}


class LetterRefused(Refused):
    """A letter cannot be written, changed or sent; the message says why (422)."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message, rule=rule)


@dataclass(frozen=True)
class Fact:
    key: str  # the template variable
    label: str  # "a review date", as in "needs a review date"
    source: str  # where it comes from: "decision", "review", "client record", "configuration"


_COMMON = (
    Fact("organisation_name", "the organisation's name", "configuration"),
    Fact("client_name", "the client's name", "client record"),
    Fact("letter_date", "the date of the letter", "letter"),
)
_OMBUDSMAN = (
    Fact("ombudsman_name", "the ombudsman the client can complain to", "configuration"),
    Fact("ombudsman_url", "the ombudsman's website", "configuration"),
)
# Every letter recording a sanction says how to ask for a review, and of the ombudsman.
_REVIEW_ROUTE = (
    Fact("organisation_address", "the address to write to for a review", "configuration"),
    *_OMBUDSMAN,
)
_REVIEWED = (
    *_COMMON,
    Fact("review_outcome", "the outcome of the review", "review"),
    Fact("reasons", "the reasons for the review outcome", "review"),
    Fact("reviewed_on", "the date of the review", "review"),
    *_OMBUDSMAN,
)

REQUIRED: dict[str, tuple[Fact, ...]] = {
    WARNING: (
        *_COMMON,
        Fact("incidents", "a description of what happened", "case"),
        Fact("reasons", "the reasons for the decision", "decision"),
        Fact("clauses", "the policy clause it relies on", "decision"),
        Fact("warning_until", "the date the warning stays in force until", "decision"),
        *_REVIEW_ROUTE,
    ),
    RESTRICTION: (
        *_COMMON,
        Fact("restriction_terms", "exactly what is restricted", "decision"),
        Fact("reasons", "the reasons for the decision", "decision"),
        Fact("clauses", "the policy clause it relies on", "decision"),
        Fact("starts_on", "a start date", "decision"),
        Fact("review_on", "a review date", "decision"),
        *_REVIEW_ROUTE,
    ),
    TERMINATION: (
        *_COMMON,
        Fact("reasons", "the reasons for the decision", "decision"),
        Fact("clauses", "the policy clause it relies on", "decision"),
        Fact("decided_on", "the date of the decision", "decision"),
        *_REVIEW_ROUTE,
    ),
    NO_FURTHER_ACTION: (
        *_COMMON,
        Fact("incidents", "a description of what happened", "case"),
        Fact("reasons", "the reasons for the decision", "decision"),
    ),
    REVIEW_OUTCOME: _REVIEWED,
    WARNING_REVIEW: _REVIEWED,
    TERMINATION_REVIEW: _REVIEWED,
}

# Facts a review outcome letter needs only for some outcomes: (outcomes, fact).
_NEXT_REVIEW = Fact("next_review_on", "the next review date", "review")
CONDITIONAL: dict[str, tuple[tuple[frozenset[str], Fact], ...]] = {
    REVIEW_OUTCOME: ((frozenset({"confirm", "vary"}), _NEXT_REVIEW),),
    WARNING_REVIEW: (
        (
            frozenset({"confirm", "vary"}),
            Fact("warning_until", "the date the warning stays in force until", "review"),
        ),
    ),
    TERMINATION_REVIEW: (
        (frozenset({"vary"}), Fact("restriction_terms", "exactly what is restricted", "review")),
        (frozenset({"vary"}), _NEXT_REVIEW),
    ),
}

# Facts every template may use besides the required ones (empty when unknown).
OPTIONAL: tuple[str, ...] = (
    "client_reference",
    "client_address",
    "organisation_address",
    "organisation_email",
    "signatory",
    "next_review_on",
    "restriction_terms",
    "incidents",
    "clauses",
    "reasons",
    "starts_on",
    "review_on",
    "warning_until",
    "decided_on",
    "reviewed_on",
    "requested_by_client",
)


def variables_for(kind: str) -> list[str]:
    """Every variable a template of this kind may use, required ones first."""
    required = [f.key for f in REQUIRED[kind]]
    return required + [k for k in OPTIONAL if k not in required]


def _present(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple | set | frozenset):
        return any(_present(v) for v in value)
    return True


def missing_facts(kind: str, facts: Mapping[str, object]) -> list[Fact]:
    """The required facts that are absent or empty, in the order they are listed."""
    if kind not in REQUIRED:
        raise LetterRefused("known_kind", f"There is no kind of letter called {kind!r}.")
    missing = [f for f in REQUIRED[kind] if not _present(facts.get(f.key))]
    outcome = facts.get("review_outcome_code")
    for outcomes, fact in CONDITIONAL.get(kind, ()):
        if outcome in outcomes and not _present(facts.get(fact.key)):
            missing.append(fact)
    return missing


def _join(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def check_facts(kind: str, facts: Mapping[str, object]) -> None:
    """Refuse, before anything is rendered, a letter that would leave out a required fact.

    The message names each missing fact and where it should have come from,
    e.g. "A restriction letter needs a review date; the decision has none."
    """
    missing = missing_facts(kind, facts)
    if not missing:
        return
    by_source: dict[str, list[str]] = {}
    for fact in missing:
        by_source.setdefault(fact.source, []).append(fact.label)
    title = KIND_TITLES[kind]
    sentences = [
        f"A {title} needs {_join(labels)}; the {source} has none."
        for source, labels in by_source.items()
    ]
    raise LetterRefused("letter_has_facts", " ".join(sentences))


def review_letter_kind(subject: str) -> str:
    """The letter that tells the client the outcome of a review of ``subject``."""
    if subject not in REVIEW_LETTERS:
        raise LetterRefused("kind_fits", "There is no letter for a review of this kind.")
    return REVIEW_LETTERS[subject]


def kinds_for_outcomes(outcomes: Iterable[str]) -> list[str]:
    """The letters a decision with these outcomes calls for, in a stable order."""
    wanted = {OUTCOME_LETTERS[o] for o in outcomes if o in OUTCOME_LETTERS}
    return [k for k in KINDS if k in wanted]


def check_kind_fits_decision(kind: str, outcomes: Collection[str]) -> None:
    """A decision letter must tell the client about an outcome the decision reached.

    A restriction letter is left to ``check_facts``: its terms and review date
    come from the decision's restriction, so a decision without one is refused
    with the missing facts named.
    """
    if kind in REVIEW_KINDS:
        raise LetterRefused("kind_fits", "A review outcome letter is written from a review.")
    if kind not in KINDS:
        raise LetterRefused("known_kind", f"There is no kind of letter called {kind!r}.")
    if kind != RESTRICTION and kind not in kinds_for_outcomes(outcomes):
        raise LetterRefused(
            "kind_fits",
            f"This decision did not reach the outcome a {KIND_TITLES[kind]} tells the client about.",
        )


def check_editable(*, sent: bool, subject: str, body: str) -> None:
    """A letter can be changed until it is sent; it always keeps a subject and words."""
    if sent:
        raise LetterRefused(
            "sent_letters_unchanged",
            "This letter has been sent, so it is kept exactly as it was sent. "
            "Generate a new letter to write again.",
        )
    if not subject.strip():
        raise LetterRefused("letter_has_subject", "Give the letter a subject.")
    if not body.strip():
        raise LetterRefused("letter_has_words", "The letter has no words; write what it says.")


def check_send(
    *, sent: bool, method: str, sent_on: date | None, today: date, email: str, address: str
) -> None:
    """Recording a letter as sent needs a method, a date not in the future, and somewhere to send it."""
    if sent:
        raise LetterRefused("send_once", "This letter is already recorded as sent.")
    if method not in SEND_METHODS:
        raise LetterRefused("send_method", "Choose how the letter is sent: by email or by post.")
    if sent_on is None:
        raise LetterRefused("send_date", "Give the date the letter is sent.")
    if sent_on > today:
        raise LetterRefused("send_date", "The date sent cannot be in the future.")
    if method == EMAIL:
        if sent_on != today:
            raise LetterRefused("send_date", "A letter sent by email is sent today.")
        if "@" not in email.strip():
            raise LetterRefused(
                "send_to", "Give the email address to send to; the client record has none."
            )
    if method == POST and not address.strip():
        raise LetterRefused(
            "send_to", "A letter sent by post needs the client's postal address; add it first."
        )


def _mentions(text: str, key: str) -> bool:
    word = re.escape(key)
    return bool(
        re.search(r"\{\{\s*" + word + r"\b", text) or re.search(r"\{%[^%]*\b" + word + r"\b", text)
    )


def check_template(kind: str, *, subject: str, body: str) -> None:
    """An admin's template keeps a subject and words, and still states every fact
    its kind of letter must state (the letterhead supplies name, address and date)."""
    if kind not in REQUIRED:
        raise LetterRefused("known_kind", f"There is no kind of letter called {kind!r}.")
    if not subject.strip():
        raise LetterRefused("template_has_subject", "Give the template a subject.")
    if not body.strip():
        raise LetterRefused("template_has_words", "The template has no words.")
    text = subject + "\n" + body
    facts = [*REQUIRED[kind], *(fact for _, fact in CONDITIONAL.get(kind, ()))]
    left_out = [f for f in facts if f not in _COMMON and not _mentions(text, f.key)]
    if left_out:
        named = _join([f"{f.label} ({{{{ {f.key} }}}})" for f in left_out])
        raise LetterRefused(
            "template_states_facts",
            f"A {KIND_TITLES[kind]} must state every required fact; this template leaves out "
            f"{named}.",
        )


# Made-up facts a template is tried on before it is saved: every variable it may
# use, lists with two items (so loops and ``forloop`` run), as a letter has them.
_SAMPLE_LISTS = {
    "incidents": [
        "5 January 2026, by phone: threatening communication",
        "6 January 2026, by email",
    ],
    "clauses": ["4.2 Threats of violence", "4.3 Harassment"],
    "restriction_terms": ["Contact only by email.", "No visits to the office."],
}
_SAMPLE_TEXT = {
    "review_outcome_code": "vary",
    "review_outcome": "The restriction continues, with changes.",
}


def sample_facts(kind: str) -> dict[str, object]:
    """Facts of the right shape for ``kind``, to render a new template version with."""
    facts: dict[str, object] = {
        "review_outcome_code": _SAMPLE_TEXT["review_outcome_code"],
        "requested_by_client": True,
    }
    for key in variables_for(kind):
        if key in _SAMPLE_LISTS:
            facts[key] = list(_SAMPLE_LISTS[key])
        elif key != "requested_by_client":
            facts[key] = _SAMPLE_TEXT.get(key, f"Sample {key.replace('_', ' ')}")
    return facts
