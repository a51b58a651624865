"""Telling staff: an in-app notification now, an email after commit."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
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


def notify(users: Iterable[Any], *, key: str, text: str, url: str = "") -> int:
    """Create one notification per user (once per ``key``) and email them after commit.

    Returns how many new notifications were created. Call inside the service's
    transaction: if it rolls back, neither the notice nor the email goes out.
    The email says only what happened and where to look, never the detail.
    """
    now = timezone.now()
    recipients: list[str] = []
    created = 0
    for user in users:
        _, made = Notification.objects.get_or_create(
            user=user, key=key[:120], defaults={"text": text[:300], "url": url, "created_at": now}
        )
        if made:
            created += 1
            if user.email:
                recipients.append(user.email)
    if recipients:
        subject = f"Client Conduct: {text[:120]}"
        body = f"{text}\n\nOpen Client Conduct to see it{': ' + url if url else ''}.\n"
        transaction.on_commit(lambda: _send(subject, body, recipients))
    return created


def notify_senior_managers(*, key: str, text: str, url: str = "") -> int:
    return notify(senior_managers(), key=key, text=text, url=url)
