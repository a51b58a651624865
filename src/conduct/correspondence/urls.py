from django.urls import path

from conduct.correspondence.views import demand, imports, messages, review, unmatched

app_name = "correspondence"
urlpatterns = [
    path("review/", review.review_queue, name="review"),
    path("<int:pk>/", messages.communication_detail, name="detail"),
    path("<int:pk>/full-text/", messages.communication_full_text, name="full_text"),
    path("<int:pk>/refer/", review.refer, name="refer"),
    path("<int:pk>/dismiss/", review.dismiss, name="dismiss"),
    path("<int:pk>/link/", unmatched.link, name="link"),
    path("unmatched/", unmatched.unmatched_list, name="unmatched"),
    path("clients/<int:client_pk>/", messages.client_communications, name="client"),
    path("clients/<int:client_pk>/demand/", demand.demand_profile, name="demand"),
    path("clients/<int:client_pk>/demand/case/", demand.open_case, name="demand_case"),
    path("demand/", demand.outlier_list, name="outliers"),
    path("imports/", imports.import_list, name="imports"),
    path("imports/<int:pk>/", imports.import_detail, name="import"),
]
