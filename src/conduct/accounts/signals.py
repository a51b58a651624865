"""Sign-ins and sign-outs go into the audit log; no user is saved as a superuser."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import pre_save
from django.dispatch import receiver

from conduct.audit.services import record_event


@receiver(user_logged_in, dispatch_uid="conduct.accounts.logged_in")
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record_event("accounts.login.succeeded", actor=user, target=user)


@receiver(user_logged_out, dispatch_uid="conduct.accounts.logged_out")
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record_event("accounts.logout", actor=user, target=user)


@receiver(user_login_failed, dispatch_uid="conduct.accounts.login_failed")
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    record_event("accounts.login.failed", actor=None, payload={"username": username})


@receiver(pre_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="conduct.accounts.no_superusers")
def _no_superusers(sender: Any, instance: Any, **kwargs: Any) -> None:
    # What a user may do comes from their roles alone; a superuser flag would
    # be a second, unaudited way to grant everything.
    update_fields = kwargs.get("update_fields")
    writes_flag = update_fields is None or "is_superuser" in update_fields
    if writes_flag and getattr(instance, "is_superuser", False):
        raise ValueError(
            "Client Conduct has no superusers: give the user the admin role "
            "(conduct createuser NAME --role admin)."
        )
