"""Django's admin shows users but cannot change what they may do.

Roles change only through ``services.change_user_roles`` (the Users page and
the API), which writes the change to the audit chain. So the admin has no
groups, permissions, superuser or staff fields, adds and deletes no users, and
Django's own group admin is not registered.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group

from conduct.accounts.access import user_roles
from conduct.accounts.rules import roles_label
from conduct.accounts.services import USER_DETAILS, change_user_details

User = get_user_model()

for model in (User, Group):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(User)
class UserAdmin(admin.ModelAdmin[AbstractUser]):
    """Names and e-mail addresses; everything about access is read-only here."""

    list_display = ("username", "first_name", "last_name", "email", "roles", "is_active")
    search_fields = ("username", "first_name", "last_name", "email")
    fields = (
        "username",
        "first_name",
        "last_name",
        "email",
        "roles",
        "is_active",
        "last_login",
        "date_joined",
    )
    readonly_fields = ("username", "roles", "is_active", "last_login", "date_joined")

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        # Through the service, so the change is in the audit chain, not only in
        # Django's own (editable) admin log.
        change_user_details(
            obj, {f: form.cleaned_data[f] for f in USER_DETAILS}, actor=request.user
        )

    @admin.display(description="Roles")
    def roles(self, obj: Any) -> str:
        return roles_label(user_roles(obj))

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
