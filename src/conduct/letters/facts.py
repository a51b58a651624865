"""The facts a letter is filled in with, read from casework records.

Every value is a plain string, list of strings or boolean: templates get
nothing else. A fact that is unknown is left empty, and ``rules.check_facts``
decides whether the letter can be written without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone

from conduct.casework import published
from conduct.clients.models import Client
from conduct.letters import wording
from conduct.policy.document import Policy
from conduct.policy.services import policy_of

if TYPE_CHECKING:
    from conduct.casework.models import Decision, Restriction, Review


def _name(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


def common(client: Client, actor: Any, policy: Policy | None = None) -> dict[str, Any]:
    """The facts every letter has. The ombudsman is the one the policy version names, if
    it names one, else the configured one."""
    name, url = settings.LETTERS_OMBUDSMAN_NAME, settings.LETTERS_OMBUDSMAN_URL
    if policy is not None and policy.ombudsman_name:
        name, url = policy.ombudsman_name, policy.ombudsman_url
    return {
        "organisation_name": settings.LETTERS_ORGANISATION_NAME,
        "organisation_address": ", ".join(settings.LETTERS_ORGANISATION_ADDRESS),
        "organisation_email": settings.LETTERS_ORGANISATION_EMAIL,
        "ombudsman_name": name,
        "ombudsman_url": url,
        "client_name": wording.isolate(client.name),
        "client_reference": client.reference,
        "client_address": client.postal_address.strip(),
        "letter_date": wording.long_date(timezone.localdate()),
        "signatory": wording.isolate(_name(actor)),
    }


def terms_of(restriction: Restriction) -> list[str]:
    return wording.restriction_terms(
        wording.Terms(
            channels_allowed=tuple(restriction.channels_allowed),
            single_contact=_name(restriction.single_contact),
            set_times=restriction.set_times,
            max_call_minutes=restriction.max_call_minutes,
            no_visits=restriction.no_visits,
            representative_only=restriction.representative_only,
            representative_name=restriction.representative_name,
        )
    )


def for_decision(decision: Decision, actor: Any) -> dict[str, Any]:
    """Everything a decision letter may say, from the decision, its case and client."""
    policy = policy_of(decision.policy_version)
    clauses = []
    for clause in decision.clauses:
        try:
            clauses.append(policy.clause_text(clause))
        except KeyError:
            clauses.append(clause.replace("_", " "))
    incidents = [
        wording.incident_line(
            timezone.localtime(i.occurred_at),
            i.channel,
            [policy.category(c).title for c in i.categories if policy.has_category(c)],
        )
        for i in decision.case.incidents.order_by("occurred_at", "pk")
    ]
    facts = {
        **common(decision.client, actor, policy),
        "incidents": incidents,
        "clauses": clauses,
        "reasons": wording.isolate(decision.reasons),
        "decided_on": wording.long_date(timezone.localdate(decision.decided_at)),
        "restriction_terms": [],
        "starts_on": "",
        "review_on": "",
        "warning_until": "",
    }
    warning = published.warning_of_decision(decision)
    if warning is not None:
        facts["warning_until"] = wording.long_date(warning.active_until)
    restriction = published.restriction_of_decision(decision)
    if restriction is not None:
        facts["restriction_terms"] = terms_of(restriction)
        facts["starts_on"] = wording.long_date(restriction.starts_on)
        facts["review_on"] = wording.long_date(restriction.review_on)
    return facts


def for_review(review: Review, actor: Any) -> dict[str, Any]:
    """Everything a review outcome letter may say, whatever was reviewed."""
    facts: dict[str, Any] = {
        **common(review.decision.client, actor, policy_of(review.decision.policy_version)),
        "review_outcome": wording.review_outcome(review.subject, review.outcome),
        "review_outcome_code": review.outcome,
        "reasons": wording.isolate(review.reasons),
        "reviewed_on": wording.long_date(timezone.localdate(review.reviewed_at)),
        "requested_by_client": review.requested_by_client,
        "next_review_on": wording.long_date(review.next_review_on) if review.next_review_on else "",
        "restriction_terms": [],
        "starts_on": "",
        "warning_until": "",
    }
    kept = review.outcome in {"confirm", "vary"}
    restriction = review.restriction
    if (
        review.subject == published.REVIEW_OF_TERMINATION
        and review.outcome == "vary"
        and review.next_review_on is not None
    ):
        # The restriction that replaced the termination, made by this review.
        restriction = published.restriction_made_by_review(review)
    elif review.subject != published.REVIEW_OF_RESTRICTION:
        restriction = None
    if restriction is not None and kept:
        facts["restriction_terms"] = terms_of(restriction)
        facts["starts_on"] = wording.long_date(restriction.starts_on)
    if review.subject == published.REVIEW_OF_WARNING and kept and review.warning is not None:
        facts["warning_until"] = wording.long_date(review.warning.active_until)
    return facts


def client_of(*, decision: Decision | None, review: Review | None) -> Client:
    if decision is not None:
        return decision.client
    assert review is not None
    return review.decision.client
