"""Roles change only through ``change_user_roles``: by another admin, through the
Users page or the API, each change in the audit chain. Django's admin and a
superuser flag grant nothing the role table does not."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client as HttpClient

from conduct.accounts.access import user_roles
from conduct.accounts.models import ExternalIdentity
from conduct.accounts.roles import Role
from conduct.accounts.rules import RoleChangeRefused, check_role_change, roles_label
from conduct.accounts.services import change_user_roles, create_api_token, create_user, sponsors
from conduct.audit.models import AuditEvent
from conduct.audit.services import verify_chain
from tests.conftest import PASSWORD, make_user, signed_in

# --- The rule, without a database ---------------------------------------------


def test_only_an_admin_changes_roles_and_never_their_own() -> None:
    check_role_change(actor_id=1, actor_roles={Role.ADMIN}, user_id=2)
    check_role_change(actor_id=None, actor_roles=set(), user_id=2)  # the identity provider
    with pytest.raises(RoleChangeRefused, match="own roles"):
        check_role_change(actor_id=1, actor_roles={Role.ADMIN}, user_id=1)
    with pytest.raises(RoleChangeRefused, match="Only admins"):
        check_role_change(actor_id=1, actor_roles={Role.SENIOR_MANAGER}, user_id=2)


def test_roles_label_reads_in_role_order() -> None:
    assert roles_label({Role.ADMIN, Role.STAFF}) == "Staff, Admin"
    assert roles_label(set()) == "No role"


# --- The service ----------------------------------------------------------------


def _role_events(user: Any) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(action="accounts.user.role_changed", target_id=str(user.pk))
    )


@pytest.mark.django_db
def test_the_service_refuses_ones_own_roles_and_writes_nothing(admin_user: Any) -> None:
    with pytest.raises(RoleChangeRefused):
        change_user_roles(
            admin_user, {Role.ADMIN, Role.SENIOR_MANAGER}, actor=admin_user, source="test"
        )
    assert user_roles(get_user_model().objects.get(pk=admin_user.pk)) == {Role.ADMIN}
    assert _role_events(admin_user) == []


def test_a_sponsor_may_not_be_given_a_role_by_an_account_they_made() -> None:
    check_role_change(actor_id=3, actor_roles={Role.ADMIN}, user_id=2, actor_sponsors={1})
    check_role_change(actor_id=3, actor_roles={Role.ADMIN}, user_id=1, actor_sponsors={1})
    with pytest.raises(RoleChangeRefused, match="did not appoint"):
        check_role_change(
            actor_id=3, actor_roles={Role.ADMIN}, user_id=1, adds_roles=True, actor_sponsors={1}
        )


@pytest.mark.django_db
def test_a_second_account_cannot_raise_the_admin_who_made_it(admin_user: Any) -> None:
    """An admin makes a second admin account (and that one a third): neither may give the
    first admin a role, so no one raises themselves through an account of their own."""
    second = create_user("second.admin", role=Role.ADMIN, password=None, actor=admin_user)
    third = create_user("third.admin", role=Role.STAFF, password=None, actor=second)
    change_user_roles(third, {Role.ADMIN}, actor=second, source="test")
    assert sponsors(third) == {second.pk, admin_user.pk}
    for account in (second, third):
        with pytest.raises(RoleChangeRefused, match="did not appoint"):
            change_user_roles(
                admin_user, {Role.ADMIN, Role.SENIOR_MANAGER}, actor=account, source="test"
            )
    assert user_roles(get_user_model().objects.get(pk=admin_user.pk)) == {Role.ADMIN}
    # Taking a role away is not raising anyone, and an admin the first did not appoint may
    # give it a role.
    independent = create_user("independent.admin", role=Role.ADMIN, password=None, actor=None)
    assert change_user_roles(
        admin_user, {Role.ADMIN, Role.SENIOR_MANAGER}, actor=independent, source="test"
    )
    assert change_user_roles(admin_user, {Role.ADMIN}, actor=second, source="test")


# --- The Users page ---------------------------------------------------------------


@pytest.mark.django_db
def test_an_admin_changes_another_users_roles_on_the_page_and_it_is_audited(
    as_admin: HttpClient, admin_user: Any, staff: Any
) -> None:
    page = as_admin.get("/accounts/users/")
    assert page.status_code == 200
    assert f"/accounts/users/{staff.pk}/roles/" in page.content.decode()
    assert f"/accounts/users/{admin_user.pk}/roles/" not in page.content.decode()
    response = as_admin.post(
        f"/accounts/users/{staff.pk}/roles/", {"roles": ["staff", "senior_manager"]}
    )
    assert response.status_code == 302
    assert user_roles(get_user_model().objects.get(pk=staff.pk)) == {
        Role.STAFF,
        Role.SENIOR_MANAGER,
    }
    [event] = _role_events(staff)
    assert event.actor_id == admin_user.pk
    assert event.payload["roles"] == "senior_manager, staff"
    assert event.payload["previous"] == "staff"
    assert event.payload["source"] == "users page"
    assert verify_chain().ok


@pytest.mark.django_db
def test_an_admin_cannot_change_their_own_roles_on_the_page(
    as_admin: HttpClient, admin_user: Any
) -> None:
    url = f"/accounts/users/{admin_user.pk}/roles/"
    assert as_admin.get(url).status_code == 403
    response = as_admin.post(url, {"roles": ["admin", "senior_manager"]})
    assert response.status_code == 403
    assert "No one changes their own roles" in response.content.decode()
    assert user_roles(get_user_model().objects.get(pk=admin_user.pk)) == {Role.ADMIN}
    assert _role_events(admin_user) == []


@pytest.mark.django_db
def test_a_single_sign_on_user_has_their_roles_changed_the_same_way(
    as_admin: HttpClient, settings: Any
) -> None:
    person = make_user("sso.person", Role.STAFF)
    ExternalIdentity.objects.create(user=person, issuer="https://idp.example.org", subject="s-1")
    settings.CONDUCT_OIDC = {
        **settings.CONDUCT_OIDC,
        "issuer": "https://idp.example.org",
        "client_id": "conduct",
        "roles_claim": "groups",
    }
    page = as_admin.get(f"/accounts/users/{person.pk}/roles/")
    assert "sets their roles again at every sign-in" in page.content.decode()
    assert as_admin.post(f"/accounts/users/{person.pk}/roles/", {"roles": []}).status_code == 302
    assert user_roles(get_user_model().objects.get(pk=person.pk)) == set()
    assert len(_role_events(person)) == 1


@pytest.mark.django_db
def test_the_users_pages_are_for_admins_only(
    as_staff: HttpClient, as_manager: HttpClient, as_outsider: HttpClient, staff: Any
) -> None:
    for http in (as_staff, as_manager, as_outsider):
        assert http.get("/accounts/users/").status_code == 403
        assert (
            http.post(f"/accounts/users/{staff.pk}/roles/", {"roles": ["admin"]}).status_code == 403
        )
    assert user_roles(get_user_model().objects.get(pk=staff.pk)) == {Role.STAFF}


@pytest.mark.django_db
def test_an_unknown_role_is_a_form_error(as_admin: HttpClient, staff: Any) -> None:
    response = as_admin.post(f"/accounts/users/{staff.pk}/roles/", {"roles": ["owner"]})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


# --- The API ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_api_changes_another_users_roles_but_never_ones_own(
    admin_user: Any, staff: Any, manager: Any
) -> None:
    _, token = create_api_token(admin_user, "roles", actor=None)
    http = HttpClient(HTTP_AUTHORIZATION=f"Bearer {token}")
    own = http.put(
        f"/api/accounts/users/{admin_user.pk}/roles",
        {"roles": ["admin", "senior_manager"]},
        content_type="application/json",
    )
    assert own.status_code == 403
    assert "own roles" in own.json()["detail"]
    assert user_roles(get_user_model().objects.get(pk=admin_user.pk)) == {Role.ADMIN}
    other = http.put(
        f"/api/accounts/users/{staff.pk}/roles",
        {"roles": ["senior_manager"]},
        content_type="application/json",
    )
    assert other.status_code == 200
    assert other.json()["roles"] == ["senior_manager"]
    [event] = _role_events(staff)
    assert event.payload["source"] == "API"
    bad = http.put(
        f"/api/accounts/users/{staff.pk}/roles",
        {"roles": ["owner"]},
        content_type="application/json",
    )
    assert bad.status_code == 422
    missing = http.put(
        "/api/accounts/users/999999/roles", {"roles": []}, content_type="application/json"
    )
    assert missing.status_code == 404
    _, manager_token = create_api_token(manager, "m", actor=None)
    refused = HttpClient(HTTP_AUTHORIZATION=f"Bearer {manager_token}").put(
        f"/api/accounts/users/{staff.pk}/roles",
        {"roles": ["admin"]},
        content_type="application/json",
    )
    assert refused.status_code == 403


# --- Django's admin -------------------------------------------------------------------


@pytest.mark.django_db
def test_djangos_admin_offers_no_way_to_grant_access(as_admin: HttpClient, admin_user: Any) -> None:
    url = f"/django-admin/auth/user/{admin_user.pk}/change/"
    form = as_admin.get(url)
    assert form.status_code == 200
    html = form.content.decode()
    for field in ("is_superuser", "user_permissions", "groups", "is_staff"):
        assert f'name="{field}"' not in html
    manager_group = Group.objects.get(name=Role.SENIOR_MANAGER.value)
    response = as_admin.post(
        url,
        {
            "first_name": "Ada",
            "last_name": "Admin",
            "email": "ada@example.org",
            "is_superuser": "on",
            "groups": [manager_group.pk],
            "user_permissions": [],
        },
    )
    assert response.status_code == 302
    fresh = get_user_model().objects.get(pk=admin_user.pk)
    assert fresh.first_name == "Ada"
    [details] = AuditEvent.objects.filter(action="accounts.user.details_changed")
    assert details.payload == {"username": "admin1", "fields": "first name, last name, email"}
    assert not fresh.is_superuser
    assert user_roles(fresh) == {Role.ADMIN}
    assert as_admin.get("/django-admin/auth/group/").status_code == 404
    assert as_admin.get("/django-admin/auth/user/add/").status_code == 403


@pytest.mark.django_db
def test_djangos_admin_sets_no_ones_password(as_admin: HttpClient, other_admin: Any) -> None:
    url = f"/django-admin/auth/user/{other_admin.pk}/password/"
    as_admin.post(url, {"password1": "taken-over-123", "password2": "taken-over-123"})
    fresh = get_user_model().objects.get(pk=other_admin.pk)
    assert not fresh.check_password("taken-over-123")
    assert fresh.check_password(PASSWORD)


@pytest.fixture
def other_admin(db: Any) -> Any:
    return make_user("admin2", Role.ADMIN)


# --- The superuser flag -------------------------------------------------------------


@pytest.mark.django_db
def test_no_user_is_saved_as_a_superuser(staff: Any) -> None:
    staff.is_superuser = True
    with pytest.raises(ValueError, match="no superusers"):
        staff.save()
    with pytest.raises(ValueError, match="no superusers"):
        get_user_model().objects.create_superuser("root", password="x-long-password")


@pytest.mark.django_db
def test_a_superuser_flag_set_in_the_database_grants_nothing(
    admin_user: Any, staff: Any, client_record: Any
) -> None:
    get_user_model().objects.filter(pk__in=[admin_user.pk, staff.pk]).update(is_superuser=True)
    as_staff = signed_in(get_user_model().objects.get(pk=staff.pk))
    assert as_staff.get("/audit/").status_code == 403
    as_admin = signed_in(get_user_model().objects.get(pk=admin_user.pk))
    assert as_admin.get("/casework/incidents/new/").status_code == 403
    assert as_admin.get(f"/api/casework/clients/{client_record.pk}/timeline").status_code == 403
    _, token = create_api_token(admin_user, "t", actor=None)
    by_token = HttpClient(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert by_token.get(f"/api/casework/clients/{client_record.pk}/timeline").status_code == 403
    assert by_token.get("/api/casework/support").status_code == 403


@pytest.mark.django_db
def test_permissions_given_to_a_user_directly_or_by_another_group_count_for_nothing(
    staff: Any,
) -> None:
    from django.contrib.auth.models import Permission

    decide = Permission.objects.get(codename="add_decision")
    staff.user_permissions.add(decide)
    extra = Group.objects.create(name="deciders")
    extra.permissions.add(Permission.objects.get(codename="view_auditevent"))
    staff.groups.add(extra)
    fresh = get_user_model().objects.get(pk=staff.pk)
    assert not fresh.has_perm("casework.add_decision")
    assert not fresh.has_perm("audit.view_auditevent")
    assert fresh.has_perm("casework.add_incident")


def test_the_conduct_command_refuses_createsuperuser(capsys: Any) -> None:
    from conduct.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["createsuperuser", "--username", "root"])
    assert stopped.value.code == 2
    assert "no superusers" in capsys.readouterr().err
