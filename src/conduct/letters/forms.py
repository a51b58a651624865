from __future__ import annotations

from typing import Any

from django import forms

from conduct.core.formfields import choice_field
from conduct.core.limits import limit
from conduct.letters import rules
from conduct.letters.models import Letter, LetterTemplate


class TemplateForm(forms.Form):
    subject = forms.CharField(max_length=limit(LetterTemplate, "subject"), label="Subject")
    body = forms.CharField(
        max_length=limit(LetterTemplate, "body"),
        label="Words of the letter",
        help_text=(
            "Leave a blank line between paragraphs. Start a line with '## ' for a heading and "
            "'- ' for a list item. Facts go in double braces, for example {{ review_on }}."
        ),
        widget=forms.Textarea(attrs={"rows": 24}),
    )
    note = forms.CharField(
        max_length=limit(LetterTemplate, "note"),
        required=False,
        label="What changed and why",
        help_text="Kept with this version of the template.",
    )


class LetterEditForm(forms.Form):
    subject = forms.CharField(max_length=limit(Letter, "subject"), label="Subject")
    body = forms.CharField(
        max_length=limit(Letter, "body"),
        label="Words of the letter",
        help_text="Leave a blank line between paragraphs; '## ' starts a heading, '- ' a list item.",
        widget=forms.Textarea(attrs={"rows": 28}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class SendForm(forms.Form):
    method = forms.ChoiceField(
        label="How was the letter sent?",
        choices=list(rules.SEND_METHODS.items()),
        widget=forms.RadioSelect,
    )
    sent_on = forms.DateField(
        label="Date sent",
        help_text="A letter sent by email is sent today.",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date", "class": "input--narrow"}, format="%Y-%m-%d"),
    )
    email = forms.ChoiceField(
        label="Email address",
        required=False,
        help_text="Only addresses on the client record can be used.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, emails: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "email").choices = [(e, e) for e in emails]


class GenerateForm(forms.Form):
    kind = forms.ChoiceField(choices=[(k, t) for k, t in rules.KIND_TITLES.items()])
