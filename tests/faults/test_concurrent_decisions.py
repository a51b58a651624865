"""Two senior managers decide the same case at the same moment: exactly one decision
is stored and the other manager is told, through the services, the pages and the API."""

from __future__ import annotations

import json
import re
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.faults import database as db
from tests.faults.processes import (
    PRELUDE,
    PYTHON,
    child_env,
    conduct,
    django,
    server,
    sign_in,
    wait_until,
)

pytestmark = [pytest.mark.faults, pytest.mark.slow, pytest.mark.sqlite_only]

OPEN_CASES = """
from django.contrib.auth import get_user_model
from django.utils import timezone
from conduct.accounts.services import create_api_token
from conduct.casework.services import IncidentDetails, record_incident
from conduct.clients.models import Client
User = get_user_model()
staff = User.objects.get(username="fstaff")
client = Client.objects.get(reference="CL-F0001")
cases = []
for n in range(int(sys.argv[1]) if len(sys.argv) > 1 else 3):
    incident = record_incident(IncidentDetails(
        client=client, channel="phone", occurred_at=timezone.now(),
        categories=["threatening_communication"], what_happened=f"Shouted at staff ({n}).",
        staff_actions=["end_call"], warning_given=True, client_response="Carried on."),
        actor=staff)
    cases.append(incident.case_id)
tokens = [create_api_token(User.objects.get(username=u), "race", actor=None)[1]
          for u in ("fmanager1", "fmanager2")]
print(json.dumps({"cases": cases, "tokens": tokens}))
"""

# One manager's process: read the case, wait for the starting gun, decide.
DECIDE = """
from pathlib import Path
from django.contrib.auth import get_user_model
from conduct.casework.models import Case
from conduct.casework.services import DecisionInput, StaleCase, record_decision
manager = get_user_model().objects.get(username=sys.argv[1])
case = Case.objects.get(pk=int(sys.argv[2]))
version = case.version
Path(sys.argv[3] + ".ready-" + sys.argv[1]).write_text("read")
while not Path(sys.argv[3]).exists():
    time.sleep(0.01)
try:
    record_decision(case, DecisionInput(outcomes=["no_further_action"],
        reasons=f"Decided by {sys.argv[1]}.", clauses=["safe_environment"]),
        actor=manager, expected_version=version)
except StaleCase as exc:
    print(json.dumps({"outcome": "stale", "message": str(exc)}))
else:
    print(json.dumps({"outcome": "decided"}))
"""


def decisions(data_dir: Path, case_id: int) -> list[str]:
    conn = db.connect(data_dir)
    try:
        return [
            r[0]
            for r in conn.execute(
                "SELECT reasons FROM casework_decision WHERE case_id = ?", (case_id,)
            )
        ]
    finally:
        conn.close()


def test_two_processes_deciding_through_the_service_one_wins_the_other_is_told(
    data_dir: Path, tmp_path: Path
) -> None:
    case_id = django(data_dir, OPEN_CASES)["cases"][0]
    gun = tmp_path / "go"
    procs = {
        name: subprocess.Popen(  # noqa: S603 - our own command
            [PYTHON, "-c", PRELUDE + DECIDE, name, str(case_id), str(gun)],
            env=child_env(data_dir),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("fmanager1", "fmanager2")
    }
    try:
        wait_until(
            lambda: all(Path(f"{gun}.ready-{n}").exists() for n in procs),
            timeout=120,
            what="both managers to read the case",
        )
        gun.write_text("go")
        results = {}
        for name, proc in procs.items():
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err[-2000:]
            results[name] = json.loads(out.strip().splitlines()[-1])
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    outcomes = sorted(r["outcome"] for r in results.values())
    assert outcomes == ["decided", "stale"], results
    loser = next(r for r in results.values() if r["outcome"] == "stale")
    assert "Another senior manager changed this case" in loser["message"]
    winner = next(n for n, r in results.items() if r["outcome"] == "decided")
    assert decisions(data_dir, case_id) == [f"Decided by {winner}."]
    assert "audit chain intact" in conduct(data_dir, "audit", "verify")


def race(*calls: Any) -> list[Any]:
    """Run the calls in threads released together; return their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait(timeout=30)
        results[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_two_managers_deciding_through_the_pages_and_the_api_one_wins_the_other_is_told(
    data_dir: Path,
) -> None:
    world = django(data_dir, OPEN_CASES)
    page_case, api_case = world["cases"][:2]
    with server(data_dir, threads=8) as running:
        base = running.base
        sessions = [sign_in(base, "fmanager1"), sign_in(base, "fmanager2")]
        url = f"{base}/casework/cases/{page_case}/decide/"
        forms = []
        for session in sessions:
            page = session.get(url, timeout=30).text
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
            version = re.search(r'name="version" value="(\d+)"', page)
            assert token and version
            forms.append((token.group(1), version.group(1)))

        def decide_page(i: int) -> requests.Response:
            token, version = forms[i]
            return sessions[i].post(
                url,
                data={
                    "csrfmiddlewaretoken": token,
                    "version": version,
                    "outcomes": ["no_further_action"],
                    "reasons": f"Page decision by manager {i + 1}.",
                    "clauses": ["safe_environment"],
                },
                allow_redirects=False,
                timeout=60,
            )

        pages = race(lambda: decide_page(0), lambda: decide_page(1))
        assert sorted(r.status_code for r in pages) == [302, 400], [r.status_code for r in pages]
        loser = next(r for r in pages if r.status_code == 400)
        assert "Another senior manager changed this case" in loser.text

        version = requests.get(
            f"{base}/api/casework/cases/{api_case}",
            headers={"Authorization": f"Bearer {world['tokens'][0]}"},
            timeout=30,
        ).json()["version"]

        def decide_api(i: int) -> requests.Response:
            return requests.post(
                f"{base}/api/casework/cases/{api_case}/decision",
                headers={"Authorization": f"Bearer {world['tokens'][i]}"},
                json={
                    "outcomes": ["no_further_action"],
                    "reasons": f"API decision by manager {i + 1}.",
                    "clauses": ["safe_environment"],
                    "version": version,
                },
                timeout=60,
            )

        answers = race(lambda: decide_api(0), lambda: decide_api(1))
        assert sorted(r.status_code for r in answers) == [201, 409], [a.text for a in answers]
        conflict = next(r for r in answers if r.status_code == 409)
        assert "Another senior manager changed this case" in conflict.json()["detail"]
    assert len(decisions(data_dir, page_case)) == 1
    assert len(decisions(data_dir, api_case)) == 1
    assert "audit chain intact" in conduct(data_dir, "audit", "verify")
