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
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from conduct.accounts.access import user_roles
from conduct.accounts.backends import without_superuser
from conduct.accounts.groups import sync_role_groups
from conduct.accounts.models import ApiToken, ExternalIdentity
from conduct.accounts.roles import Role
from conduct.accounts.rules import check_role_change
from conduct.accounts.sso.rules import ProviderIdentity, roles_sentence, unused_username
from conduct.audit.models import AuditEvent
from conduct.audit.services import record_event
from conduct.core.refusals import CONFLICT, FORBIDDEN, Refused

TOKEN_PREFIX = "cc_"  # noqa: S105 - a public marker, not a secret


class UsernameTaken(Refused, ValueError):
    """Another user already has this username."""

    rule = "username_unique"
    status = CONFLICT


class PasswordRefused(Refused, ValueError):
    """The password fails the password validators; the message names how."""

    rule = "password_strong"


def create_user(
    username: str,
    *,
    role: Role,
    password: str | None,
    actor: Any,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    check_password: bool = True,
) -> AbstractBaseUser:
    """Create a user holding one role. Refuses a taken username or a weak password.

    With ``password=None`` the user has no password: they sign in only through the
    identity provider (matched by username on their first sign-in).
    """
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise UsernameTaken(f"the username {username!r} is already taken")
    with transaction.atomic():
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        if password is None:
            user.set_unusable_password()
        else:
            if check_password:
                try:
                    validate_password(password, user)
                except ValidationError as exc:
                    raise PasswordRefused("password refused: " + " ".join(exc.messages)) from None
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


def _role_groups(roles: set[Role]) -> list[Group]:
    names = [role.value for role in roles]
    if Group.objects.filter(name__in=names).count() != len(names):
        sync_role_groups()
    return list(Group.objects.filter(name__in=names))


SPONSORING_ACTIONS = ("accounts.user.created", "accounts.user.role_changed")


def sponsors(user: Any) -> set[int]:
    """Everyone who, as the audit chain records, created ``user``'s account or changed its
    roles, and everyone who did so for them, and so on (the system is no one)."""
    label = get_user_model()._meta.label_lower
    found: set[int] = set()
    frontier = {user.pk}
    while frontier:
        actors = set(
            AuditEvent.objects.filter(
                action__in=SPONSORING_ACTIONS,
                target_type=label,
                target_id__in=[str(pk) for pk in frontier],
                actor__isnull=False,
            ).values_list("actor_id", flat=True)
        )
        frontier = actors - found - {user.pk}
        found |= frontier
    return found


def change_user_roles(user: Any, roles: set[Role], *, actor: Any, source: str) -> bool:
    """Give ``user`` exactly ``roles`` (none at all is allowed: the user can then
    no longer use Client Conduct). The one way roles change: the Users page, the
    API and sign-in through the identity provider (``actor=None``) all call it,
    and each change is written to the audit chain. Other groups are left alone.

    Refuses (``rules.RoleChangeRefused``) an actor who is not an admin, any
    change to the actor's own roles, and a role given to one of the actor's
    ``sponsors`` (so a second account cannot raise the person who made it).
    Returns whether anything changed; an unchanged call writes nothing."""
    check_role_change(
        actor_id=None if actor is None else actor.pk,
        actor_roles=user_roles(actor) if actor is not None else set(),
        user_id=user.pk,
        adds_roles=bool(roles - user_roles(user)),
        actor_sponsors=sponsors(actor) if actor is not None else set(),
    )
    with transaction.atomic():
        locked = type(user).objects.select_for_update().get(pk=user.pk)
        before = user_roles(locked)
        if before == roles:
            return False
        locked.groups.remove(*Group.objects.filter(name__in=[r.value for r in before - roles]))
        locked.groups.add(*_role_groups(roles - before))
        if locked.is_staff != (Role.ADMIN in roles):
            locked.is_staff = Role.ADMIN in roles
            locked.save(update_fields=["is_staff"])
        # The caller's copy must not answer from roles or permissions cached before.
        for cached in ("_conduct_roles", "_perm_cache", "_user_perm_cache", "_group_perm_cache"):
            user.__dict__.pop(cached, None)
        user.is_staff = locked.is_staff
        record_event(
            "accounts.user.role_changed",
            actor=actor,
            target=locked,
            payload={
                "username": locked.get_username(),
                "roles": roles_sentence(roles),
                "previous": roles_sentence(before),
                "source": source,
            },
        )
    return True


