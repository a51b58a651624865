from django.urls import path

from conduct.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.login, name="login"),
    path("sign-out/", views.logout, name="logout"),
    path("api-tokens/", views.tokens, name="tokens"),
    path("api-tokens/<int:pk>/revoke/", views.revoke_token, name="revoke_token"),
]
