"""Letters for a case: generate from the decision or a review, edit, record as sent, download."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from conduct.audit.models import AuditEvent
from conduct.audit.reads import Door
from conduct.casework import published
from conduct.casework.access import get_case_for_user
from conduct.core.access import requires
from conduct.core.pdf import html_to_pdf
from conduct.core.refusal_views import refusal_shown
from conduct.letters import rules, wording
from conduct.letters.access import (
    get_decision_for_change,
    get_letter_for_change,
    get_letter_for_user,
    get_review_for_change,
)
from conduct.letters.forms import GenerateForm, LetterEditForm, SendForm
from conduct.letters.models import Letter
from conduct.letters.services import (
    client_emails,
    edit_letter,
    generate_letter,
    pdf_name,
    send_letter,
)


@requires("letters.view_letter")
def case_letters(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk, door=Door.PAGE)
    decision = published.decision_of_case(case)
    reviews = published.reviews_of(decision) if decision else []
    letters = Letter.objects.filter(decision__case=case) | Letter.objects.filter(
        review__decision__case=case
    )
    return render(
        request,
        "letters/case_letters.html",
        {
            "case": case,
            "decision": decision,
            "kinds": [
                (k, rules.KIND_TITLES[k]) for k in rules.kinds_for_outcomes(decision.outcomes)
            ]
            if decision
            else [],
            "reviews": reviews,
            "letters": letters.select_related("generated_by").distinct().order_by("-generated_at"),
        },
    )


@require_POST
@requires("letters.add_letter")
def generate_from_decision(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_decision_for_change(request.user, pk, perm="letters.add_letter")
    form = GenerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose which letter to write.")
        return redirect("letters:case", pk=decision.case_id)
    with refusal_shown(request) as refusal:
        letter = generate_letter(form.cleaned_data["kind"], decision=decision, actor=request.user)
    if refusal:
        return redirect("letters:case", pk=decision.case_id)
    messages.success(
        request, "Letter written from the decision. Read it and edit it before sending."
    )
    return redirect("letters:letter", pk=letter.pk)


@require_POST
@requires("letters.add_letter")
def generate_from_review(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_review_for_change(request.user, pk, perm="letters.add_letter")
    with refusal_shown(request) as refusal:
        letter = generate_letter(
            rules.review_letter_kind(review.subject), review=review, actor=request.user
        )
    if refusal:
        return redirect("letters:case", pk=review.decision.case_id)
    messages.success(request, "Letter written from the review. Read it and edit it before sending.")
    return redirect("letters:letter", pk=letter.pk)


def _case_id(letter: Letter) -> int | None:
    if letter.decision is not None:
        return letter.decision.case_id
    if letter.review is not None:
        return letter.review.decision.case_id
    return None


def _detail(request: HttpRequest, letter: Letter, **forms: Any) -> HttpResponse:
    edit = forms.get("edit") or LetterEditForm(
        initial={"subject": letter.subject, "body": letter.body, "version": letter.version}
    )
    send = forms.get("send") or SendForm(
        emails=client_emails(letter.client),
        initial={"sent_on": timezone.localdate(), "version": letter.version},
    )
    return render(
        request,
        "letters/letter_detail.html",
        {
            "letter": letter,
            "case_id": _case_id(letter),
            "body_html": wording.to_html(letter.body),
            "edited": letter.body != letter.generated_body,
            "delivery_failed": AuditEvent.objects.filter(
                action="letters.letter.email_failed",
                target_type="letters.letter",
                target_id=str(letter.pk),
            ).exists(),
            "edit_form": edit,
            "send_form": send,
            "form": forms.get("edit") or forms.get("send"),
        },
        status=400 if forms else 200,
    )


@requires("letters.view_letter")
def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_letter_for_user(request.user, pk, door=Door.PAGE))


@require_POST
@requires("letters.change_letter")
def letter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    letter = get_letter_for_change(request.user, pk, perm="letters.change_letter")
    form = LetterEditForm(request.POST)
    if form.is_valid():
        with refusal_shown(form) as refusal:
            edit_letter(
                letter,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                actor=request.user,
                expected_version=form.cleaned_data["version"],
            )
        if not refusal:
            messages.success(request, "Your changes to the letter are saved.")
            return redirect("letters:letter", pk=letter.pk)
    return _detail(request, letter, edit=form)


@require_POST
@requires("letters.change_letter")
def letter_send(request: HttpRequest, pk: int) -> HttpResponse:
    letter = get_letter_for_change(request.user, pk, perm="letters.change_letter")
    form = SendForm(request.POST, emails=client_emails(letter.client))
    if form.is_valid():
        with refusal_shown(form) as refusal:
            send_letter(
                letter,
                method=form.cleaned_data["method"],
                sent_on=form.cleaned_data["sent_on"],
                email=form.cleaned_data.get("email") or "",
                actor=request.user,
                expected_version=form.cleaned_data["version"],
            )
        if not refusal:
            messages.success(request, "The letter is recorded as sent.")
            return redirect("letters:letter", pk=letter.pk)
    return _detail(request, letter, send=form)


@requires("letters.view_letter")
def letter_html(request: HttpRequest, pk: int) -> HttpResponse:
    letter = get_letter_for_user(request.user, pk, door=Door.EXPORT)
    response = HttpResponse(letter.html, content_type="text/html; charset=utf-8")
    name = pdf_name(letter).removesuffix(".pdf") + ".html"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@requires("letters.view_letter")
def letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    letter = get_letter_for_user(request.user, pk, door=Door.EXPORT)
    response = HttpResponse(html_to_pdf(letter.html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_name(letter)}"'
    return response
