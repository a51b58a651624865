"""A refusal is answered in one place each: the API's handler and the pages' helper.

Every refusal of a person's action is a ``Refused`` carrying its rule id, its
sentence and its HTTP status; the API turns it into JSON with that status and
the pages show its sentence on the form or as a message. No view or endpoint
catches one to translate it.
"""

from __future__ import annotations

import ast
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.http import HttpResponse
from django.test import RequestFactory

import conduct
from conduct.accounts.rules import RoleChangeRefused
from conduct.accounts.services import PasswordRefused, TokenRefused, UsernameTaken
from conduct.api.api import api
from conduct.casework.rules import RuleViolation, check_may_decide, check_may_record
from conduct.casework.services import EvidenceRefused, StaleCase
from conduct.casework.services.evidence import StorageFull
from conduct.clients.contact import InvalidContact
from conduct.clients.services import ReferenceInUse, StaleEdit
from conduct.core.refusal_views import RefusalMiddleware, refusal_shown
from conduct.core.refusals import Refused
from conduct.correspondence.attachments import AttachmentRefused
from conduct.correspondence.services import LinkRefused, ReviewRefused
from conduct.letters.pack import PackRefused
from conduct.letters.rules import LetterRefused
from conduct.letters.services import NoTemplate, StaleLetter
from conduct.policy.services import PolicyConflict
from conduct.privacy.exports import NotAvailable
from conduct.privacy.holds import HoldRefused
from conduct.reports.tables import Period, PeriodRefused
from conduct.requests.rules import CHANNELS, SUBJECT_ACCESS, RequestRefused, check_new

SRC = Path(conduct.__file__).parent


def _refused_by(check: Any, *args: Any, **kwargs: Any) -> Refused:
    with pytest.raises(Refused) as caught:
        check(*args, **kwargs)
    return caught.value


REFUSALS: list[tuple[Refused, int]] = [
    (RuleViolation("decision_has_reasons", "Give the reasons."), 422),
    (_refused_by(check_may_record, []), 403),
    (_refused_by(check_may_decide, ["staff"]), 403),
    (StaleCase("Another senior manager changed this case."), 409),
    (EvidenceRefused("The file is empty."), 422),
    (StorageFull("There is no room left to store files."), 507),
    (LetterRefused("send_once", "This letter is already recorded as sent."), 422),
    (StaleLetter("Someone else changed this letter."), 409),
    (PackRefused("Evidence file a.pdf is missing from the store."), 409),
    (NoTemplate("There is no warning letter template yet."), 409),
    (RequestRefused("close_open", "This request is already closed."), 409),
    (
        _refused_by(
            check_new,
            kind=SUBJECT_ACCESS,
            channel=next(iter(CHANNELS)),
            received_on=date(2026, 1, 1),
            today=date(2026, 1, 1),
            summary="",
        ),
        422,
    ),
    (RoleChangeRefused("Only an admin changes roles."), 403),
    (TokenRefused("A token can be created only for your own account."), 403),
    (UsernameTaken("the username 'x' is already taken"), 409),
    (PasswordRefused("password refused: This password is too short."), 422),
    (ReviewRefused("This communication is not awaiting review."), 409),
    (LinkRefused("This communication is already linked to a client."), 409),
    (AttachmentRefused("This kind of file is not kept."), 422),
    (StaleEdit("The record was changed by someone else."), 409),
    (ReferenceInUse("client reference CL-1 is already in use"), 409),
    (InvalidContact("'x' is not a phone number"), 422),
    (HoldRefused("This client is already on legal hold."), 409),
    (NotAvailable("The export is not ready yet."), 409),
    (PolicyConflict("Nothing has changed from the version in force."), 409),
    (_refused_by(Period, date(2026, 2, 1), date(2026, 1, 1)), 422),
]


def _ids(value: Any) -> str:
    return type(value).__name__ if isinstance(value, Refused) else str(value)


@pytest.mark.parametrize(("refusal", "status"), REFUSALS, ids=_ids)
def test_the_api_answers_a_refusal_with_its_status_sentence_and_rule(
    refusal: Refused, status: int
) -> None:
    request = RequestFactory().post("/api/anything")
    response = api.on_exception(request, refusal)
    assert response.status_code == status == refusal.status
    assert json.loads(response.content) == {"detail": str(refusal), "rule": refusal.rule}
    assert refusal.message in str(refusal) and refusal.rule


def test_a_casework_rule_keeps_its_rule_in_the_api_detail() -> None:
    """The casework API has always named the rule in the sentence; it still does."""
    response = api.on_exception(
        RequestFactory().post("/api/x"), RuleViolation("review_has_reasons", "Write the reasons.")
    )
    assert json.loads(response.content) == {
        "detail": "Write the reasons. (rule: review_has_reasons)",
        "rule": "review_has_reasons",
    }


