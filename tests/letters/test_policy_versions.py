"""Letters quote the policy version their decision was made under, ombudsman included."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest

from conduct.casework.models import Decision
from conduct.letters import rules
from conduct.letters.services import generate_letter
from conduct.policy.services import current_policy, current_version, publish_policy
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def _publish_own_wording(admin: Any) -> None:
    policy = current_policy()
    categories = tuple(
        dataclasses.replace(c, title="Threats made by email, phone or voicemail")
        if c.id == "threatening_communication"
        else c
        for c in policy.categories
    )
    publish_policy(
        dataclasses.replace(
            policy,
            categories=categories,
            ombudsman_name="the Housing Ombudsman",
            ombudsman_url="https://www.housing-ombudsman.org.uk",
        ),
        actor=admin,
        based_on=current_version(),
    )


def test_a_letter_on_a_version_one_decision_keeps_version_ones_words(
    restriction_decision: Decision, manager: Any, admin_user: Any
) -> None:
    _publish_own_wording(admin_user)
    letter = generate_letter(rules.RESTRICTION, decision=restriction_decision, actor=manager)
    assert "Threatening emails and telephone calls" in letter.body
    assert "the Legal Ombudsman (https://www.legalombudsman.org.uk)" in letter.body
    page = signed_in(manager).get(f"/letters/{letter.pk}/").content.decode()
    assert re.search(r"Policy version</dt><dd>1 ", page)


def test_a_letter_on_a_version_two_decision_quotes_its_words_and_ombudsman(
    admin_user: Any, manager: Any, request: Any
) -> None:
    _publish_own_wording(admin_user)
    decision = request.getfixturevalue("restriction_decision")
    assert decision.policy_version.version == "2"
    letter = generate_letter(rules.RESTRICTION, decision=decision, actor=manager)
    assert "Threats made by email, phone or voicemail" in letter.body
    assert "the Housing Ombudsman (https://www.housing-ombudsman.org.uk)" in letter.body
    page = signed_in(manager).get(f"/letters/{letter.pk}/").content.decode()
    assert re.search(r"Policy version</dt><dd>2 ", page)
