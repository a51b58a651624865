from django.urls import path

from conduct.accounts import views
from conduct.accounts.sso import views as sso

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.login, name="login"),
    path("sign-out/", views.logout, name="logout"),
    path("sign-in/provider/", sso.start, name="sso_start"),
    path("sign-in/provider/callback/", sso.callback, name="sso_callback"),
    path("users/", views.users, name="users"),
    path("users/<int:pk>/roles/", views.user_roles_page, name="user_roles"),
    path("api-tokens/", views.tokens, name="tokens"),
    path("api-tokens/<int:pk>/revoke/", views.revoke_token, name="revoke_token"),
]
