import pytest
from django.template import Context, Template

pytestmark = pytest.mark.django_db


def render(source: str, **context: object) -> str:
    return Template("{% load policy_text %}" + source).render(Context(context))


def test_ids_are_shown_in_the_policys_own_words() -> None:
    out = render("{{ ids|policy_titles }}", ids=["violence", "contact_restriction", "end_call"])
    assert out == (
        "Any form of physical violence or threats of physical violence; Contact restriction; End the call."
    )
    assert render("{{ 'no_further_action'|policy_title }}") == "No further action"
    assert render("{{ 'something_unknown'|policy_title }}") == "Something unknown"
    assert render("{{ none|policy_titles }}", none=None) == ""
