"""A data folder set up once per session with `conduct setup` (slow: it collects and
compresses static files), copied for each test, with a small standing cast."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.faults.processes import PASSWORD, conduct, django

CAST = f"""
from conduct.accounts.roles import Role
from conduct.accounts.services import create_api_token, create_user
from conduct.clients.services import ClientDetails, create_client
staff = create_user("fstaff", role=Role.STAFF, password="{PASSWORD}", actor=None, check_password=False)
for name in ("fmanager1", "fmanager2"):
    create_user(name, role=Role.SENIOR_MANAGER, password="{PASSWORD}", actor=None, check_password=False)
create_client(ClientDetails(name="Pat Example", reference="CL-F0001", emails=["pat@example.com"]), actor=staff)
print(json.dumps({{}}))
"""


@pytest.fixture(scope="session")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("prepared") / "data"
    conduct(folder, "setup", timeout=600)
    django(folder, CAST)
    return folder


@pytest.fixture
def data_dir(prepared: Path, tmp_path: Path) -> Path:
    """A private copy of the prepared folder; the collected static files are shared."""
    folder = tmp_path / "data"
    shutil.copytree(prepared, folder, ignore=shutil.ignore_patterns("static"))
    os.symlink(prepared / "static", folder / "static")
    return folder
