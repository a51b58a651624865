"""Sign-ins and sign-outs go into the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
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
