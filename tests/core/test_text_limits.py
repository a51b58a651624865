"""One length limit per field: the model field's ``max_length``, which the
page's form and the API's schema both read. A page refuses what the API refuses."""

from __future__ import annotations

from typing import Any

import pytest
from annotated_types import MaxLen
from django import forms
from django.test import Client as HttpClient

from conduct.casework.forms.cases import (
    NoteForm,
    OverrideForm,
    PoliceReferralForm,
    PoliceReferralUpdateForm,
    SupportDoneForm,
)
from conduct.casework.forms.decisions import DecisionForm, ReviewForm, SanctionReviewForm
from conduct.casework.forms.incidents import CallFinishForm, IncidentForm
from conduct.casework.schemas import (
    CallFinishIn,
    DecisionIn,
    IncidentIn,
    NoteIn,
    OverrideIn,
    PoliceReferralIn,
    PoliceReferralUpdate,
    RestrictionTermsIn,
    ReviewIn,
    SanctionReviewIn,
    SupportDoneIn,
)
from conduct.clients.api import ClientIn
from conduct.clients.forms import ClientForm
from conduct.clients.models import Client
from conduct.correspondence.api import LinkIn
from conduct.correspondence.forms import LinkForm
from conduct.letters.api import LetterEdit, TemplateIn
from conduct.letters.forms import LetterEditForm, TemplateForm
from conduct.privacy.api import HoldIn
from conduct.privacy.forms import HoldForm, LiftForm

PAIRS: list[tuple[type[forms.Form], Any]] = [
    (ClientForm, ClientIn),
    (IncidentForm, IncidentIn),
    (CallFinishForm, CallFinishIn),
    (NoteForm, NoteIn),
    (OverrideForm, OverrideIn),
    (PoliceReferralForm, PoliceReferralIn),
    (PoliceReferralUpdateForm, PoliceReferralUpdate),
    (SupportDoneForm, SupportDoneIn),
    (DecisionForm, DecisionIn),
    (DecisionForm, RestrictionTermsIn),
    (ReviewForm, ReviewIn),
    (SanctionReviewForm, SanctionReviewIn),
    (TemplateForm, TemplateIn),
    (LetterEditForm, LetterEdit),
    (HoldForm, HoldIn),
    (LiftForm, HoldIn),
    (LinkForm, LinkIn),
]
# Lists on the API, one per line on the page: bounded per line and in number
# (contact.MAX_LENGTH, contact.MAX_PER_KIND), checked as contact points.
LINE_LISTS = {"emails", "phones", "social_handles"}


def _schema_limit(schema: Any, name: str) -> int | None:
    for meta in schema.model_fields[name].metadata:
        if isinstance(meta, MaxLen):
            return int(meta.max_length)
    return None


@pytest.mark.parametrize(("form", "schema"), PAIRS, ids=lambda c: c.__name__)
def test_the_form_and_the_api_share_every_text_limit(form: Any, schema: Any) -> None:
    shared = [
        name
        for name, field in form.base_fields.items()
        if isinstance(field, forms.CharField)
        and not isinstance(field, forms.ChoiceField)
        and name in schema.model_fields
        and name not in LINE_LISTS
    ]
    assert shared, "the pair shares no text field"
    for name in shared:
        form_limit = form.base_fields[name].max_length
        assert form_limit is not None, f"{form.__name__}.{name} takes any length"
        assert form_limit == _schema_limit(schema, name), f"{form.__name__}.{name}"


@pytest.mark.django_db
def test_a_client_note_over_the_limit_is_refused_by_the_page_and_the_api(
    as_staff: HttpClient, client_record: Client
) -> None:
    limit = Client._meta.get_field("notes").max_length
    assert limit == 10_000
    form = {"name": "Long Notes", "notes": "n" * (limit + 1)}
    response = as_staff.post("/clients/new/", form)
    assert response.status_code in {200, 400}
    assert "Ensure this value has at most 10000 characters" in response.content.decode()
    assert not Client.objects.filter(name="Long Notes").exists()
    api = as_staff.post(
        "/api/clients/", {"name": "Long Notes", "notes": "n" * (limit + 1)}, "application/json"
    )
    assert api.status_code == 422
    assert not Client.objects.filter(name="Long Notes").exists()


@pytest.mark.django_db
def test_an_incident_description_over_the_limit_is_refused_by_the_page(
    as_staff: HttpClient, client_record: Client
) -> None:
    from conduct.casework.models import Incident

    response = as_staff.post(
        "/casework/incidents/new/",
        {
            "client": client_record.pk,
            "channel": "phone",
            "occurred_at": "2026-01-05T10:00",
            "categories": ["threatening_communication"],
            "what_happened": "w" * 1_048_576,
        },
    )
    assert response.status_code in {200, 400}
    assert "at most 20000 characters" in response.content.decode()
    assert not Incident.objects.exists()


def _conduct_forms() -> list[type[forms.Form]]:
    import importlib
    import pkgutil

    import conduct

    for info in pkgutil.walk_packages(conduct.__path__, "conduct."):
        if ".forms" in info.name or ".views" in info.name:
            importlib.import_module(info.name)
    found: list[type[forms.Form]] = []
    pending: list[type[forms.Form]] = [forms.Form]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("conduct."):
                found.append(sub)
    return found


def test_no_text_field_on_any_page_takes_unbounded_input() -> None:
    found = _conduct_forms()
    assert len(found) > 20
    unbounded = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in found
        for name, field in form.base_fields.items()
        if type(field) is forms.CharField
        and field.max_length is None
        and not (form is ClientForm and name in LINE_LISTS)
        # Django's sign-in form: a password is checked, never stored, so there
        # is no limit to share; the request body limit bounds it.
        and f"{form.__name__}.{name}" != "SignInForm.password"
    ]
    assert not unbounded, "\n".join(unbounded)


@pytest.mark.django_db
def test_contact_points_have_one_length_and_count_limit_on_the_page_and_the_api(
    as_staff: HttpClient,
) -> None:
    from conduct.clients.contact import MAX_LENGTH, MAX_PER_KIND
    from conduct.clients.models import ContactPoint

    assert ContactPoint._meta.get_field("value").max_length == MAX_LENGTH
    long_email = "a" * MAX_LENGTH + "@example.com"
    many = "\n".join(f"p{i}@example.com" for i in range(MAX_PER_KIND + 1))
    for emails in (long_email, many):
        page = as_staff.post("/clients/new/", {"name": "Many Ways", "emails": emails})
        assert page.status_code in {200, 400}
        assert "at most" in page.content.decode()
    api = as_staff.post(
        "/api/clients/", {"name": "Many Ways", "emails": [long_email]}, "application/json"
    )
    assert api.status_code in {400, 422}
    assert "at most" in api.content.decode()
    assert not Client.objects.filter(name="Many Ways").exists()
