from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from conduct.accounts.access import user_roles
from conduct.accounts.roles import ROLE_LABELS, Role

# (label, url name, permission needed). Later parts of the product add rows.
NAVIGATION: list[tuple[str, str, str]] = [
    ("Clients", "clients:list", "clients.view_client"),
    ("Flagged messages", "correspondence:review", "correspondence.review_communication"),
    ("Incidents", "casework:incidents", "casework.view_incident"),
    ("Case queue", "casework:queue", "casework.view_case"),
    ("Reviews due", "casework:reviews", "casework.view_case"),
    ("Requests", "requests:queue", "requests.view_clientrequest"),
    ("Support", "casework:support", "casework.view_supportfollowup"),
    ("Demand", "correspondence:outliers", "correspondence.view_demand"),
    ("Reports", "reports:dashboard", "reports.view_reports"),
    ("Notifications", "casework:notifications", "casework.view_incident"),
    ("Policy", "policy:current", "policy.view_policyversion"),
    ("Imports", "correspondence:imports", "correspondence.ingest_communication"),
    ("Letter templates", "letters:templates", "letters.change_lettertemplate"),
    ("Retention", "privacy:retention", "privacy.run_retention"),
    ("Audit log", "audit:list", "audit.view_auditevent"),
    ("Users", "accounts:users", "auth.view_user"),
    ("API tokens", "accounts:tokens", "accounts.view_apitoken"),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "role_labels": []}
    items = [
        {"label": label, "url": reverse(name), "active": request.path.startswith(reverse(name))}
        for label, name, perm in NAVIGATION
        if user.has_perm(perm)
    ]
    roles = sorted(user_roles(user), key=list(Role).index)
    return {"nav_items": items, "role_labels": [ROLE_LABELS[r] for r in roles]}
