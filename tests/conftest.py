"""The standing cast of every view test: a staff member, a senior manager, an
admin, and an outsider (signed in, no role)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client as HttpClient
from hypothesis import settings

from conduct.accounts.roles import Role
from conduct.accounts.services import create_user
from conduct.clients.services import ClientDetails, create_client

PASSWORD = "a-long-test-password"

# No timing limits on generated examples: the CPUs are shared with other runs, and a first
# example may load the screening models. Speed is measured by the benchmarks, not by tests.
settings.register_profile("conduct", deadline=None)
settings.load_profile("conduct")


def make_user(username: str, role: Role | None) -> Any:
    if role is None:
        user = get_user_model().objects.create_user(username, password=PASSWORD)
        return user
    return create_user(username, role=role, password=PASSWORD, actor=None, check_password=False)


@pytest.fixture
def staff(db: Any) -> Any:
    return make_user("staff1", Role.STAFF)


@pytest.fixture
def other_staff(db: Any) -> Any:
    return make_user("staff2", Role.STAFF)


@pytest.fixture
def manager(db: Any) -> Any:
    return make_user("manager1", Role.SENIOR_MANAGER)


@pytest.fixture
def other_manager(db: Any) -> Any:
    return make_user("manager2", Role.SENIOR_MANAGER)


@pytest.fixture
def admin_user(db: Any) -> Any:
    return make_user("admin1", Role.ADMIN)


@pytest.fixture
def outsider(db: Any) -> Any:
    return make_user("outsider", None)


def signed_in(user: Any) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http


@pytest.fixture
def as_staff(staff: Any) -> HttpClient:
    return signed_in(staff)


@pytest.fixture
def as_manager(manager: Any) -> HttpClient:
    return signed_in(manager)


@pytest.fixture
def as_admin(admin_user: Any) -> HttpClient:
    return signed_in(admin_user)


@pytest.fixture
def as_outsider(outsider: Any) -> HttpClient:
    return signed_in(outsider)


@pytest.fixture
def client_record(staff: Any) -> Any:
    return create_client(
        ClientDetails(
            name="Jane Example",
            reference="CL-000900",
            emails=["jane@example.com"],
            phones=["07700 900123"],
            social_handles=["@jane_e"],
            postal_address="1 High Street\nLeeds",
        ),
        actor=staff,
    )


@pytest.fixture(scope="session", autouse=True)
def _end_stray_postgres_sessions(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """Child processes started by tests (servers, workers) may leave a session on
    the PostgreSQL test database; end them so the database can be dropped."""
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
