from django.urls import path

from conduct.policy import views

app_name = "policy"
urlpatterns = [
    path("", views.current, name="current"),
    path("edit/", views.edit, name="edit"),
]
