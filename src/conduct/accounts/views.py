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

from conduct.accounts.access import user_roles
from conduct.accounts.models import ApiToken
from conduct.accounts.roles import Role
from conduct.accounts.rules import roles_label
from conduct.accounts.services import change_user_roles, create_api_token, revoke_api_token
from conduct.accounts.sso.provider import configured
from conduct.core.access import public, requires, signed_in
from conduct.core.refusal_views import refusal_shown


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
    """A token for the signed-in user's own account: it has exactly their roles."""

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
                request.user, form.cleaned_data["name"], actor=request.user
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


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        choices=[(role.value, role.label) for role in Role],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Roles",
        help_text="With no role at all the user can sign in but use nothing.",
    )


def _provider_sets_roles(person: Any) -> bool:
    conf = configured()
    return bool(conf and conf.roles_from_provider and person.external_identities.exists())


@requires("auth.view_user")
def users(request: HttpRequest) -> HttpResponse:
    people = (
        get_user_model()
        .objects.order_by("username")
        .prefetch_related("groups", "external_identities")
    )
    rows = [
        {
            "person": person,
            "roles": roles_label(user_roles(person)),
            "provider": bool(person.external_identities.all()),
            "may_change": person.pk != request.user.pk,
        }
        for person in people
    ]
    return render(request, "accounts/users.html", {"rows": rows})


@requires("auth.view_user", "auth.change_user")
def user_roles_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Change another user's roles through ``change_user_roles`` (never one's own)."""
    person = get_object_or_404(get_user_model(), pk=pk)
    current = sorted(role.value for role in user_roles(person))
    # An empty POST is a real answer here: it takes every role away.
    form = RolesForm(request.POST if request.method == "POST" else None, initial={"roles": current})
    own = person.pk == request.user.pk
    status = 403 if own else 200
    if request.method == "POST" and not own and form.is_valid():
        wanted = {Role(value) for value in form.cleaned_data["roles"]}
        with refusal_shown(form) as refusal:
            changed = change_user_roles(person, wanted, actor=request.user, source="users page")
        if refusal:
            status = refusal.status
        else:
            name = person.get_username()
            if changed:
                messages.success(request, f"Roles of {name} are now: {roles_label(wanted)}.")
            else:
                messages.info(request, f"The roles of {name} were already these.")
            return redirect("accounts:users")
    context = {
        "person": person,
        "form": form,
        "own": own,
        "provider_sets_roles": _provider_sets_roles(person),
        "roles": roles_label(user_roles(person)),
    }
    return render(request, "accounts/user_roles.html", context, status=status)
