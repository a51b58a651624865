"""From a provider's verified claims to a signed-in user, or a refusal.

A person is found by the provider's subject id. On their first sign-in an
existing user with the same username is linked (accounts created beforehand
with ``conduct createuser --no-password``); otherwise a user is created, but
only if their groups give them a role: nobody gets an account with nothing to
do in it. When roles come from the provider, they are set again at every
sign-in, so a change there takes effect the next time the person signs in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from conduct.accounts.access import user_roles
from conduct.accounts.models import ExternalIdentity
from conduct.accounts.roles import Role
from conduct.accounts.services import (
    change_user_roles,
    create_provider_user,
    link_provider_identity,
)
from conduct.accounts.sso import rules
from conduct.accounts.sso.backend import SignInRefused
from conduct.accounts.sso.provider import ProviderConfig


def _find(identity: rules.ProviderIdentity) -> Any | None:
    link = (
        ExternalIdentity.objects.select_related("user")
        .filter(issuer=identity.issuer, subject=identity.subject)
        .first()
    )
    if link is not None:
        return link.user
    candidate = get_user_model().objects.filter(username__iexact=identity.username).first()
    if candidate is None or candidate.external_identities.filter(issuer=identity.issuer).exists():
        return None
    link_provider_identity(candidate, identity)
    return candidate


def sign_in_with_claims(claims: Mapping[str, Any], conf: ProviderConfig) -> Any:
    """The user these claims belong to, with their roles brought up to date.

    Raises :class:`SignInRefused` for claims with no subject, a switched-off
    user, or a person with no role (after removing any roles the provider no
    longer gives them).
    """
    try:
        identity = rules.identity_from_claims(
            claims, issuer=conf.issuer, username_claim=conf.username_claim
        )
    except rules.ClaimsRefused:
        raise SignInRefused("claims", "The identity provider did not say who you are.") from None
    mapped: set[Role] | None = None
    if conf.roles_from_provider:
        mapped = rules.roles_from_claims(claims, conf.roles_claim, conf.role_groups)
    with transaction.atomic():
        user = _find(identity)
        if user is None and mapped:
            user = create_provider_user(identity, mapped)
        if user is None:
            code = "no_role" if conf.roles_from_provider else "no_account"
            raise SignInRefused(code, "", username=identity.username)
        if not user.is_active:
            raise SignInRefused("inactive", "", username=user.get_username(), user=user)
        roles = user_roles(user)
        if mapped is not None and mapped != roles:
            change_user_roles(user, mapped, actor=None, source="identity provider")
            roles = mapped
        ExternalIdentity.objects.filter(issuer=identity.issuer, subject=identity.subject).update(
            last_sign_in_at=timezone.now()
        )
    if not roles:
        raise SignInRefused("no_role", "", username=user.get_username(), user=user)
    return user
