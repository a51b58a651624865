"""Users, roles and API tokens. Each state change writes one audit event."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from conduct.accounts.groups import sync_role_groups
from conduct.accounts.models import ApiToken
from conduct.accounts.roles import Role
from conduct.audit.services import record_event

TOKEN_PREFIX = "cc_"  # noqa: S105 - a public marker, not a secret


def create_user(
    username: str,
    *,
    role: Role,
    password: str,
    actor: Any,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    check_password: bool = True,
) -> AbstractBaseUser:
    """Create a user holding one role. Refuses a taken username or a weak password."""
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValueError(f"the username {username!r} is already taken")
    with transaction.atomic():
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        if check_password:
            validate_password(password, user)
        user.set_password(password)
        user.is_staff = (
            role == Role.ADMIN
        )  # admins may use Django's admin, within their permissions
        user.save()
        if not Group.objects.filter(name=role.value).exists():
            sync_role_groups()
        user.groups.add(Group.objects.get(name=role.value))
        record_event(
            "accounts.user.created",
            actor=actor,
            target=user,
            payload={"username": username, "role": role.value},
        )
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_api_token(user: Any, name: str, *, actor: Any) -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns the record and the token, which is shown once."""
    prefix = secrets.token_hex(4)
    token = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        record = ApiToken.objects.create(
            user=user,
            name=name.strip()[:100] or "token",
            prefix=prefix,
            token_sha256=_digest(token),
            created_by=actor,
        )
        record_event(
            "accounts.token.created",
            actor=actor,
            target=record,
            payload={"name": record.name, "username": user.get_username(), "prefix": prefix},
        )
    return record, token


def revoke_api_token(record: ApiToken, *, actor: Any) -> None:
    with transaction.atomic():
        if record.revoked_at is None:
            record.revoked_at = timezone.now()
            record.save(update_fields=["revoked_at"])
            record_event(
                "accounts.token.revoked", actor=actor, target=record, payload={"name": record.name}
            )


def user_for_token(token: str) -> Any | None:
    """The active user a presented token belongs to, or None."""
    if not token.startswith(TOKEN_PREFIX) or token.count("_") < 2:
        return None
    prefix = token[len(TOKEN_PREFIX) :].split("_", 1)[0]
    record = ApiToken.objects.select_related("user").filter(prefix=prefix, revoked_at=None).first()
    if record is None or not hmac.compare_digest(record.token_sha256, _digest(token)):
        return None
    if not record.user.is_active:
        return None
    now = timezone.now()
    if record.last_used_at is None or now - record.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
    return record.user
