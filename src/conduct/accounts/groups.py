"""Keep the role groups' permissions equal to ``roles.ROLE_PERMISSIONS``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

from conduct.accounts.roles import ROLE_PERMISSIONS, Role


def sync_role_groups() -> None:
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = []
        for dotted in ROLE_PERMISSIONS[role]:
            app_label, codename = dotted.split(".", 1)
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is not None:
                wanted.append(perm)
        group.permissions.set(wanted)


def sync_role_groups_after_migrate(sender: Any, **kwargs: Any) -> None:
    # post_migrate fires once per app, after that app's permissions exist, so
    # syncing each time leaves every group complete at the end of a migrate.
    sync_role_groups()
