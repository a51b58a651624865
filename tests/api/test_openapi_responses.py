"""Every response of every endpoint validates against the published ``/api/openapi.json``.

An integration is written from the schema, so the schema must say what the API
really returns. The API is driven as an integration would drive it, with real
records (one of every kind, from ``tests/browser/world.py``) and real request
bodies, as staff, two senior managers and an admin. Each successful response is
checked against the schema's own description of that operation and status: the
JSON body with ``jsonschema_rs`` (JSON Schema 2020-12, formats checked), a file download by its documented content type.
The last test fails if an operation in the schema was never answered
successfully, so a new endpoint needs a call here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import jsonschema_rs
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as HttpClient
from django.utils import timezone

from conduct.casework.models import ClientWarning, Incident
from conduct.casework.services import (
    DecisionInput,
    record_call_step,
    record_decision,
    record_incident,
    start_call,
)
from tests.browser.world import ABUSE, build_world, email, ingest
from tests.casework.conftest import details

pytestmark = pytest.mark.django_db
SCHEMA_URL = "/api/openapi.json"


@dataclass
class Api:
    """Calls the API and checks each answer against the published schema."""

    spec: dict[str, Any]
    users: dict[str, HttpClient]
    answered: set[tuple[str, str]] = field(default_factory=set)

    def operation(self, method: str, path: str) -> dict[str, Any]:
        return dict(self.spec["paths"]["/api" + path][method])

    def call(
        self,
        method: str,
        path: str,
        *,
        as_: str,
        body: Any = None,
        files: dict[str, Any] | None = None,
        status: int | None = None,
        **params: Any,
    ) -> Any:
        url = "/api" + path.format(**params)
        http = self.users[as_]
        if files is not None:
            response = http.generic(method.upper(), url, **_multipart(files))
        elif body is not None:
            response = http.generic(
                method.upper(), url, json.dumps(body, default=str), "application/json"
            )
        else:
            response = http.generic(method.upper(), url)
        assert 200 <= response.status_code < 300, (method, url, response.content[:500])
        if status is not None:
            assert response.status_code == status, (method, url, response.status_code)
        self.check(method, path, response)
        self.answered.add((method, path))
        if response.status_code != 204 and response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response.json()
        return response

    def check(self, method: str, path: str, response: Any) -> None:
        documented = self.operation(method, path)["responses"]
        answer = documented.get(str(response.status_code))
        assert answer is not None, (
            f"{method.upper()} {path} answered {response.status_code}, which the schema "
            f"does not document (it documents {sorted(documented)})"
        )
        content = answer.get("content", {})
        if response.status_code == 204:
            assert not content and not response.content
            return
        kind = response.get("Content-Type", "").split(";")[0]
        assert kind in content, (
            f"{method.upper()} {path} answered {kind}, the schema documents {sorted(content)}"
        )
        if kind != "application/json":
            return
        schema = {**content[kind]["schema"], "components": self.spec["components"]}
        validator = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)
        errors = list(validator.iter_errors(response.json()))
        assert not errors, f"{method.upper()} {path}: " + "; ".join(
            f"{list(e.instance_path)}: {e.message}" for e in errors[:5]
        )


def _multipart(files: dict[str, Any]) -> dict[str, Any]:
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    return {"data": encode_multipart(BOUNDARY, files), "content_type": MULTIPART_CONTENT}


def schema_operations(spec: dict[str, Any]) -> set[tuple[str, str]]:
    return {
        (method, path.removeprefix("/api"))
        for path, item in spec["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }


@pytest.fixture
def api(
    staff: Any, other_staff: Any, manager: Any, other_manager: Any, admin_user: Any, tmp_path: Any
) -> Api:
    users = {}
    for name, user in (
        ("staff", staff),
        ("other_staff", other_staff),
        ("manager", manager),
        ("other_manager", other_manager),
        ("admin", admin_user),
    ):
        users[name] = HttpClient()
        users[name].force_login(user)
    spec = HttpClient().get(SCHEMA_URL).json()
    return Api(spec=spec, users=users)


def drive_everything(api: Api, world: dict[str, Any], people: dict[str, Any]) -> None:
    """Every operation, as the role that may use it, with a body it accepts."""
    ids = world
    today = timezone.localdate()
    call = api.call

    # Accounts, audit, policy, reports.
    call("get", "/accounts/me", as_="staff")
    call("get", "/accounts/users", as_="admin")
    new_person = call(
        "post",
        "/accounts/users",
        as_="admin",
        body={"username": "new.person", "role": "staff", "password": "a-long-password-1"},
    )
    call(
        "put",
        "/accounts/users/{user_id}/roles",
        as_="admin",
        user_id=new_person["id"],
        body={"roles": ["staff", "senior_manager"]},
    )
    call("get", "/accounts/tokens", as_="admin")
    token = call("post", "/accounts/tokens", as_="admin", body={"name": "x"})
    call("delete", "/accounts/tokens/{token_id}", as_="admin", token_id=token["id"])
    call("get", "/audit/events", as_="admin")
    call("post", "/audit/verify", as_="admin")
    call("get", "/policy/", as_="staff")
    call("get", "/policy/versions", as_="staff")
    call("get", "/reports/dashboard", as_="manager")

    # Clients.
    call("get", "/clients/", as_="staff")
    created = call(
        "post",
        "/clients/",
        as_="staff",
        body={"name": "Sam Sample", "emails": ["sam@example.com"]},
        status=201,
    )
    client = call("get", "/clients/{client_id}", as_="staff", client_id=created["id"])
    call(
        "put",
        "/clients/{client_id}",
        as_="staff",
        client_id=created["id"],
        body={"name": "Sam Sample", "emails": ["sam@example.com"], "version": client["version"]},
    )

    # Incidents and the live-call guide.
    call("get", "/casework/incidents", as_="staff")
    incident = call(
        "post",
        "/casework/incidents",
        as_="staff",
        status=201,
        body={
            "client_id": created["id"],
            "channel": "phone",
            "occurred_at": timezone.now().isoformat(),
            "categories": ["violence"],
            "what_happened": "Threatened to hit a colleague.",
            "warning_given": False,
        },
    )
    got = call("get", "/casework/incidents/{incident_id}", as_="staff", incident_id=incident["id"])
    call(
        "put",
        "/casework/incidents/{incident_id}",
        as_="staff",
        incident_id=incident["id"],
        body={
            "channel": "phone",
            "occurred_at": got["occurred_at"],
            "categories": ["violence"],
            "what_happened": "Threatened to hit a colleague, twice.",
            "version": got["version"],
        },
    )
    upload = SimpleUploadedFile("note.txt", b"Statement.", content_type="text/plain")
    call(
        "post",
        "/casework/incidents/{incident_id}/evidence",
        as_="staff",
        incident_id=incident["id"],
        files={"file": upload},
        status=201,
    )
    unknown = call(
        "post",
        "/casework/incidents",
        as_="staff",
        status=201,
        body={
            "caller_number": "07700 900999",
            "channel": "phone",
            "occurred_at": timezone.now().isoformat(),
            "categories": ["abusive_language"],
            "what_happened": "Swore at reception.",
        },
    )
    call(
        "post",
        "/casework/incidents/{incident_id}/link",
        as_="staff",
        incident_id=unknown["id"],
        body={"client_id": created["id"]},
    )
    live = call(
        "post", "/casework/calls", as_="staff", body={"client_id": created["id"]}, status=201
    )
    call(
        "post",
        "/casework/calls/{incident_id}/steps",
        as_="staff",
        incident_id=live["id"],
        body={"step": "warn_and_explain"},
    )
    call(
        "post",
        "/casework/calls/{incident_id}/finish",
        as_="staff",
        incident_id=live["id"],
        body={"categories": ["abusive_language"], "what_happened": "Swore after a warning."},
    )
    call("get", "/casework/evidence/{evidence_id}", as_="manager", evidence_id=ids["evidence"])

    # Cases: the queue, one case (the one the decision must send ``version`` back for).
    call("get", "/casework/cases", as_="manager")
    case_id = incident["case_id"]
    case = call("get", "/casework/cases/{case_id}", as_="manager", case_id=case_id)
    assert {"id", "version", "status", "incident_ids"} <= set(case)
    case = call(
        "post",
        "/casework/cases/{case_id}/assign",
        as_="manager",
        case_id=case_id,
        body={"assignee_id": people["manager"].pk, "version": case["version"]},
    )
    call(
        "post",
        "/casework/cases/{case_id}/notes",
        as_="manager",
        case_id=case_id,
        body={"text": "Listened to the recording."},
        status=201,
    )
    call(
        "post",
        "/casework/cases/{case_id}/evidence",
        as_="manager",
        case_id=case_id,
        files={"file": SimpleUploadedFile("cctv.txt", b"Still from CCTV.")},
        status=201,
    )
    call(
        "post",
        "/casework/cases/{case_id}/link",
        as_="manager",
        case_id=case_id,
        body={"other_case_id": unknown["case_id"]},
    )
    call(
        "post",
        "/casework/cases/{case_id}/override",
        as_="manager",
        case_id=case_id,
        body={"ground": "violence", "reason": "A threat to hit a colleague."},
    )
    referral = call(
        "post",
        "/casework/cases/{case_id}/police-referrals",
        as_="manager",
        case_id=case_id,
        body={"referred_on": today.isoformat(), "force": "West Yorkshire Police"},
        status=201,
    )
    call(
        "put",
        "/casework/police-referrals/{referral_id}",
        as_="manager",
        referral_id=referral["id"],
        body={"crime_reference": "13/1/26"},
    )
    case = call("get", "/casework/cases/{case_id}", as_="manager", case_id=case_id)
    decision = call(
        "post",
        "/casework/cases/{case_id}/decision",
        as_="manager",
        case_id=case_id,
        status=201,
        body={
            "outcomes": ["contact_restriction"],
            "reasons": "A threat of violence at reception.",
            "clauses": ["violence"],
            "adjustments_note": "None known; writing offered.",
            "restriction": {
                "starts_on": today.isoformat(),
                "review_on": (today + timedelta(days=90)).isoformat(),
                "channels_allowed": ["letter"],
            },
            "version": case["version"],
        },
    )
    restriction_id = decision["restrictions"][0]["id"]
    restriction = call(
        "get",
        "/casework/restrictions/{restriction_id}",
        as_="manager",
        restriction_id=restriction_id,
    )
    review = call(
        "post",
        "/casework/restrictions/{restriction_id}/reviews",
        as_="other_manager",
        restriction_id=restriction_id,
        status=201,
        body={
            "outcome": "confirm",
            "reasons": "Still needed.",
            "next_review_on": (today + timedelta(days=60)).isoformat(),
            "version": restriction["version"],
        },
    )
    call("get", "/casework/clients/{client_id}/marker", as_="staff", client_id=created["id"])
    call("get", "/casework/clients/{client_id}/marker", as_="staff", client_id=ids["quiet"])
    call("get", "/casework/clients/{client_id}/timeline", as_="staff", client_id=created["id"])
    call(
        "post",
        "/casework/decisions/{decision_id}/reviews",
        as_="other_manager",
        decision_id=ids["warning_decision"],
        status=201,
        body={"subject": "written_warning", "outcome": "end", "reasons": "Apology accepted."},
    )
    call("get", "/casework/notifications", as_="manager")
    call("get", "/casework/support", as_="manager")
    call(
        "post",
        "/casework/support/{item_id}/done",
        as_="manager",
        item_id=ids["support"],
        body={"note": "Spoke to them."},
    )

    # Letters.
    template = next(
        t for t in call("get", "/letters/templates", as_="admin") if t["kind"] == "warning"
    )
    call(
        "put",
        "/letters/templates/{kind}",
        as_="admin",
        kind="warning",
        body={"subject": template["subject"], "body": template["body"], "note": "Same words."},
    )
    letter = call(
        "post",
        "/letters/decisions/{decision_id}/letters",
        as_="manager",
        decision_id=decision["id"],
        body={"kind": "restriction"},
        status=201,
    )
    call(
        "post",
        "/letters/reviews/{review_id}/letters",
        as_="manager",
        review_id=review["id"],
        status=201,
    )
    letter = call("get", "/letters/{letter_id}", as_="manager", letter_id=letter["id"])
    letter = call(
        "put",
        "/letters/{letter_id}",
        as_="manager",
        letter_id=letter["id"],
        body={"subject": letter["subject"], "body": letter["body"], "version": letter["version"]},
    )
    call("get", "/letters/{letter_id}/pdf", as_="manager", letter_id=letter["id"])
    call(
        "post",
        "/letters/{letter_id}/send",
        as_="manager",
        letter_id=letter["id"],
        body={"method": "email", "sent_on": today.isoformat(), "version": letter["version"]},
    )
    call("post", "/letters/cases/{case_id}/police-pack", as_="manager", case_id=case_id)

    # Correspondence.
    call("get", "/correspondence/review", as_="staff")
    call("get", "/correspondence/{communication_id}", as_="staff", communication_id=ids["flagged"])
    call(
        "post",
        "/correspondence/{communication_id}/full-text",
        as_="staff",
        communication_id=ids["flagged"],
    )
    call(
        "post",
        "/correspondence/{communication_id}/refer",
        as_="staff",
        communication_id=ids["flagged"],
    )
    call(
        "post",
        "/correspondence/{communication_id}/dismiss",
        as_="staff",
        communication_id=ids["flagged_too"],
    )
    call(
        "post",
        "/correspondence/{communication_id}/link",
        as_="staff",
        communication_id=ids["unmatched"],
        body={"reference": "CL-000101"},
    )
    call(
        "post",
        "/correspondence/imports",
        as_="admin",
        files={"file": SimpleUploadedFile("one.eml", email(90, sender="x@example.net"))},
        status=201,
    )
    call(
        "get", "/correspondence/clients/{client_id}/demand", as_="manager", client_id=ids["client"]
    )
    call(
        "post",
        "/correspondence/clients/{client_id}/time",
        as_="staff",
        client_id=ids["client"],
        body={"on": today.isoformat(), "minutes": 20},
        status=201,
    )
    call(
        "post",
        "/correspondence/clients/{client_id}/demand/case",
        as_="manager",
        client_id=ids["client"],
        body={"note": ""},
        status=201,
    )
    call("get", "/correspondence/demand/outliers", as_="manager")

    # Data protection.
    hold = call(
        "post",
        "/privacy/clients/{client_id}/legal-hold",
        as_="admin",
        client_id=created["id"],
        body={"reason": "A claim is expected."},
        status=201,
    )
    call(
        "post",
        "/privacy/legal-holds/{hold_id}/lift",
        as_="admin",
        hold_id=hold["id"],
        body={"reason": "The claim was withdrawn."},
    )
    export = call(
        "post",
        "/privacy/clients/{client_id}/subject-access",
        as_="admin",
        client_id=created["id"],
        status=202,
    )
    from conduct.privacy.exports import make_export

    make_export(export["id"])  # the background worker's part
    call("get", "/privacy/subject-access/{export_id}", as_="admin", export_id=export["id"])
    download = call(
        "get", "/privacy/subject-access/{export_id}/download", as_="admin", export_id=export["id"]
    )
    # Reading the stream to its end closes the response as a server would; closing it again
    # here would fire request_finished and drop the test's database connection.
    assert b"".join(download.streaming_content).startswith(b"PK")
    call("get", "/privacy/retention", as_="admin")

    # Clients' requests.
    today = timezone.localdate().isoformat()
    sar = call(
        "post",
        "/requests/",
        as_="staff",
        body={
            "client_id": created["id"],
            "kind": "subject_access",
            "channel": "front_desk",
            "received_on": today,
            "summary": "A copy of my data.",
        },
        status=201,
    )
    call("get", "/requests/", as_="admin")
    call("get", "/requests/{request_id}", as_="admin", request_id=sar["id"])
    call(
        "post",
        "/requests/{request_id}/extend",
        as_="admin",
        request_id=sar["id"],
        body={"months": 2, "reason": "Records across several teams."},
    )
    sar_export = call(
        "post",
        "/requests/{request_id}/subject-access",
        as_="admin",
        request_id=sar["id"],
        status=202,
    )
    assert sar_export["request_reference"] == sar["reference"]
    call(
        "post",
        "/requests/{request_id}/close",
        as_="admin",
        request_id=sar["id"],
        body={"outcome": "answered", "closed_on": today, "note": "Sent."},
    )


@pytest.fixture
def records(
    staff: Any, manager: Any, other_manager: Any, admin_user: Any, tmp_path: Any
) -> dict[str, Any]:
    world = build_world(
        staff=staff, manager=manager, other_manager=other_manager, admin=admin_user, folder=tmp_path
    )
    ids: dict[str, Any] = dict(world.ids)
    # A second flagged message, to dismiss; a client with nothing in force.
    ingest(
        tmp_path / "more", email(40, sender="priya.shah@example.org", body=ABUSE, subject="Again")
    )
    from conduct.correspondence.models import Communication

    pending = Communication.objects.filter(review_state=Communication.PENDING).order_by("pk")
    ids["flagged"], ids["flagged_too"] = (c.pk for c in pending[:2])
    from conduct.clients.services import ClientDetails, create_client

    ids["quiet"] = create_client(ClientDetails(name="Quiet Client"), actor=staff).pk
    # A written warning that another manager can review.
    warned = record_incident(
        details(create_client(ClientDetails(name="W"), actor=staff)), actor=staff
    )
    assert warned.case is not None
    ids["warning_decision"] = record_decision(
        warned.case,
        DecisionInput(
            outcomes=["written_warning"], reasons="Shouting.", clauses=["abusive_language"]
        ),
        actor=manager,
        expected_version=warned.case.version,
    ).pk
    assert ClientWarning.objects.filter(decision_id=ids["warning_decision"]).exists()
    return ids


def test_every_response_validates_against_the_published_schema(
    api: Api, records: dict[str, Any], staff: Any, manager: Any
) -> None:
    drive_everything(api, records, {"staff": staff, "manager": manager})
    missing = sorted(schema_operations(api.spec) - api.answered)
    assert not missing, "operations never answered successfully here: " + ", ".join(
        f"{m.upper()} {p}" for m, p in missing
    )


def test_schema_names_are_unique_so_no_schema_stands_for_another(api: Api) -> None:
    """The case is documented as the case (with the version a decision sends back),
    not as the demand endpoint's {incident_id, case_id}."""
    case = api.spec["components"]["schemas"]["CaseOut"]
    assert {"id", "version", "incident_ids", "status"} <= set(case["properties"])
    demand = api.spec["paths"]["/api/correspondence/clients/{client_id}/demand/case"]["post"]
    ref = demand["responses"]["201"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/DemandCaseOut")
    evidence = api.spec["components"]["schemas"]["EvidenceOut"]
    assert "sha256" in evidence["properties"]
    from conduct.api.api import api as ninja_api

    seen: dict[str, str] = {}
    for model in _models(ninja_api):
        where = f"{model.__module__}.{model.__qualname__}"
        assert seen.setdefault(model.__name__, where) == where, (
            f"two schemas are called {model.__name__}: {seen[model.__name__]} and {where}"
        )


def _models(ninja_api: Any) -> list[type]:
    from pydantic import BaseModel

    found: list[type] = []
    queue: list[Any] = []
    for _, router in ninja_api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                queue.extend(operation.response_models.values())
                queue.extend(operation.models)
    seen: set[int] = set()
    while queue:
        item = queue.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, type) and issubclass(item, BaseModel):
            found.append(item)
            for info in item.model_fields.values():
                queue.append(info.annotation)
        for arg in getattr(item, "__args__", ()) or ():
            queue.append(arg)
    return [
        m for m in found if m.__module__.startswith("conduct.") and "Response" not in m.__name__
    ]


def test_an_incident_live_then_recorded_keeps_to_the_schema(
    api: Api, client_record: Any, staff: Any
) -> None:
    live = start_call(client=client_record, channel="phone", actor=staff)
    record_call_step(live, "warn_and_explain", actor=staff)
    for incident in Incident.objects.all():
        api.call("get", "/casework/incidents/{incident_id}", as_="staff", incident_id=incident.pk)
