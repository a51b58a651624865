"""The claim rules, without a database: roles from groups, usernames, identities."""

from __future__ import annotations

import pytest

from conduct.accounts.roles import Role
from conduct.accounts.sso import rules

GROUPS = {"staff": ["g-staff"], "senior_manager": ["g-sm"], "admin": ["g-admin", "Admins"]}


def test_roles_come_from_every_matching_group() -> None:
    claims = {"groups": ["g-staff", "other", "Admins"]}
    assert rules.roles_from_claims(claims, "groups", GROUPS) == {Role.STAFF, Role.ADMIN}


def test_no_matching_group_and_odd_claims_give_no_role() -> None:
    assert rules.roles_from_claims({"groups": ["other"]}, "groups", GROUPS) == set()
    assert rules.roles_from_claims({}, "groups", GROUPS) == set()
    assert rules.roles_from_claims({"groups": [1, None, {"a": 1}]}, "groups", GROUPS) == set()
    assert rules.roles_from_claims({"groups": "admins"}, "groups", GROUPS) == set()  # exact case


def test_a_single_string_and_a_nested_claim_are_read() -> None:
    assert rules.roles_from_claims({"role": "g-sm"}, "role", GROUPS) == {Role.SENIOR_MANAGER}
    keycloak = {"realm_access": {"roles": ["g-admin"]}}
    assert rules.roles_from_claims(keycloak, "realm_access.roles", GROUPS) == {Role.ADMIN}
    assert rules.claim_values({"realm_access": "x"}, "realm_access.roles") == []


def test_usernames_are_cleaned_and_fall_back() -> None:
    assert (
        rules.username_from_claims(
            {"preferred_username": "Ada.Admin@Example.ORG"}, "preferred_username"
        )
        == "ada.admin@example.org"
    )
    assert (
        rules.username_from_claims({"email": "x y<z>@e.org"}, "preferred_username") == "xyz@e.org"
    )
    made = rules.username_from_claims(
        {"sub": "abc", "preferred_username": "<>"}, "preferred_username"
    )
    assert made.startswith("user-") and len(made) == 17
    assert (
        len(rules.username_from_claims({"preferred_username": "a" * 400}, "preferred_username"))
        == 150
    )


def test_unused_username_adds_a_number() -> None:
    assert rules.unused_username("sam", []) == "sam"
    assert rules.unused_username("sam", ["SAM", "sam-2"]) == "sam-3"


def test_an_identity_needs_a_subject() -> None:
    with pytest.raises(rules.ClaimsRefused):
        rules.identity_from_claims({"email": "a@b.c"}, issuer="i", username_claim="email")
    with pytest.raises(rules.ClaimsRefused):
        rules.identity_from_claims({"sub": "  "}, issuer="i", username_claim="email")
    person = rules.identity_from_claims(
        {"sub": "s1", "email": "a@b.c", "given_name": "A", "family_name": ["B"]},
        issuer="i",
        username_claim="preferred_username",
    )
    assert (person.subject, person.username, person.first_name, person.last_name) == (
        "s1",
        "a@b.c",
        "A",
        "B",
    )
