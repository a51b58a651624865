from django.urls import path

from conduct.requests import views

app_name = "requests"
urlpatterns = [
    path("", views.request_queue, name="queue"),
    path("new/<int:client_pk>/", views.request_new, name="new"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/extend", views.request_extend, name="extend"),
    path("<int:pk>/close", views.request_close, name="close"),
    path("<int:pk>/subject-access", views.request_export, name="export"),
    path("<int:pk>/letters/<str:letter>", views.request_letter, name="letter"),
]