USER_DETAILS = ("first_name", "last_name", "email")


def change_user_details(user: Any, changes: dict[str, str], *, actor: Any) -> bool:
    """Change a user's name or e-mail address (``USER_DETAILS``; nothing about access).

    Refuses (ValueError) any other field. Returns whether anything changed; an
    unchanged call writes nothing. The audit event names the fields, not the values.
    """
    unknown = set(changes) - set(USER_DETAILS)
    if unknown:
        raise ValueError(f"only {', '.join(USER_DETAILS)} change here, not {sorted(unknown)}")
    with transaction.atomic():
        locked = type(user).objects.select_for_update().get(pk=user.pk)
        changed = [f for f in USER_DETAILS if f in changes and getattr(locked, f) != changes[f]]
        if not changed:
            return False
        for field in changed:
            setattr(locked, field, changes[field])
            setattr(user, field, changes[field])
        locked.save(update_fields=changed)
        record_event(
            "accounts.user.details_changed",
            actor=actor,
            target=locked,
            payload={
                "username": locked.get_username(),
                "fields": ", ".join(f.replace("_", " ") for f in changed),
            },
        )
    return True


def create_provider_user(identity: ProviderIdentity, roles: set[Role]) -> AbstractBaseUser:
    """Create the user for a person's first sign-in through the identity provider,
    with the roles their groups map to and no password."""
    User = get_user_model()
    with transaction.atomic():
        taken = User.objects.filter(username__istartswith=identity.username[:140]).values_list(
            "username", flat=True
        )
        user = User(
            username=unused_username(identity.username, list(taken)),
            email=identity.email,
            first_name=identity.first_name,
            last_name=identity.last_name,
            is_staff=Role.ADMIN in roles,
        )
        user.set_unusable_password()
        user.save()
        user.groups.add(*_role_groups(roles))
        ExternalIdentity.objects.create(user=user, issuer=identity.issuer, subject=identity.subject)
        record_event(
            "accounts.user.created",
            actor=None,
            target=user,
            payload={"username": user.get_username(), "role": roles_sentence(roles)},
        )
    return user


def link_provider_identity(user: Any, identity: ProviderIdentity) -> ExternalIdentity:
    """Tie an existing user to their account at the identity provider (their
    first sign-in there, matched by username). Refuses a user already tied to
    another account at the same provider."""
    with transaction.atomic():
        if ExternalIdentity.objects.filter(issuer=identity.issuer, user=user).exists():
            raise ValueError("this user is already linked to another account at the provider")
        link = ExternalIdentity.objects.create(
            user=user, issuer=identity.issuer, subject=identity.subject
        )
        record_event(
            "accounts.identity.linked",
            actor=None,
            target=user,
            payload={"username": user.get_username(), "issuer": identity.issuer[:120]},
        )
    return link


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class TokenRefused(Refused):
    """A token asked for someone else's account."""

    rule = "token_own_account"
    status = FORBIDDEN


def create_api_token(user: Any, name: str, *, actor: Any) -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns the record and the token, which is shown once.

    A person makes tokens only for their own account: a token acts with its user's
    roles, so one made for another user would let its maker act as them. ``actor``
    is None only for the system itself (a shell, a fixture)."""
    if actor is not None and actor.pk != user.pk:
        raise TokenRefused("A token can be created only for your own account.")
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
    without_superuser(record.user)
    now = timezone.now()
    if record.last_used_at is None or now - record.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
    return record.user
