from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from conduct.accounts.access import public, requires, signed_in
from conduct.accounts.models import ApiToken
from conduct.accounts.services import create_api_token, revoke_api_token
from conduct.accounts.sso.provider import configured


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is inactive.",
    }


class SignInView(auth_views.LoginView):
    """Username and password, the identity provider's button, or both."""

    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["sso"] = configured()
        context["local_passwords"] = settings.LOCAL_PASSWORDS
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.LOCAL_PASSWORDS:
            return HttpResponse(
                "Passwords are switched off here: sign in with the identity provider.",
                status=403,
                content_type="text/plain",
            )
        return super().post(request, *args, **kwargs)


login = public(SignInView.as_view())
logout = signed_in(auth_views.LogoutView.as_view())


@signed_in
def home(request: HttpRequest) -> HttpResponse:
    if request.user.has_perm("clients.view_client"):
        return redirect("clients:list")
    if request.user.has_perm("audit.view_auditevent"):
        return redirect("audit:list")
    return render(request, "accounts/no_role.html", status=403)


class TokenForm(forms.Form):
    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        label="User the token acts as",
        help_text="The token has exactly this user's role and permissions.",
    )
    name = forms.CharField(
        max_length=100, label="Name", help_text="What the token is for, e.g. mail gateway."
    )


@requires("accounts.view_apitoken")
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST":
        if not request.user.has_perm("accounts.add_apitoken"):
            return render(request, "403.html", status=403)
        if form.is_valid():
            _, new_token = create_api_token(
                form.cleaned_data["user"], form.cleaned_data["name"], actor=request.user
            )
            form = TokenForm()
    records = ApiToken.objects.select_related("user").all()
    return render(
        request, "accounts/tokens.html", {"form": form, "tokens": records, "new_token": new_token}
    )


@requires("accounts.delete_apitoken")
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(ApiToken, pk=pk)
    revoke_api_token(record, actor=request.user)
    messages.success(request, f"Token {record.name} revoked.")
    return redirect("accounts:tokens")
