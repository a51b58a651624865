"""A real Dovecot IMAP server for the tests: its own config in a temporary folder, on a
free loopback port, stopped afterwards."""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

USER, PASSWORD = "alice", "imap-test-password"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def require_dovecot() -> str:
    path = shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None
    )
    if path is None:
        message = "dovecot is not installed (apt-get install dovecot-imapd); .ci/run installs it"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@dataclass
class Dovecot:
    port: int
    root: Path


def _oauth2_passdb(root: Path, introspection_url: str | None) -> str:
    """Dovecot's OAuth2 password database, asking the provider whether a token is
    active and whose it is (RFC 7662 introspection)."""
    if introspection_url is None:
        return ""
    (root / "oauth2.conf.ext").write_text(
        "introspection_mode = post\n"
        f"introspection_url = {introspection_url}\n"
        "username_attribute = username\n"
        "active_attribute = active\n"
        "active_value = true\n"
    )
    return f"""
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {root}/oauth2.conf.ext
}}
"""


def _config(root: Path, port: int, introspection_url: str | None = None) -> str:
    if os.geteuid() == 0:
        login, internal, internal_group = "dovenull", "dovecot", "dovecot"
        mail_user, mail_group = "nobody", grp.getgrgid(pwd.getpwnam("nobody").pw_gid).gr_name
    else:
        me = pwd.getpwuid(os.geteuid()).pw_name
        login = internal = mail_user = me
        internal_group = mail_group = grp.getgrgid(os.getegid()).gr_name
    return f"""
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login{" xoauth2 oauthbearer" if introspection_url else ""}
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
default_login_user = {login}
default_internal_user = {internal}
default_internal_group = {internal_group}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
{_oauth2_passdb(root, introspection_url)}userdb {{
  driver = static
  args = uid={mail_user} gid={mail_group} home={root}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


@contextlib.contextmanager
def running_dovecot(introspection_url: str | None = None) -> Iterator[Dovecot]:
    """Dovecot on loopback; with ``introspection_url`` (``http://id:secret@host/...``)
    it also accepts OAuth 2.0 tokens by XOAUTH2 and OAUTHBEARER."""
    binary = require_dovecot()
    root = Path(tempfile.mkdtemp(prefix="conduct-dovecot-"))
    root.chmod(0o755)
    for sub in ("run", "state", "mail", "home"):
        (root / sub).mkdir()
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        for sub in ("mail", "home"):
            os.chown(root / sub, nobody.pw_uid, nobody.pw_gid)
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    port = free_port()
    (root / "dovecot.conf").write_text(_config(root, port, introspection_url))
    process = subprocess.Popen(  # noqa: S603 - a fixed binary and arguments
        [binary, "-F", "-c", str(root / "dovecot.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", port), 0.5) as s,
            ):
                if s.recv(100).startswith(b"* OK"):
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
                raise RuntimeError(f"dovecot did not start: {log[-2000:]}")
            time.sleep(0.1)
        yield Dovecot(port, root)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)


class DroppingProxy:
    """Forwards to the server, and cuts the first connection once the server has
    sent ``cut_after`` bytes after the client sent ``trigger`` (by default once it
    asked for message bodies: mid-FETCH). Later connections are forwarded whole."""

    def __init__(self, target_port: int, cut_after: int, trigger: bytes = b"FETCH") -> None:
        self.target_port = target_port
        self.cut_after = cut_after
        self.trigger = trigger
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(4)
        self.port = int(self.listener.getsockname()[1])
        self.dropped = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        # The first connection is cut; any later one (the next poll, at the same
        # address) is forwarded whole.
        with contextlib.suppress(OSError):
            first = True
            while True:
                client, _ = self.listener.accept()
                threading.Thread(target=self._relay, args=(client, first), daemon=True).start()
                first = False

    def _relay(self, client: socket.socket, cut: bool) -> None:
        with contextlib.suppress(OSError):
            server = socket.create_connection(("127.0.0.1", self.target_port))
            triggered = threading.Event()

            def upstream() -> None:
                with contextlib.suppress(OSError):
                    while data := client.recv(65536):
                        if self.trigger in data.upper():
                            triggered.set()
                        server.sendall(data)
                    server.shutdown(socket.SHUT_WR)

            threading.Thread(target=upstream, daemon=True).start()
            sent = 0
            while data := server.recv(4096):
                if cut and triggered.is_set():
                    sent += len(data)
                    if sent > self.cut_after:
                        self.dropped = True
                        break
                client.sendall(data)
            client.shutdown(socket.SHUT_RDWR)
            client.close()
            server.close()

    def close(self) -> None:
        self.listener.close()
