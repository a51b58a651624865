"""Reviews of a decision's written warning or termination, at the client's request."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from conduct.audit.reads import Door
from conduct.casework.access import get_decision_for_change, get_decision_for_user
from conduct.casework.forms import SanctionReviewForm
from conduct.casework.models import Decision, Review
from conduct.casework.services import record_sanction_review
from conduct.casework.services.reviews import (
    SUBJECT_TITLES,
    termination_in_force,
    warning_in_force,
    written_warning_of,
)
from conduct.core.access import requires
from conduct.core.refusal_views import refusal_shown


def reviewable(decision: Decision) -> list[dict[str, Any]]:
    """The decision's warning and termination, each with whether it is still in force."""
    items: list[dict[str, Any]] = []
    warning = written_warning_of(decision)
    if warning is not None:
        items.append(
            {
                "subject": Review.WARNING,
                "title": SUBJECT_TITLES[Review.WARNING].capitalize(),
                "in_force": warning_in_force(warning),
                "until": warning.ended_on or warning.active_until,
            }
        )
    if Review.TERMINATION in decision.outcomes:
        items.append(
            {
                "subject": Review.TERMINATION,
                "title": SUBJECT_TITLES[Review.TERMINATION].capitalize(),
                "in_force": termination_in_force(decision),
                "until": None,
            }
        )
    return items


@requires("casework.add_review")
def decision_reviews(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision's reviews so far, and (to anyone but its decider) the review form."""
    decision = (
        get_decision_for_change(request.user, pk)
        if request.method == "POST"
        else get_decision_for_user(request.user, pk, door=Door.PAGE)
    )
    items = reviewable(decision)
    subjects = [(i["subject"], i["title"]) for i in items if i["in_force"]]
    initial = {"subject": subjects[0][0]} if len(subjects) == 1 else {}
    form = SanctionReviewForm(request.POST or None, subjects=subjects, initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form) as refusal:
            record_sanction_review(decision, form.review_input(), actor=request.user)
        if not refusal:
            messages.success(request, "Review recorded.")
            return redirect("casework:decision_reviews", pk=decision.pk)
    context = {
        "decision": decision,
        "client": decision.client,
        "items": items,
        "subjects": subjects,
        "reviews": decision.reviews.select_related("reviewer", "restriction"),
        "may_review": decision.decided_by_id != request.user.pk,
        "form": form,
    }
    return render(
        request, "casework/decision_reviews.html", context, status=400 if form.errors else 200
    )
