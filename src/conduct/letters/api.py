"""The letters API: templates, letters from decisions and reviews, sending, police packs."""

from datetime import date, datetime

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from conduct.audit.reads import Door
from conduct.casework.access import get_case_for_change
from conduct.core.access import allow
from conduct.core.limits import limit
from conduct.core.openapi import file_response
from conduct.core.pdf import html_to_pdf
from conduct.letters import rules
from conduct.letters.access import (
    get_decision_for_change,
    get_letter_for_change,
    get_letter_for_user,
    get_review_for_change,
)
from conduct.letters.models import Letter, LetterTemplate
from conduct.letters.services import (
    change_template,
    current_templates,
    edit_letter,
    generate_letter,
    generate_police_pack,
    pack_name,
    pdf_name,
    send_letter,
)

router = Router(tags=["letters"])


class TemplateOut(Schema):
    id: int
    kind: str
    version: int
    subject: str
    body: str
    note: str
    created_at: datetime


class TemplateIn(Schema):
    subject: str = Field(..., min_length=1, max_length=limit(LetterTemplate, "subject"))
    body: str = Field(..., min_length=1, max_length=limit(LetterTemplate, "body"))
    note: str = Field("", max_length=limit(LetterTemplate, "note"))


class LetterOut(Schema):
    id: int
    kind: str
    client_id: int
    decision_id: int | None
    review_id: int | None
    template_id: int
    template_version: int
    subject: str
    body: str
    generated_body: str
    status: str
    sent_via: str
    sent_on: date | None
    sent_to: str
    pdf_sha256: str
    version: int
    generated_at: datetime

    @staticmethod
    def resolve_template_version(obj: Letter) -> int:
        return obj.template.version


class GenerateIn(Schema):
    kind: str = Field(
        ..., max_length=30, description="warning, restriction, termination or no_further_action"
    )


class LetterEdit(Schema):
    subject: str = Field(..., max_length=limit(Letter, "subject"))
    body: str = Field(..., max_length=limit(Letter, "body"))
    version: int = Field(..., ge=1, description="The version you read; a stale version gets 409.")


class SendIn(Schema):
    method: str = Field(..., description="email or post")
    sent_on: date
    email: str = Field("", max_length=254, description="An address on the client record.")
    version: int | None = Field(None, ge=1)


@router.get("/templates", response=list[TemplateOut], summary="The current letter templates")
@allow("letters.view_lettertemplate")
def list_templates(request: HttpRequest) -> list[LetterTemplate]:
    return current_templates()


@router.put("/templates/{kind}", response=TemplateOut, summary="Save a new template version")
@allow("letters.change_lettertemplate")
def put_template(request: HttpRequest, kind: str, payload: TemplateIn) -> LetterTemplate:
    if kind not in rules.KINDS:
        raise HttpError(404, "No such kind of letter.")
    return change_template(
        kind, subject=payload.subject, body=payload.body, note=payload.note, actor=request.user
    )


@router.post(
    "/decisions/{decision_id}/letters",
    response={201: LetterOut},
    summary="Write a letter from a decision",
)
@allow("letters.add_letter")
def generate_from_decision(
    request: HttpRequest, decision_id: int, payload: GenerateIn
) -> Status[Letter]:
    decision = get_decision_for_change(request.user, decision_id, perm="letters.add_letter")
    letter = generate_letter(payload.kind, decision=decision, actor=request.user)
    return Status(201, letter)


@router.post(
    "/reviews/{review_id}/letters",
    response={201: LetterOut},
    summary="Write a review outcome letter",
)
@allow("letters.add_letter")
def generate_from_review(request: HttpRequest, review_id: int) -> Status[Letter]:
    review = get_review_for_change(request.user, review_id, perm="letters.add_letter")
    letter = generate_letter(
        rules.review_letter_kind(review.subject), review=review, actor=request.user
    )
    return Status(201, letter)


@router.get("/{letter_id}", response=LetterOut, summary="A letter")
@allow("letters.view_letter")
def detail(request: HttpRequest, letter_id: int) -> Letter:
    return get_letter_for_user(request.user, letter_id, door=Door.API)


@router.put("/{letter_id}", response=LetterOut, summary="Edit a draft letter")
@allow("letters.change_letter")
def edit(request: HttpRequest, letter_id: int, payload: LetterEdit) -> Letter:
    letter = get_letter_for_change(request.user, letter_id, perm="letters.change_letter")
    return edit_letter(
        letter,
        subject=payload.subject,
        body=payload.body,
        actor=request.user,
        expected_version=payload.version,
    )


@router.post("/{letter_id}/send", response=LetterOut, summary="Record a letter as sent")
@allow("letters.change_letter")
def send(request: HttpRequest, letter_id: int, payload: SendIn) -> Letter:
    letter = get_letter_for_change(request.user, letter_id, perm="letters.change_letter")
    return send_letter(
        letter,
        method=payload.method,
        sent_on=payload.sent_on,
        email=payload.email,
        actor=request.user,
        expected_version=payload.version,
    )


@router.get(
    "/{letter_id}/pdf",
    summary="The letter as a PDF (a download)",
    openapi_extra=file_response("application/pdf", what="The letter"),
)
@allow("letters.view_letter")
def pdf(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = get_letter_for_user(request.user, letter_id, door=Door.API)
    response = HttpResponse(html_to_pdf(letter.html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_name(letter)}"'
    return response


@router.post(
    "/cases/{case_id}/police-pack",
    response={201: None},
    summary="Produce a police referral pack (a ZIP)",
    openapi_extra=file_response("application/zip", status=201, what="The referral pack"),
)
@allow("letters.add_policepack")
def police_pack(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_change(request.user, case_id)
    record, data = generate_police_pack(case, actor=request.user)
    response = HttpResponse(data, content_type="application/zip", status=201)
    response["Content-Disposition"] = f'attachment; filename="{pack_name(record)}"'
    response["X-Pack-SHA256"] = record.zip_sha256
    return response
