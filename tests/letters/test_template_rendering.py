"""A template version that cannot be filled in is refused when it is saved, by
the page and the API; a stored one that fails is a clear refusal, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from conduct.casework.models import Decision
from conduct.letters import rules
from conduct.letters.models import Letter, LetterTemplate
from conduct.letters.services import current_template

pytestmark = pytest.mark.django_db

UNPACK = "{% for a, b in client_name %}{{ a }}{% endfor %}"


def test_the_template_page_refuses_words_that_fail_when_filled_in(as_admin: HttpClient) -> None:
    words = current_template(rules.RESTRICTION).body
    response = as_admin.post(
        "/letters/templates/restriction/", {"subject": "s", "body": words + UNPACK, "note": ""}
    )
    assert response.status_code == 400
    assert b"cannot be filled in" in response.content
    assert LetterTemplate.objects.filter(kind=rules.RESTRICTION).count() == 1


def test_the_template_api_refuses_words_that_fail_when_filled_in(as_admin: HttpClient) -> None:
    words = current_template(rules.WARNING).body
    response = as_admin.put(
        "/api/letters/templates/warning",
        {"subject": "s", "body": words + UNPACK},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "cannot be filled in" in response.json()["detail"]
    assert LetterTemplate.objects.filter(kind=rules.WARNING).count() == 1


def _break_stored(kind: str, actor: Any) -> None:
    old = current_template(kind)
    LetterTemplate.objects.create(
        kind=kind,
        version=old.version + 1,
        subject=old.subject,
        body=old.body + UNPACK,
        created_by=actor,
        created_at=timezone.now(),
    )


def test_a_letter_from_a_stored_template_that_fails_is_a_clear_error(
    restriction_decision: Decision, as_manager: HttpClient, admin_user: Any
) -> None:
    _break_stored(rules.RESTRICTION, admin_user)
    page = as_manager.post(
        f"/letters/decisions/{restriction_decision.pk}/generate/",
        {"kind": "restriction"},
        follow=True,
    )
    assert page.status_code == 200
    assert b"cannot be filled in" in page.content
    api = as_manager.post(
        f"/api/letters/decisions/{restriction_decision.pk}/letters",
        {"kind": "restriction"},
        content_type="application/json",
    )
    assert api.status_code == 422
    assert "cannot be filled in" in api.json()["detail"]
    assert not Letter.objects.exists()
