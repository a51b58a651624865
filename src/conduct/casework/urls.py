from django.urls import path

from conduct.casework.views import calls, cases, incidents, reviews, sanctions

app_name = "casework"
urlpatterns = [
    path("incidents/", incidents.incident_list, name="incidents"),
    path("incidents/new/", incidents.incident_create, name="incident_create"),
    path("incidents/<int:pk>/", incidents.incident_detail, name="incident"),
    path("incidents/<int:pk>/edit/", incidents.incident_edit, name="incident_edit"),
    path("incidents/<int:pk>/link/", incidents.incident_link, name="incident_link"),
    path("incidents/<int:pk>/evidence/", incidents.incident_evidence, name="incident_evidence"),
    path("evidence/<int:pk>/", incidents.evidence_download, name="evidence"),
    path("calls/new/", calls.call_start, name="call_start"),
    path("calls/<int:pk>/", calls.call_guide, name="call"),
    path("calls/<int:pk>/step/", calls.call_step, name="call_step"),
    path("calls/<int:pk>/finish/", calls.call_finish, name="call_finish"),
    path("queue/", cases.queue, name="queue"),
    path("cases/<int:pk>/", cases.case_detail, name="case"),
    path("cases/<int:pk>/assign/", cases.case_assign, name="case_assign"),
    path("cases/<int:pk>/notes/", cases.case_note, name="case_note"),
    path("cases/<int:pk>/link/", cases.case_link, name="case_link"),
    path("cases/<int:pk>/override/", cases.case_override, name="case_override"),
    path("cases/<int:pk>/evidence/", cases.case_evidence, name="case_evidence"),
    path("cases/<int:pk>/police/", cases.case_police, name="case_police"),
    path("cases/<int:pk>/decide/", cases.case_decide, name="case_decide"),
    path("police-referrals/<int:pk>/", cases.police_referral_update, name="police_referral_update"),
    path("restrictions/<int:pk>/", sanctions.restriction_detail, name="restriction"),
    path("restrictions/<int:pk>/review/", sanctions.restriction_review, name="restriction_review"),
    path("reviews/", sanctions.reviews_due, name="reviews"),
    path("decisions/<int:pk>/reviews/", reviews.decision_reviews, name="decision_reviews"),
    path("support/", sanctions.support_list, name="support"),
    path("support/<int:pk>/done/", sanctions.support_done, name="support_done"),
    path("notifications/", sanctions.notifications, name="notifications"),
]
