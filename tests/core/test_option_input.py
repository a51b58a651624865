"""Checkbox and radio options are written without a template each, exactly as Django's
widget templates write them."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms

from conduct.casework.forms.incidents import IncidentForm
from conduct.core.templatetags.conduct_forms import option_input


class Odd(forms.Form):
    picks = forms.MultipleChoiceField(
        choices=[("a&b", 'Quote " and <tag>'), ("2", "Two")],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "x", "data-off": False}),
    )
    one = forms.ChoiceField(choices=[("1", "One"), ("2", "Two")], widget=forms.RadioSelect)


def _options(form: forms.Form) -> list[Any]:
    return [
        option
        for field in form
        if field.widget_type in ("checkboxselectmultiple", "radioselect")
        for option in field
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make",
    [
        lambda: Odd(initial={"picks": ["a&b"], "one": "2"}),
        lambda: Odd(data={"picks": ["2"]}),
        lambda: IncidentForm(),
        lambda: IncidentForm(
            data={"categories": ["abusive_language"], "staff_actions": ["end_call"]}
        ),
    ],
)
def test_option_input_is_what_the_widget_template_writes(make: Any) -> None:
    options = _options(make())
    assert options
    for option in options:
        assert option_input(option) == option.tag()
