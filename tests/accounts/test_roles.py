import io
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from conduct.accounts.access import user_roles
from conduct.accounts.roles import (
    DECIDE_CASES,
    DUTIES,
    RECORD_INCIDENTS,
    ROLE_PERMISSIONS,
    Role,
    holds,
    parse_role,
    permissions_for,
)


def test_parse_role_accepts_common_spellings() -> None:
    assert parse_role("Senior-Manager") is Role.SENIOR_MANAGER
    with pytest.raises(ValueError, match="choose one of"):
        parse_role("boss")


def test_admins_do_not_hold_client_editing_rights() -> None:
    assert "clients.add_client" not in permissions_for({Role.ADMIN})
    assert "audit.view_auditevent" not in permissions_for({Role.STAFF, Role.SENIOR_MANAGER})


@pytest.mark.django_db
def test_groups_carry_exactly_the_declared_permissions() -> None:
    for role, perms in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role.value)
        granted = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert granted == set(perms), role


@pytest.mark.django_db
def test_createuser_command_creates_a_user_with_a_role_and_argon2(
    monkeypatch: Any, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    monkeypatch.setattr("sys.stdin", io.StringIO("correct-horse-battery\n"))
    call_command("createuser", "maria", "--role", "senior-manager", "--password-stdin")
    user = get_user_model().objects.get(username="maria")
    assert user_roles(user) == {Role.SENIOR_MANAGER}
    assert user.password.startswith("argon2")
    monkeypatch.setattr("sys.stdin", io.StringIO("password\n"))
    with pytest.raises(CommandError, match="password refused"):
        call_command("createuser", "weak", "--role", "staff", "--password-stdin")
    with pytest.raises(CommandError, match="unknown role"):
        call_command("createuser", "x", "--role", "boss", "--password-stdin")


def test_the_permission_table_is_derived_from_the_duties() -> None:
    for role, perms in ROLE_PERMISSIONS.items():
        assert len(perms) == len(set(perms)), role
        assert set(perms) == {p for d in DUTIES if role in d.roles for p in d.permissions}
    assert len(ROLE_PERMISSIONS[Role.STAFF]) == 11
    assert len(ROLE_PERMISSIONS[Role.SENIOR_MANAGER]) == 26
    assert len(ROLE_PERMISSIONS[Role.ADMIN]) == 24


def test_the_rules_and_the_permissions_read_the_same_duties() -> None:
    for role in Role:
        grants = permissions_for({role})
        assert holds({role}, RECORD_INCIDENTS) == ("casework.add_incident" in grants)
        assert holds({role}, DECIDE_CASES) == ("casework.add_decision" in grants)
    assert holds({Role.ADMIN, Role.SENIOR_MANAGER}, DECIDE_CASES)
    assert not holds(set(), RECORD_INCIDENTS)
