"""Typed access to a form's fields, for forms that fill in choices or querysets
when they are made (from the policy in force, or from the database).

``form.fields[name]`` is typed as a plain ``Field``; these return the field as
the kind it is declared as, and fail loudly if it is not.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms

F = TypeVar("F", bound=forms.Field)

# Set on a field that is needed only sometimes; the field template shows it in
# place of "(optional)".
REQUIRED_WHEN = "required_when"


def field_of(form: forms.BaseForm, name: str, kind: type[F]) -> F:
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{type(form).__name__}.{name} is not a {kind.__name__}")
    return field


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    return field_of(form, name, forms.ChoiceField)


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    return field_of(form, name, forms.ModelChoiceField)


def mark_required_when(field: forms.Field, when: str) -> None:
    """Say when an optional field is needed (for example "needed for a restriction")."""
    setattr(field, REQUIRED_WHEN, when)
