from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from conduct.core.access import requires
from conduct.policy.document import Policy
from conduct.policy.models import PolicyVersion
from conduct.policy.services import current_version, policy_of
from conduct.screening.categories import DETECTABLE


def document_context(policy: Policy) -> dict[str, Any]:
    """What ``policy/_document.html`` shows: the policy, and its categories by group, each
    with the screener's categories that map onto it (none: the screener cannot detect it)."""
    sources = policy.screener_sources(DETECTABLE)
    groups = [
        (title, [(c, sources[c.id]) for c in categories])
        for _, title, categories in policy.categories_by_group()
    ]
    return {"policy": policy, "groups": groups}


@requires("policy.view_policyversion")
def current(request: HttpRequest) -> HttpResponse:
    version = current_version()
    history = PolicyVersion.objects.select_related("loaded_by").all()[:20]
    return render(
        request,
        "policy/current.html",
        {
            **document_context(policy_of(version)),
            "version": version,
            "history": history,
            "may_edit": request.user.has_perm("policy.add_policyversion"),
        },
    )
