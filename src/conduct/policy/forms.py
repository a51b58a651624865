"""The policy editor's forms. They check nothing themselves: the rows become the
policy file's data and the loader's own checks decide (``editor.py``)."""

from __future__ import annotations

from django import forms
from django.forms import formset_factory

_ID_HINT = "Lower-case letters, digits and _; records cite it, so keep it once in use."


class HeaderForm(forms.Form):
    # The version in force when editing began: publishing refuses if another came since.
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label="Title of the policy", required=False, max_length=300)
    ombudsman_name = forms.CharField(
        label="Ombudsman named in letters",
        required=False,
        max_length=200,
        help_text="Blank: the one configured for the organisation.",
    )
    ombudsman_url = forms.CharField(label="Ombudsman's website", required=False, max_length=300)
    source_text = forms.CharField(
        label="The policy as written",
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="The full text shown on the policy page.",
    )


class _Item(forms.Form):
    id = forms.CharField(label="Id", required=False, max_length=63, help_text=_ID_HINT)


class PrincipleForm(_Item):
    text = forms.CharField(
        label="Wording",
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CategoryForm(_Item):
    group = forms.CharField(label="Group", required=False, max_length=63)
    title = forms.CharField(
        label="Wording",
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    screener = forms.CharField(
        label="Screener categories",
        required=False,
        max_length=500,
        help_text="The screener's categories that map onto this one, separated by spaces; "
        "blank: the screener cannot detect it.",
    )


class StaffRightForm(_Item):
    text = forms.CharField(
        label="Wording",
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StepForm(_Item):
    text = forms.CharField(
        label="Wording",
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    channels = forms.CharField(
        label="Only on these channels",
        required=False,
        max_length=300,
        help_text="Separated by spaces; blank: every channel.",
    )


class OutcomeForm(_Item):
    title = forms.CharField(label="Wording", required=False, max_length=300)


SECTION_FORMS: dict[str, type[forms.Form]] = {
    "principles": PrincipleForm,
    "categories": CategoryForm,
    "staff_rights": StaffRightForm,
    "procedure": StepForm,
    "outcomes": OutcomeForm,
}
# Blank rows offered at the end of each section for adding an item.
EXTRA_ROWS = {"categories": 2}

FORMSETS = {
    section: formset_factory(form, extra=EXTRA_ROWS.get(section, 1), can_delete=True)
    for section, form in SECTION_FORMS.items()
}
