"""The database goes away under a running server: pages and the API answer a clear
503, and the same server process serves again as soon as the database is back."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import requests

from tests.faults.conftest import CAST
from tests.faults.processes import conduct, django, form_token, server, sign_in

pytestmark = [pytest.mark.faults, pytest.mark.slow, pytest.mark.sqlite_only]

POLICY = """
from conduct.policy.services import ensure_policy_loaded
ensure_policy_loaded()
"""
PG = os.environ.get("CONDUCT_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432")

TOKEN = """
from django.contrib.auth import get_user_model
from conduct.accounts.services import create_api_token
user = get_user_model().objects.get(username="fstaff")
print(json.dumps(create_api_token(user, "faults", actor=None)[1]))
"""


def check_503(base: str, staff: requests.Session, api: dict[str, str], csrf: str) -> None:
    page = staff.get(f"{base}/clients/", timeout=60)
    assert page.status_code == 503
    assert "Service unavailable" in page.text
    assert "please try again shortly" in page.text
    assert page.headers["Retry-After"] == "5"
    write = staff.post(
        f"{base}/clients/new/",
        data={"csrfmiddlewaretoken": csrf, "name": "Lost Example"},
        timeout=60,
        allow_redirects=False,
    )
    assert write.status_code == 503
    answer = requests.get(f"{base}/api/clients/", headers=api, timeout=60)
    assert answer.status_code == 503
    assert answer.headers["Content-Type"].startswith("application/json")
    assert answer.json()["code"] == "service_unavailable"
    assert requests.get(f"{base}/healthz", timeout=60).status_code == 503


def check_200(base: str, staff: requests.Session, api: dict[str, str]) -> None:
    assert staff.get(f"{base}/clients/", timeout=30).status_code == 200
    assert requests.get(f"{base}/api/clients/", headers=api, timeout=30).status_code == 200
    assert requests.get(f"{base}/healthz", timeout=30).status_code == 200


def test_unavailable_database_gives_503_page_and_json_then_recovers_without_restart(
    data_dir: Path,
) -> None:
    token = django(data_dir, TOKEN)
    api = {"Authorization": f"Bearer {token}"}
    with server(data_dir) as running:
        base = running.base
        staff = sign_in(base, "fstaff")
        assert staff.get(f"{base}/clients/", timeout=30).status_code == 200
        assert requests.get(f"{base}/api/clients/", headers=api, timeout=30).status_code == 200
        csrf = form_token(staff, f"{base}/clients/new/")

        # The disk holding the database disappears (unmounted, moved, failed).
        away = data_dir.rename(data_dir.with_name("data-away"))
        try:
            check_503(base, staff, api, csrf)
        finally:
            away.rename(data_dir)
        assert running.proc.poll() is None, "the server had to restart"
        check_200(base, staff, api)


@pytest.fixture
def pg_database() -> Iterator[str]:
    name = f"conduct_faults_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(PG + "/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"no PostgreSQL answers at {PG}, and CI=true requires it")
        pytest.skip(f"no PostgreSQL answers at {PG}")
    try:
        yield name
    finally:
        with psycopg.connect(PG + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_postgresql_refusing_connections_gives_503_then_recovers_without_restart(
    data_dir: Path, pg_database: str
) -> None:
    url = f"{PG}/{pg_database}"
    conduct(data_dir, "migrate", DATABASE_URL=url, timeout=600)  # static files are shared
    django(data_dir, POLICY + CAST, DATABASE_URL=url)
    api = {"Authorization": f"Bearer {django(data_dir, TOKEN, DATABASE_URL=url)}"}
    with server(data_dir, DATABASE_URL=url) as running:
        base = running.base
        staff = sign_in(base, "fstaff")
        check_200(base, staff, api)
        csrf = form_token(staff, f"{base}/clients/new/")
        with psycopg.connect(PG + "/postgres", autocommit=True) as admin:
            # The database stops taking connections and drops the ones it has.
            admin.execute(f'ALTER DATABASE "{pg_database}" ALLOW_CONNECTIONS false')
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                (pg_database,),
            )
            try:
                check_503(base, staff, api, csrf)
            finally:
                admin.execute(f'ALTER DATABASE "{pg_database}" ALLOW_CONNECTIONS true')
        assert running.proc.poll() is None, "the server had to restart"
        check_200(base, staff, api)
