"""What a provider's claims mean here: roles, a username, who the person is.

Plain Python, no Django: the mapping is configuration, and these functions are
tested on their own.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from conduct.accounts.roles import Role

_NOT_IN_USERNAME = re.compile(r"[^\w.@+-]")


class ClaimsRefused(Exception):
    """The claims cannot identify a person (no subject)."""


@dataclass(frozen=True)
class ProviderIdentity:
    """One person as the provider describes them, ready to match or create a user."""

    issuer: str
    subject: str
    username: str
    email: str = ""
    first_name: str = ""
    last_name: str = ""


def claim_values(claims: Mapping[str, Any], path: str) -> list[str]:
    """The string values of a claim, following a dotted path into nested objects
    (for example ``realm_access.roles``). A single string is one value."""
    node: Any = claims
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return []
        node = node[part]
    if isinstance(node, str):
        return [node]
    if isinstance(node, list | tuple):
        return [item for item in node if isinstance(item, str)]
    return []


def roles_from_claims(
    claims: Mapping[str, Any], claim: str, groups: Mapping[str, Collection[str]]
) -> set[Role]:
    """Every role whose configured groups share a value with the roles claim.

    ``groups`` maps a role's value (``staff``) to the claim values that give it.
    Values are compared exactly: group ids and app role names are case-sensitive
    at most providers.
    """
    held = set(claim_values(claims, claim))
    return {Role(role) for role, wanted in groups.items() if held & set(wanted)}


def username_from_claims(claims: Mapping[str, Any], claim: str) -> str:
    """A username from the configured claim, else the e-mail address, else one made
    from the subject; lower-cased, limited to the characters usernames allow."""
    for candidate in (*claim_values(claims, claim)[:1], *claim_values(claims, "email")[:1]):
        cleaned = _NOT_IN_USERNAME.sub("", candidate.strip().lower())[:150]
        if cleaned:
            return cleaned
    subject = str(claims.get("sub", ""))
    return "user-" + hashlib.sha256(subject.encode()).hexdigest()[:12]


def identity_from_claims(
    claims: Mapping[str, Any], *, issuer: str, username_claim: str
) -> ProviderIdentity:
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject.strip() or len(subject) > 255:
        raise ClaimsRefused("the provider sent no usable subject (sub) claim")

    def text(name: str, limit: int) -> str:
        values = claim_values(claims, name)
        return values[0].strip()[:limit] if values else ""

    return ProviderIdentity(
        issuer=issuer,
        subject=subject,
        username=username_from_claims(claims, username_claim),
        email=text("email", 254),
        first_name=text("given_name", 150),
        last_name=text("family_name", 150),
    )


def unused_username(wanted: str, taken: Collection[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``… if that is taken (case-insensitively)."""
    lowered = {name.lower() for name in taken}
    if wanted.lower() not in lowered:
        return wanted
    n = 2
    while f"{wanted[:140]}-{n}".lower() in lowered:
        n += 1
    return f"{wanted[:140]}-{n}"


def roles_sentence(roles: Collection[Role]) -> str:
    return ", ".join(sorted(role.value for role in roles)) or "none"
