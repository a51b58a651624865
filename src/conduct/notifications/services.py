"""Telling staff: an in-app notification now, an email after commit."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from conduct.accounts.roles import Role
from conduct.notifications.models import Notification

logger = logging.getLogger(__name__)


def senior_managers() -> list[Any]:
    User = get_user_model()
    return list(
        User.objects.filter(is_active=True, groups__name=Role.SENIOR_MANAGER.value).distinct()
    )


def _send(subject: str, body: str, recipients: list[str]) -> None:
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except OSError as exc:
        # The in-app notification is already saved; a mail outage must not undo the record.
        logger.warning("casework email not sent: %s", exc.__class__.__name__)


def _create_once(user: Any, *, key: str, text: str, url: str, now: Any) -> bool:
    _, made = Notification.objects.get_or_create(
        user=user, key=key, defaults={"text": text[:300], "url": url, "created_at": now}
    )
    return made


def notify(users: Iterable[Any], *, key: str, text: str, url: str = "") -> int:
    """Create one notification per user (once per ``key``) and email them after commit.

    Returns how many new notifications were created. Call inside the service's
    transaction: if it rolls back, neither the notice nor the email goes out.
    The email says only what happened and where to look, never the detail.
    """
    now = timezone.now()
    key = key[:120]
    people = list(users)
    have = set(
        Notification.objects.filter(key=key, user__in=[u.pk for u in people]).values_list(
            "user_id", flat=True
        )
    )
    fresh = list({u.pk: u for u in people if u.pk not in have}.values())
    try:
        # One insert for everyone not yet told; if another transaction told one of them
        # meanwhile, the savepoint undoes the insert and each is made one by one instead.
        if fresh:
            with transaction.atomic():
                Notification.objects.bulk_create(
                    Notification(user=u, key=key, text=text[:300], url=url, created_at=now)
                    for u in fresh
                )
    except IntegrityError:
        fresh = [u for u in fresh if _create_once(u, key=key, text=text, url=url, now=now)]
    recipients = [u.email for u in fresh if u.email]
    created = len(fresh)
    if recipients:
        subject = f"Client Conduct: {text[:120]}"
        body = f"{text}\n\nOpen Client Conduct to see it{': ' + url if url else ''}.\n"
        transaction.on_commit(lambda: _send(subject, body, recipients))
    return created


def notify_senior_managers(*, key: str, text: str, url: str = "") -> int:
    return notify(senior_managers(), key=key, text=text, url=url)
