from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from conduct.accounts.access import requires
from conduct.policy.models import PolicyVersion
from conduct.policy.services import current_version, policy_of


@requires("policy.view_policyversion")
def current(request: HttpRequest) -> HttpResponse:
    version = current_version()
    policy = policy_of(version)
    history = PolicyVersion.objects.select_related("loaded_by").all()[:20]
    return render(
        request, "policy/current.html", {"policy": policy, "version": version, "history": history}
    )
