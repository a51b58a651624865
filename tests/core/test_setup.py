from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from conduct.accounts.access import user_roles
from conduct.accounts.roles import Role
from conduct.audit.services import verify_chain
from conduct.clients.models import Client, ContactPoint
from conduct.demo.seed import demo_logins, seed_demo
from conduct.policy.models import PolicyVersion


@pytest.mark.django_db
def test_demo_organisation_is_realistic_idempotent_and_audited() -> None:
    assert seed_demo() is True
    users = get_user_model().objects.all()
    roles = [next(iter(user_roles(u))) for u in users]
    assert len(users) == 12
    assert {roles.count(Role.STAFF), roles.count(Role.SENIOR_MANAGER), roles.count(Role.ADMIN)} == {
        6,
        4,
        2,
    }
    clients = Client.objects.count()
    assert clients >= 50
    assert ContactPoint.objects.filter(kind="phone").count() >= 50
    assert PolicyVersion.objects.filter(is_current=True).exists()
    assert verify_chain().ok
    assert seed_demo() is False
    clients = Client.objects.count()
    assert clients >= 50
    assert ("maria.manager", "demo-pass-2026", "Senior manager") in demo_logins()


@pytest.mark.django_db
def test_setup_command_migrates_loads_policy_and_is_repeatable(capsys: Any) -> None:
    call_command("setup")
    call_command("setup")
    out = capsys.readouterr().out
    assert out.count("policy version 1 in force") == 2
    assert PolicyVersion.objects.count() == 1


def test_embedded_database_file_uses_wal_and_foreign_keys(
    tmp_path: Path, django_db_blocker: Any
) -> None:
    from django.db.backends.sqlite3.base import DatabaseWrapper

    from conduct import settings as real

    options = real.DATABASES["default"].get("OPTIONS", {})
    if real.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("DATABASE_URL selects another database")
    wrapper = DatabaseWrapper(
        {
            **real.DATABASES["default"],
            "NAME": tmp_path / "t.sqlite3",
            "OPTIONS": options,
            "TIME_ZONE": None,
            "CONN_HEALTH_CHECKS": False,
            "CONN_MAX_AGE": 0,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "TEST": {},
        }
    )
    with django_db_blocker.unblock():
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
                cursor.execute("PRAGMA foreign_keys")
                assert cursor.fetchone()[0] == 1
        finally:
            wrapper.close()


def test_health_check_answers(client: Any, db: Any) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
