"""Admins' pages for letter templates: the list, and editing (each save is a new version)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from conduct.casework.published import call_scripts
from conduct.core.access import requires
from conduct.core.refusal_views import refusal_shown
from conduct.letters import rules
from conduct.letters.forms import TemplateForm
from conduct.letters.models import LetterTemplate
from conduct.letters.services import change_template, current_templates


def _scripts_url() -> str:
    try:
        return reverse("admin:casework_script_changelist")
    except NoReverseMatch:
        return ""


@requires("letters.view_lettertemplate")
def template_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "letters/template_list.html",
        {
            "templates": current_templates(),
            "scripts": call_scripts(),
            "scripts_url": _scripts_url(),
        },
    )


@requires("letters.change_lettertemplate")
def template_edit(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in rules.KINDS:
        raise Http404("No such kind of letter.")
    versions = list(LetterTemplate.objects.filter(kind=kind).select_related("created_by"))
    current = versions[0] if versions else None
    initial = {"subject": current.subject, "body": current.body} if current else {}
    form = TemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form, field="body") as refusal:
            template = change_template(
                kind,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        if not refusal:
            messages.success(
                request,
                f"Saved as version {template.version}. Letters already written keep their words.",
            )
            return redirect("letters:templates")
    return render(
        request,
        "letters/template_edit.html",
        {
            "kind": kind,
            "title": rules.KIND_TITLES[kind].capitalize(),
            "form": form,
            "versions": versions,
            "variables": rules.variables_for(kind),
            "required": [f.key for f in rules.REQUIRED[kind]],
        },
        status=400 if form.errors else 200,
    )
