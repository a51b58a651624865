"""The decision and review pages as a manager meets them: clauses in the policy's words,
labels that say when a field is needed, the review date the manager chooses."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from conduct.casework.models import Incident, Restriction
from conduct.casework.services import DecisionInput, RestrictionInput, record_decision
from conduct.policy.services import current_policy

pytestmark = pytest.mark.django_db


def text(markup: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)))


def labels(page: str) -> list[str]:
    found = re.findall(r"<(?:label|legend)[^>]*>(.*?)</(?:label|legend)>", page, re.S)
    return [text(m).strip() for m in found]


def checked(page: str, name: str) -> set[str]:
    found = set()
    for tag in re.findall(rf'<input[^>]*name="{name}"[^>]*>', page):
        if re.search(r"\schecked\b", tag):
            found.add(re.search(r'value="([^"]*)"', tag).group(1))  # type: ignore[union-attr]
    return found


def decide_page(as_manager: HttpClient, incident: Incident) -> str:
    response = as_manager.get(f"/casework/cases/{incident.case_id}/decide/")
    assert response.status_code == 200
    return response.content.decode()


def test_clauses_are_grouped_as_the_policy_groups_them_in_its_own_words(
    as_manager: HttpClient, incident: Incident
) -> None:
    page = decide_page(as_manager, incident)
    policy = current_policy()
    found = labels(page)
    for heading in [
        "Principles",
        "Aggressive or abusive behaviour",
        "Unreasonable demands",
        "Vexatious complaints",
        "Procedures: staff have the right to",
        "Procedures: the steps we may take",
    ]:
        assert heading in found, heading
    # Every clause appears once, uncut, without its id.
    for clause in sorted(policy.clause_ids()):
        wording = policy.clause_text(clause)
        assert found.count(wording) == 1, clause
    assert not any(label.startswith(f"{c}:") for c in policy.clause_ids() for label in found)
    assert not any(label.endswith("…") for label in found)


def test_the_incidents_categories_are_ticked_already(
    as_manager: HttpClient, incident: Incident
) -> None:
    assert checked(decide_page(as_manager, incident), "clauses") == {"threatening_communication"}


def test_labels_say_when_a_field_is_needed_instead_of_optional(
    as_manager: HttpClient, incident: Incident
) -> None:
    found = labels(decide_page(as_manager, incident))
    assert "Review date (needed for a contact restriction)" in found
    assert "Restriction starts (needed for a contact restriction)" in found
    assert "Reasonable adjustments (needed for a contact restriction or a termination)" in found
    assert "Representative's name (needed when contact is only through a representative)" in found
    assert not any("(optional) (optional)" in label for label in found)
    assert "Single point of contact (optional)" in found


def test_no_form_label_carries_its_own_optional_marker() -> None:
    """The field template adds "(optional)"; a label that says it too says it twice."""
    import importlib
    import pkgutil

    from django import forms

    import conduct

    for module in pkgutil.walk_packages(conduct.__path__, "conduct."):
        if ".forms" in module.name and "migrations" not in module.name:
            importlib.import_module(module.name)
    seen = 0

    def walk(cls: type[forms.Form]) -> None:
        nonlocal seen
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("conduct."):
                for name, field in sub.base_fields.items():
                    seen += 1
                    assert "optional" not in str(field.label or "").lower(), (sub, name)
            walk(sub)

    walk(forms.Form)
    assert seen > 50


def test_the_demand_case_form_says_optional_once(
    as_manager: HttpClient, client_record: Any
) -> None:
    page = as_manager.get(f"/correspondence/clients/{client_record.pk}/demand/").content.decode()
    assert "Why refer this now (optional)" in labels(page)
    assert "(optional) (optional)" not in text(page)


@pytest.fixture
def restriction(incident: Incident, manager: Any) -> Restriction:
    case = incident.case
    assert case is not None
    today = timezone.localdate()
    decision = record_decision(
        case,
        DecisionInput(
            outcomes=["contact_restriction"],
            reasons="Threats after a warning.",
            clauses=["threatening_communication"],
            adjustments_note="None known.",
            restriction=RestrictionInput(
                starts_on=today, review_on=today + timedelta(days=40), channels_allowed=["email"]
            ),
        ),
        actor=manager,
        expected_version=case.version,
    )
    return decision.restrictions.get()


def test_the_review_form_offers_the_current_review_date_and_keeps_the_one_chosen(
    restriction: Restriction, other_manager: Any
) -> None:
    http = HttpClient()
    http.force_login(other_manager)
    url = f"/casework/restrictions/{restriction.pk}/review/"
    page = http.get(url).content.decode()
    current = restriction.review_on
    assert f'name="review_on" value="{current.isoformat()}"' in page
    assert f"The review date now is {current.day} {current:%B %Y}" in text(page)
    chosen = timezone.localdate() + timedelta(days=75)
    response = http.post(
        url,
        {
            "outcome": "vary",
            "reasons": "Calls may resume; emails still only to the named contact.",
            "review_on": chosen.isoformat(),
            "channels_allowed": ["email", "phone"],
            "version": restriction.version,
        },
    )
    assert response.status_code == 302
    restriction.refresh_from_db()
    assert restriction.review_on == chosen
    assert restriction.channels_allowed == ["email", "phone"]