def test_refusals_that_were_value_errors_still_are() -> None:
    """Callers outside the pages and the API (the CLI, tests) may still catch ValueError."""
    for kind in (EvidenceRefused, ReferenceInUse, InvalidContact, HoldRefused, PeriodRefused):
        assert issubclass(kind, ValueError)


class _Form(forms.Form):
    name = forms.CharField()
    evidence = forms.CharField(required=False)


def _bound() -> _Form:
    form = _Form({"name": "x"})
    assert form.is_valid()
    return form


@pytest.mark.parametrize(("refusal", "status"), REFUSALS, ids=_ids)
def test_a_page_shows_a_refusal_as_the_forms_own_error(refusal: Refused, status: int) -> None:
    form = _bound()
    ran_on = []
    with refusal_shown(form) as refusal_seen:
        ran_on.append("before")
        raise refusal
    assert refusal_seen and refusal_seen.refused is refusal
    assert refusal_seen.status == status
    assert form.non_field_errors() == [refusal.message]
    assert ran_on == ["before"]


def test_a_page_can_put_a_kind_of_refusal_on_a_field() -> None:
    form = _bound()
    with refusal_shown(form, fields={EvidenceRefused: "evidence"}):
        raise StorageFull("There is no room left to store files.")
    assert form.errors["evidence"] == ["There is no room left to store files."]
    assert form.non_field_errors() == []
    other = _bound()
    with refusal_shown(other, fields={EvidenceRefused: "evidence"}):
        raise RuleViolation("staff_record", "Only staff record incidents.")
    assert other.non_field_errors() == ["Only staff record incidents."]  # the sentence alone


def test_a_page_shows_a_refusal_as_a_message_on_the_next_page() -> None:
    request = RequestFactory().post("/x")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # what MessageMiddleware sets
    with refusal_shown(request) as refusal:
        raise ReviewRefused("This communication is not awaiting review.")
    assert refusal.status == 409
    assert [str(m) for m in get_messages(request)] == ["This communication is not awaiting review."]


def test_nothing_refused_is_false_and_other_errors_go_through() -> None:
    form = _bound()
    with refusal_shown(form) as refusal:
        pass
    assert not refusal and refusal.status == 200
    with pytest.raises(KeyError), refusal_shown(form):
        raise KeyError("not a refusal")
    assert form.non_field_errors() == []


# --- Nothing else translates ------------------------------------------------


def _all_refusals() -> set[str]:
    found: set[str] = set()
    todo: list[type[Refused]] = [Refused]
    while todo:
        kind = todo.pop()
        found.add(kind.__name__)
        todo.extend(kind.__subclasses__())
    return found


def _page_and_api_modules() -> list[Path]:
    """Every view and API module: each ``views.py``, ``views/``, ``api.py`` and ``api/``."""
    paths = {*SRC.rglob("views.py"), *SRC.rglob("views/*.py")}
    paths |= {*SRC.rglob("api.py"), *SRC.rglob("api/*.py")}
    return sorted(paths)


def _caught(handler: ast.ExceptHandler) -> list[str]:
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    names = []
    for kind in kinds:
        if isinstance(kind, ast.Name):
            names.append(kind.id)
        elif isinstance(kind, ast.Attribute):
            names.append(kind.attr)
    return names


def test_no_view_or_endpoint_catches_a_refusal_itself() -> None:
    """A refusal reaches the person through ``refusal_shown`` or the API's handler, never a
    local ``except`` that picks a status or a message; nor is a bare ValueError translated."""
    refusals = _all_refusals() | {"ValueError"}
    assert {
        "RuleViolation",
        "StaleCase",
        "LetterRefused",
        "RequestRefused",
        "HoldRefused",
    } <= refusals
    modules = _page_and_api_modules()
    assert len(modules) > 20
    offences = []
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ExceptHandler):
                caught = set(_caught(node)) & refusals
                if caught:
                    offences.append(
                        f"{path.relative_to(SRC)}:{node.lineno} catches {sorted(caught)}"
                    )
    assert offences == []


def test_the_api_has_one_handler_for_refusals() -> None:
    handlers = api._exception_handlers  # what @api.exception_handler registers
    assert Refused in handlers
    assert not [kind for kind in handlers if kind is not Refused and issubclass(kind, Refused)]


@pytest.mark.django_db
def test_a_refusal_no_view_showed_is_the_refusal_page_with_its_status(staff: Any) -> None:
    request = RequestFactory().post("/casework/cases/1/decide/")
    request.user = staff
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # what MessageMiddleware sets
    middleware = RefusalMiddleware(lambda r: HttpResponse())
    response = middleware.process_exception(request, StaleCase("Someone changed this case."))
    assert response is not None and response.status_code == 409
    assert "Someone changed this case." in response.content.decode()
    assert middleware.process_exception(request, KeyError("not a refusal")) is None
