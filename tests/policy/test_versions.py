from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from conduct.audit.models import AuditEvent
from conduct.policy.models import PolicyVersion
from conduct.policy.services import PolicyConflict, current_policy, load_policy_version

DEFAULT = Path(__file__).resolve().parents[2] / "src/conduct/policy/default/policy.yaml"


def _copy(tmp_path: Path, version: str, extra_title: str = "") -> Path:
    text = DEFAULT.read_text().replace('version: "1"', f'version: "{version}"')
    text = text.replace(
        "Threatening emails and telephone calls",
        "Threatening emails and telephone calls" + extra_title,
    )
    path = tmp_path / f"policy-{version}.yaml"
    path.write_text(text)
    return path


@pytest.mark.django_db
def test_loading_a_new_version_makes_it_current_and_is_audited(tmp_path: Path) -> None:
    load_policy_version(DEFAULT, actor=None)
    version, created = load_policy_version(
        _copy(tmp_path, "2", " (including voicemail)"), actor=None
    )
    assert created and version.is_current
    assert PolicyVersion.objects.filter(is_current=True).count() == 1
    assert (
        current_policy()
        .category("threatening_communication")
        .title.endswith("(including voicemail)")
    )
    assert AuditEvent.objects.filter(action="policy.version.loaded").count() == 2


@pytest.mark.django_db
def test_reloading_the_same_file_changes_nothing(tmp_path: Path) -> None:
    load_policy_version(DEFAULT, actor=None)
    _, created = load_policy_version(DEFAULT, actor=None)
    assert not created
    assert PolicyVersion.objects.count() == 1
    assert AuditEvent.objects.filter(action="policy.version.loaded").count() == 1


@pytest.mark.django_db
def test_same_version_number_with_different_content_is_refused(tmp_path: Path) -> None:
    load_policy_version(DEFAULT, actor=None)
    with pytest.raises(PolicyConflict, match="already loaded with different content"):
        load_policy_version(_copy(tmp_path, "1", " changed"), actor=None)


@pytest.mark.django_db
def test_policy_load_command_refuses_invalid_file_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(DEFAULT.read_text().replace('    title: "Malicious allegations"\n', ""))
    with pytest.raises(CommandError) as caught:
        call_command("policy", "load", str(bad))
    assert f"{bad}:37:" in str(caught.value)
    assert "missing 'title'" in str(caught.value)
    assert not PolicyVersion.objects.exists()


def test_app_refuses_to_start_on_an_invalid_policy(tmp_path: Path, settings: Any) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("policy: {id: x}\n")
    settings.CONDUCT_POLICY_FILE = str(bad)
    with pytest.raises(CommandError) as caught:
        call_command("check", fail_level="ERROR")
    assert "policy.E001" in str(caught.value)
    assert f"{bad}:1:" in str(caught.value)


@pytest.mark.django_db
def test_policy_page_shows_all_categories_in_the_policys_words(
    as_staff: Any, as_outsider: Any, client: Any
) -> None:
    response = as_staff.get("/policy/")
    assert response.status_code == 200
    policy = current_policy()
    for category in policy.categories:
        assert category.title.encode() in response.content.replace(b"&#x27;", b"'")
    assert b"Our policy enables us to deal with unacceptable client behaviour" in response.content
    assert as_outsider.get("/policy/").status_code == 403
    assert client.get("/policy/").status_code == 302


@pytest.mark.django_db
def test_policy_api(as_staff: Any, as_outsider: Any, client: Any) -> None:
    data = as_staff.get("/api/policy/").json()
    assert len(data["categories"]) == 14
    assert {
        "id": "end_call",
        "text": "End the call.",
        "title": "",
        "group": "",
        "channels": [],
        "screener": [],
    } in data["staff_rights"]
    categories = {c["id"]: c for c in data["categories"]}
    assert categories["violence"]["screener"] == ["violence"]
    assert categories["excessive_correspondence"]["screener"] == []
    assert data["ombudsman_name"] == ""
    assert as_outsider.get("/api/policy/").status_code == 403
    assert client.get("/api/policy/").status_code == 401
