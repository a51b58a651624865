"""The admin's policy editor: edit, preview with the changes, publish as a new version."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from conduct.core.access import requires
from conduct.core.refusal_views import refusal_shown
from conduct.policy import editor as policy_editor
from conduct.policy.diff import diff_policies
from conduct.policy.models import PolicyVersion
from conduct.policy.services import (
    PolicyError,
    current_version,
    next_version,
    policy_of,
    preview_draft,
    publish_policy,
)
from conduct.policy.views.page import document_context
from conduct.screening.categories import DETECTABLE


def _page(
    request: HttpRequest, editor: policy_editor.Editor, version: PolicyVersion, **extra: object
) -> HttpResponse:
    policy = policy_of(version)
    mapped = (
        set(policy.screener_map(DETECTABLE))
        if editor.policy is None
        else set(editor.policy.screener_map(DETECTABLE))
    )
    return render(
        request,
        "policy/edit.html",
        {
            "editor": editor,
            "version": version,
            "policy": policy,
            "unmapped": sorted(DETECTABLE - mapped),
            "detectable": sorted(DETECTABLE),
            **extra,
        },
        status=400 if editor.problems else 200,
    )


@requires("policy.add_policyversion")
def edit(request: HttpRequest) -> HttpResponse:
    """GET: the version in force in the editor. POST ``action``: ``preview`` checks the
    form as the loader checks a file and shows the policy page and the changes;
    ``edit`` goes back to the form; ``publish`` makes it the next version."""
    version = current_version()
    base = policy_of(version)
    if request.method != "POST":
        return _page(request, policy_editor.initial(base, based_on=version.pk), version)
    editor = policy_editor.bind(request.POST, base)
    action = request.POST.get("action", "preview")
    if not editor.is_valid or action == "edit":
        return _page(request, editor, version)
    draft = editor.policy
    assert draft is not None
    changes = diff_policies(base, draft)
    based_on = editor.header.cleaned_data.get("based_on")
    if action == "publish":
        started = PolicyVersion.objects.filter(pk=based_on).first() if based_on else None
        try:
            with refusal_shown(editor) as refusal:
                published = publish_policy(draft, actor=request.user, based_on=started or version)
        except PolicyError as exc:
            editor.problems.append(("", exc.describe()))
            return _page(request, editor, version)
        if refusal:
            return _page(request, editor, version)
        messages.success(request, f"Version {published.version} of the policy is now in force.")
        return redirect("policy:current")
    preview_draft(version, changes, actor=request.user)
    return render(
        request,
        "policy/preview.html",
        {
            "editor": editor,
            "draft": draft,
            "version": version,
            "changes": changes,
            "draft_groups": document_context(draft)["groups"],
            "next_version": next_version(version.policy_key),
        },
    )
