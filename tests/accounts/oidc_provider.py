"""A real OpenID provider for the tests: ``oidc_provider.mjs`` (npm's oidc-provider)
run by node on a free loopback port, stopped afterwards. Without node or the npm
package the tests skip locally and fail when CI=true."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests

from tests.correspondence.dovecot import free_port

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
CLIENT_ID, CLIENT_SECRET = "client-conduct", "client-conduct-test-secret"
MAIL_CLIENT_ID, MAIL_CLIENT_SECRET = "conduct-mailbox", "conduct-mailbox-test-secret"
RESOURCE_ID, RESOURCE_SECRET = "mail-server", "mail-server-test-secret"

# The people at the provider: a claim "groups" as Entra ID or Keycloak send it.
STAFF_GROUP, MANAGER_GROUP, ADMIN_GROUP = "cc-staff", "cc-senior-managers", "cc-admins"
ACCOUNTS: dict[str, dict[str, Any]] = {
    "mia": {"claims": {"preferred_username": "mia", "email": "mia@example.org",
                       "given_name": "Mia", "family_name": "Manager",
                       "groups": ["everyone", MANAGER_GROUP]}},
    "sid": {"claims": {"preferred_username": "sid", "email": "sid@example.org",
                       "groups": ["everyone", STAFF_GROUP]}},
    "nora": {"claims": {"preferred_username": "nora", "email": "nora@example.org",
                        "groups": ["everyone"]}},
    "audrey": {"claims": {"preferred_username": "audrey", "groups": [STAFF_GROUP]},
               "tamper": "audience"},
    "eddie": {"claims": {"preferred_username": "eddie", "groups": [STAFF_GROUP]},
              "tamper": "expired"},
}  # fmt: skip


def require_provider() -> str:
    node = shutil.which("node")
    missing = ""
    if node is None:
        missing = "node is not installed (apt-get install nodejs)"
    elif not (ROOT / "node_modules" / "oidc-provider").is_dir():
        missing = "node_modules/oidc-provider is missing (run `npm ci`, as `make install` does)"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing}; CI=true requires the OpenID provider tests to run")
        pytest.skip(missing)
    assert node is not None
    return node


@dataclass
class OpenIdProvider:
    issuer: str
    folder: Path
    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)

    def set_groups(self, login: str, groups: list[str]) -> None:
        """Move a person to other groups at the provider (seen at their next sign-in)."""
        self.accounts[login]["claims"]["groups"] = groups
        (self.folder / "accounts.json").write_text(json.dumps(self.accounts))

    def settings(self, **overrides: Any) -> dict[str, Any]:
        """``CONDUCT_OIDC`` for an application that signs in here."""
        return {
            "issuer": self.issuer,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "scopes": "openid email profile groups",
            "provider_name": "Example Identity",
            "username_claim": "preferred_username",
            "roles_claim": "groups",
            "role_groups": {
                "staff": [STAFF_GROUP],
                "senior_manager": [MANAGER_GROUP],
                "admin": [ADMIN_GROUP],
            },
            "access_contact": "the IT service desk (itdesk@example.org)",
            **overrides,
        }

    def client_credentials_token(self, scope: str = "mail") -> str:
        response = requests.post(
            self.issuer + "/token",
            data={"grant_type": "client_credentials", "scope": scope},
            auth=(MAIL_CLIENT_ID, MAIL_CLIENT_SECRET),
            timeout=10,
        )
        response.raise_for_status()
        return str(response.json()["access_token"])

    @property
    def introspection_url(self) -> str:
        return self.issuer + "/token/introspection"


@contextlib.contextmanager
def running_provider(
    redirect_uris: list[str], *, mailbox_user: str = "alice"
) -> Iterator[OpenIdProvider]:
    node = require_provider()
    folder = Path(tempfile.mkdtemp(prefix="conduct-oidc-"))
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    accounts = json.loads(json.dumps(ACCOUNTS))
    (folder / "accounts.json").write_text(json.dumps(accounts))
    config = {
        "issuer": issuer,
        "port": port,
        "accounts_file": str(folder / "accounts.json"),
        "mailbox_users": {MAIL_CLIENT_ID: mailbox_user},
        "clients": [
            {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uris": redirect_uris,
                "grant_types": ["authorization_code", "refresh_token"],
                "response_types": ["code"],
                "token_endpoint_auth_method": "client_secret_post",
            },
            {
                "client_id": MAIL_CLIENT_ID,
                "client_secret": MAIL_CLIENT_SECRET,
                "redirect_uris": [],
                "grant_types": ["client_credentials"],
                "response_types": [],
                "scope": "mail",
            },
            {
                "client_id": RESOURCE_ID,
                "client_secret": RESOURCE_SECRET,
                "redirect_uris": [],
                "grant_types": [],
                "response_types": [],
            },
        ],
    }
    (folder / "config.json").write_text(json.dumps(config))
    log = (folder / "provider.log").open("wb")
    process = subprocess.Popen(  # noqa: S603 - a fixed script and arguments
        [node, str(SCRIPT), str(folder / "config.json")],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            with contextlib.suppress(requests.RequestException):
                answer = requests.get(issuer + "/.well-known/openid-configuration", timeout=1)
                if answer.ok:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                output = (folder / "provider.log").read_text(errors="replace")
                raise RuntimeError(f"the OpenID provider did not start: {output[-2000:]}")
            time.sleep(0.1)
        yield OpenIdProvider(issuer, folder, accounts)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


def refresh_token_for(provider: OpenIdProvider, login: str, redirect_uri: str) -> str:
    """A refresh token for ``login``, the way a mailbox's owner gives one once:
    the code flow with PKCE, ``offline_access`` and the consent prompt, here
    through the provider's own forms with plain HTTP instead of a browser."""
    import base64
    import hashlib
    import re
    import secrets

    def follow(http: requests.Session, response: requests.Response) -> requests.Response:
        while response.is_redirect:
            location = response.headers["Location"]
            if location.startswith(redirect_uri):
                return response
            response = http.get(urljoin(response.url, location), allow_redirects=False)
        return response

    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    http = requests.Session()
    page = follow(http, http.get(provider.issuer + "/auth", allow_redirects=False, params={
        "client_id": CLIENT_ID, "response_type": "code", "redirect_uri": redirect_uri,
        "scope": "openid offline_access", "prompt": "consent", "state": "s",
        "code_challenge": challenge.decode(), "code_challenge_method": "S256",
    }))  # fmt: skip
    for form in ({"prompt": "login", "login": login, "password": "x"}, {"prompt": "consent"}):
        action = re.search(r'action="([^"]+)"', page.text)
        if action is None:
            break
        page = follow(
            http,
            http.post(urljoin(page.url, action.group(1)), data=form, allow_redirects=False),
        )
    code = parse_qs(urlsplit(page.headers["Location"]).query)["code"][0]
    tokens = requests.post(provider.issuer + "/token", timeout=10, data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
        "code_verifier": verifier, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
    }).json()  # fmt: skip
    return str(tokens["refresh_token"])
