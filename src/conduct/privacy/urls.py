from django.urls import path

from conduct.privacy import views

app_name = "privacy"
urlpatterns = [
    path("retention/", views.retention, name="retention"),
    path("clients/<int:pk>/", views.client_privacy, name="client"),
    path("clients/<int:pk>/subject-access", views.subject_access, name="subject_access"),
    path("clients/<int:pk>/legal-hold", views.hold_set, name="hold_set"),
    path("exports/<int:pk>/", views.export_detail, name="export"),
    path("exports/<int:pk>/status", views.export_status, name="export_status"),
    path("exports/<int:pk>/download", views.export_download, name="export_download"),
    path("legal-holds/<int:pk>/lift", views.hold_lift, name="hold_lift"),
]
