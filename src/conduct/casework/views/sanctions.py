"""Restrictions and their reviews, reviews coming due, support follow-ups, notifications."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from conduct.audit.reads import Door
from conduct.casework import queries
from conduct.casework.access import (
    get_restriction_for_change,
    get_restriction_for_user,
    get_support_for_change,
)
from conduct.casework.forms import ReviewForm, SupportDoneForm
from conduct.casework.models import Restriction, SupportFollowUp
from conduct.casework.services import complete_support, record_review
from conduct.casework.services.common import today
from conduct.core.access import requires
from conduct.core.refusal_views import refusal_shown
from conduct.notifications.models import Notification


@requires("casework.view_case")
def restriction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    restriction = get_restriction_for_user(request.user, pk, door=Door.PAGE)
    context = {
        "restriction": restriction,
        "client": restriction.client,
        "summary": queries.restriction_summary(restriction),
        "reviews": restriction.reviews.select_related("reviewer"),
        "may_review": restriction.decision.decided_by_id != request.user.pk,
    }
    return render(request, "casework/restriction_detail.html", context)


@requires("casework.add_review")
def restriction_review(request: HttpRequest, pk: int) -> HttpResponse:
    restriction = (
        get_restriction_for_change(request.user, pk)
        if request.method == "POST"
        else get_restriction_for_user(request.user, pk, door=Door.PAGE)
    )
    initial = {
        "version": restriction.version,
        "review_on": restriction.review_on,
        "single_contact": restriction.single_contact_id,
        "channels_allowed": restriction.channels_allowed,
        "set_times": restriction.set_times,
        "max_call_minutes": restriction.max_call_minutes,
        "no_visits": restriction.no_visits,
        "representative_only": restriction.representative_only,
        "representative_name": restriction.representative_name,
    }
    form = ReviewForm(
        request.POST or None, initial=initial, current_review_on=restriction.review_on
    )
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form) as refusal:
            record_review(
                restriction,
                form.review_input(),
                actor=request.user,
                expected_version=form.cleaned_data["version"],
            )
        if not refusal:
            messages.success(request, "Review recorded.")
            return redirect("casework:restriction", pk=restriction.pk)
    context = {
        "restriction": restriction,
        "client": restriction.client,
        "form": form,
        "summary": queries.restriction_summary(restriction),
    }
    return render(request, "casework/review_form.html", context, status=400 if form.errors else 200)


@requires("casework.view_case")
def reviews_due(request: HttpRequest) -> HttpResponse:
    restrictions = (
        Restriction.objects.filter(status=Restriction.ACTIVE)
        .select_related("client")
        .order_by("review_on")
    )
    return render(
        request, "casework/reviews_due.html", {"restrictions": restrictions, "today": today()}
    )


@requires("casework.view_supportfollowup")
def support_list(request: HttpRequest) -> HttpResponse:
    items = SupportFollowUp.objects.filter(done_at=None).select_related("incident", "staff_member")
    return render(
        request, "casework/support_list.html", {"items": items, "form": SupportDoneForm()}
    )


@require_POST
@requires("casework.change_supportfollowup")
def support_done(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_support_for_change(request.user, pk)
    form = SupportDoneForm(request.POST)
    form.is_valid()
    with refusal_shown(request) as refusal:
        complete_support(item, actor=request.user, note=form.cleaned_data.get("note", ""))
    if not refusal:
        messages.success(request, "Follow-up marked done.")
    return redirect("casework:support")


@requires("casework.view_incident")
def notifications(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own notifications; opening the page marks them read."""
    user: Any = request.user
    items = list(Notification.objects.filter(user=user)[:100])
    Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())
    return render(request, "casework/notifications.html", {"items": items})
