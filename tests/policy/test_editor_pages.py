"""The admin's policy editor: who may use it, errors beside the field, preview, publish,
and records keeping the version they were made under."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from conduct.audit.models import AuditEvent
from conduct.casework.services import IncidentDetails, record_incident
from conduct.policy import editor
from conduct.policy.models import PolicyVersion
from conduct.policy.services import current_policy, current_version
from tests.conftest import signed_in

EDIT = "/policy/edit/"


def form_data(**changes: str) -> dict[str, str]:
    """The editor's form as a browser would send it, filled with the version in force."""
    version = current_version()
    filled = editor.initial(current_policy(), based_on=version.pk)
    data: dict[str, str] = {}
    for name in filled.header.fields:
        value = filled.header.initial.get(name, "")
        data[f"policy-{name}"] = "" if value is None else str(value)
    for section, formset in filled.sections.items():
        rows = formset.initial or []
        total = len(rows) + formset.extra
        data[f"{section}-TOTAL_FORMS"] = str(total)
        data[f"{section}-INITIAL_FORMS"] = str(len(rows))
        data[f"{section}-MIN_NUM_FORMS"] = "0"
        data[f"{section}-MAX_NUM_FORMS"] = "1000"
        for index in range(total):
            row = rows[index] if index < len(rows) else {}
            for name in formset.form.base_fields:
                if name != "DELETE":
                    data[f"{section}-{index}-{name}"] = str(row.get(name, ""))
    data.update(changes)
    return data


def _row(section: str, item_id: str) -> int:
    data = form_data()
    for key, value in data.items():
        if key.startswith(f"{section}-") and key.endswith("-id") and value == item_id:
            return int(key.split("-")[1])
    raise KeyError(item_id)


def _edited() -> dict[str, str]:
    row = _row("categories", "malicious_allegation")
    new = len([k for k in form_data() if re.match(r"categories-\d+-id$", k)]) - 2
    return form_data(
        **{
            f"categories-{row}-title": "Malicious or knowingly false allegations",
            f"categories-{new}-id": "spitting",
            f"categories-{new}-group": "aggressive_or_abusive",
            f"categories-{new}-title": "Spitting at or near staff",
            f"categories-{new}-screener": "",
        }
    )


def _incident(client: Any, actor: Any, category: str) -> Any:
    return record_incident(
        IncidentDetails(
            client=client,
            channel="phone",
            occurred_at=timezone.now(),
            categories=[category],
            what_happened="Caller made an allegation against a named member of staff.",
            verbatim_words="",
            staff_actions=["end_call"],
            warning_given=True,
            client_response="Carried on.",
        ),
        actor=actor,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["staff", "manager", "outsider"])
def test_only_an_admin_may_open_or_post_the_editor(who: str, request: Any) -> None:
    http = signed_in(request.getfixturevalue(who))
    assert http.get(EDIT).status_code == 403
    assert http.post(EDIT, {"action": "publish"}).status_code == 403
    assert "Edit the policy" not in http.get("/policy/").content.decode()
    assert PolicyVersion.objects.count() <= 1


@pytest.mark.django_db
def test_signed_out_is_sent_to_sign_in() -> None:
    response = HttpClient().get(EDIT)
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


@pytest.mark.django_db
def test_the_editor_shows_the_version_in_force_and_what_the_screener_cannot_detect(
    as_admin: HttpClient,
) -> None:
    html = as_admin.get(EDIT).content.decode()
    assert "Malicious allegations" in html and "editing version 1" in html
    assert "The screener cannot detect this category" in html
    page = as_admin.get("/policy/").content.decode()
    assert 'href="/policy/edit/"' in page
    assert page.count("The screener cannot detect this category") == 6


