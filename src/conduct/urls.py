from django.contrib import admin
from django.urls import include, path

from conduct.accounts import views as account_views
from conduct.api.api import api
from conduct.core import views as core_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("healthz", core_views.health, name="health"),
    path("accounts/", include("conduct.accounts.urls")),
    path("clients/", include("conduct.clients.urls")),
    path("casework/", include("conduct.casework.urls")),
    path("letters/", include("conduct.letters.urls")),
    path("policy/", include("conduct.policy.urls")),
    path("audit/", include("conduct.audit.urls")),
    path("reports/", include("conduct.reports.urls")),
    path("privacy/", include("conduct.privacy.urls")),
    path("requests/", include("conduct.requests.urls")),
    path("correspondence/", include("conduct.correspondence.urls")),
    path("api/", api.urls),
    path("django-admin/", admin.site.urls),
]
