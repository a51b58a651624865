"""Publishing an edited policy as a new version, and exporting the version in force."""

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from conduct.audit.models import AuditEvent
from conduct.policy.document import Category
from conduct.policy.loader import load_policy_file
from conduct.policy.models import PolicyVersion
from conduct.policy.services import (
    PolicyConflict,
    PolicyError,
    current_policy,
    current_version,
    load_policy_version,
    policy_of,
    publish_policy,
)

DEFAULT = Path(__file__).resolve().parents[2] / "src/conduct/policy/default/policy.yaml"


def _edited() -> Any:
    policy = current_policy()
    renamed = [
        dataclasses.replace(c, title="Malicious or false allegations")
        if c.id == "malicious_allegation"
        else c
        for c in policy.categories
    ]
    categories = (*renamed, Category("spitting", "aggressive_or_abusive", "Spitting at staff", ()))
    return dataclasses.replace(policy, categories=categories)


@pytest.mark.django_db
def test_publishing_makes_the_next_version_current_and_keeps_the_first(admin_user: Any) -> None:
    first = current_version()
    published = publish_policy(_edited(), actor=admin_user, based_on=first)
    first.refresh_from_db()
    assert published.version == "2" and published.is_current and not first.is_current
    assert published.loaded_by == admin_user
    assert current_policy().category("spitting").title == "Spitting at staff"
    assert policy_of(first).category("malicious_allegation").title == "Malicious allegations"
    assert not policy_of(first).has_category("spitting")
    event = AuditEvent.objects.get(action="policy.version.published")
    assert event.payload["version"] == "2" and event.payload["previous"] == "1"
    assert event.payload["changes"] == 2
    # The stored text is what the loader reads: the new category is undetectable.
    assert policy_of(published).screener_sources(frozenset({"violence"}))["spitting"] == []


@pytest.mark.django_db
def test_publishing_refuses_a_stale_start_no_change_and_an_invalid_draft(admin_user: Any) -> None:
    first = current_version()
    with pytest.raises(PolicyConflict, match="Nothing has changed"):
        publish_policy(current_policy(), actor=admin_user, based_on=first)
    publish_policy(_edited(), actor=admin_user, based_on=first)
    with pytest.raises(PolicyConflict, match="came into force while you were editing"):
        publish_policy(_edited(), actor=admin_user, based_on=first)
    bad = dataclasses.replace(
        current_policy(),
        categories=(*current_policy().categories, Category("x", "g", "X", ("spit",))),
    )
    with pytest.raises(PolicyError, match="does not detect 'spit'"):
        publish_policy(bad, actor=admin_user, based_on=current_version())
    assert PolicyVersion.objects.count() == 2
    assert AuditEvent.objects.filter(action="policy.version.published").count() == 1


@pytest.mark.django_db
def test_export_writes_yaml_that_load_accepts_as_the_same_version(
    tmp_path: Path, admin_user: Any
) -> None:
    published = publish_policy(_edited(), actor=admin_user, based_on=current_version())
    out = tmp_path / "ours.yaml"
    call_command("policy", "export", str(out))
    assert (tmp_path / "ours.txt").read_text() == current_policy().source_text
    assert load_policy_file(out) == policy_of(published)
    # Loading the export back changes nothing: it is the version in force.
    version, created = load_policy_version(out, actor=None)
    assert version.pk == published.pk and not created
    assert AuditEvent.objects.filter(action="policy.version.exported").count() == 1


@pytest.mark.django_db
def test_an_export_loads_into_an_empty_database_as_the_same_policy(tmp_path: Path) -> None:
    out = tmp_path / "ours.yaml"
    call_command("policy", "export", str(out))
    exported = out.read_text()
    PolicyVersion.objects.all().delete()
    version, created = load_policy_version(out, actor=None)
    assert created and policy_of(version) == load_policy_file(DEFAULT)
    assert "text_file: ours.txt" in exported


@pytest.mark.django_db
def test_export_to_a_folder_that_does_not_exist_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot be written"):
        call_command("policy", "export", str(tmp_path / "missing" / "p.yaml"))