@pytest.mark.django_db
def test_a_problem_is_shown_beside_its_field_and_in_the_summary(as_admin: HttpClient) -> None:
    row = _row("categories", "violence")
    data = form_data(
        **{
            f"categories-{row}-title": "",
            f"categories-{row}-screener": "violence shouting",
            "action": "preview",
        }
    )
    response = as_admin.post(EDIT, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html
    assert f'href="#id_categories-{row}-title"' in html
    assert f'id="id_categories-{row}-title-error"' in html
    assert "must not be empty" in html
    assert "the screener does not detect &#x27;shouting&#x27;" in html
    assert PolicyVersion.objects.count() == 1


@pytest.mark.django_db
def test_preview_shows_the_changes_and_the_page_then_publish_makes_version_two(
    as_admin: HttpClient, admin_user: Any
) -> None:
    preview = as_admin.post(EDIT, {**_edited(), "action": "preview"})
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Malicious or knowingly false allegations" in html
    assert "<code>spitting</code>" in html and "Added" in html
    assert "Publish as version 2" in html
    assert PolicyVersion.objects.count() == 1
    assert AuditEvent.objects.filter(action="policy.draft.previewed").count() == 1

    published = as_admin.post(EDIT, {**_edited(), "action": "publish"})
    assert published.status_code == 302 and published["Location"] == "/policy/"
    version = current_version()
    assert version.version == "2" and version.loaded_by == admin_user
    page = as_admin.get("/policy/").content.decode()
    assert "Version 2" in page and "Spitting at or near staff" in page
    assert AuditEvent.objects.filter(action="policy.version.published").count() == 1


@pytest.mark.django_db
def test_publishing_from_a_stale_editor_is_refused(as_admin: HttpClient) -> None:
    stale = _edited()
    assert as_admin.post(EDIT, {**stale, "action": "publish"}).status_code == 302
    again = as_admin.post(EDIT, {**stale, "action": "publish"})
    assert again.status_code == 400
    assert "came into force while you were editing" in again.content.decode()
    assert PolicyVersion.objects.count() == 2


@pytest.mark.django_db
def test_older_records_keep_version_one_and_new_ones_take_version_two(
    as_admin: HttpClient, client_record: Any, staff: Any, manager: Any
) -> None:
    old = _incident(client_record, staff, "malicious_allegation")
    as_admin.post(EDIT, {**_edited(), "action": "publish"})
    new = _incident(client_record, staff, "spitting")
    assert (old.policy_version.version, new.policy_version.version) == ("1", "2")
    http = signed_in(manager)
    old_page = http.get(f"/casework/incidents/{old.pk}/").content.decode()
    assert "Malicious allegations" in old_page and "knowingly false" not in old_page
    assert re.search(r"Policy version</dt><dd>1<", old_page)
    new_page = http.get(f"/casework/incidents/{new.pk}/").content.decode()
    assert "Spitting at or near staff" in new_page
    assert re.search(r"Policy version</dt><dd>2<", new_page)


@pytest.mark.django_db
def test_deleting_a_row_and_unmapping_a_screener_category_show_before_publishing(
    as_admin: HttpClient,
) -> None:
    right = _row("staff_rights", "no_reply")
    abuse = _row("categories", "abusive_language")
    data = form_data(**{f"staff_rights-{right}-DELETE": "on", f"categories-{abuse}-screener": ""})
    back = as_admin.post(EDIT, {**data, "action": "edit"}).content.decode()
    assert "The screener's categories abusive_language map onto no category" in back
    preview = as_admin.post(EDIT, {**data, "action": "preview"}).content.decode()
    assert re.search(r"<code>no_reply</code></td><td><span class=\"tag tag--red\">Removed", preview)
    assert re.search(r"<code>abusive_language \(screener\)</code>", preview)
    as_admin.post(EDIT, {**data, "action": "publish"})
    policy = current_policy()
    assert [r.id for r in policy.staff_rights] == ["end_call", "refer_to_smt"]
    assert policy.from_screener(["abusive_language"], frozenset({"abusive_language"})) == []
