"""Loading policy versions and reading the one in force."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from conduct.audit.services import record_event
from conduct.policy.document import Policy
from conduct.policy.loader import PolicyError, Problem, load_policy_file, parse_policy
from conduct.policy.models import PolicyVersion

_parsed: dict[int, Policy] = {}


class PolicyConflict(Exception):
    pass


def load_policy_version(path: str | Path, *, actor: Any) -> tuple[PolicyVersion, bool]:
    """Validate the file and make it the current policy.

    Returns ``(version, created)``. Loading the same content again changes
    nothing. Refuses an invalid file (PolicyError) and a version number that
    was already loaded with different content (PolicyConflict).
    """
    file_path = Path(path)
    policy = load_policy_file(file_path)
    source_yaml = file_path.read_text(encoding="utf-8")
    digest = hashlib.sha256((source_yaml + "\0" + policy.source_text).encode()).hexdigest()
    with transaction.atomic():
        existing = (
            PolicyVersion.objects.select_for_update()
            .filter(policy_key=policy.id, version=policy.version)
            .first()
        )
        if existing is not None:
            if existing.sha256 != digest:
                raise PolicyConflict(
                    f"{file_path}: version {policy.version} of '{policy.id}' is already loaded "
                    "with different content; give the new file a new version number"
                )
            if existing.is_current:
                return existing, False
        PolicyVersion.objects.filter(is_current=True).update(is_current=False)
        if existing is not None:
            existing.is_current = True
            existing.save(update_fields=["is_current"])
            version = existing
        else:
            version = PolicyVersion.objects.create(
                policy_key=policy.id,
                version=policy.version,
                title=policy.title,
                sha256=digest,
                source_yaml=source_yaml,
                source_text=policy.source_text,
                loaded_by=actor if getattr(actor, "is_authenticated", False) else None,
                is_current=True,
            )
        record_event(
            "policy.version.loaded",
            actor=actor,
            target=version,
            payload={
                "version": policy.version,
                "policy": policy.id,
                "sha256": digest,
                "sha256_short": digest[:12],
            },
        )
    return version, existing is None


def ensure_policy_loaded(*, actor: Any = None) -> PolicyVersion:
    """Load the configured policy file if no policy is in force yet."""
    current = PolicyVersion.objects.filter(is_current=True).first()
    if current is not None:
        return current
    version, _ = load_policy_version(settings.CONDUCT_POLICY_FILE, actor=actor)
    return version


def policy_of(version: PolicyVersion) -> Policy:
    cached = _parsed.get(version.pk)
    if cached is None:
        cached = parse_policy(version.source_yaml, path=f"policy version {version.version}")
        object.__setattr__(cached, "source_text", version.source_text)
        _parsed[version.pk] = cached
    return cached


def current_version() -> PolicyVersion:
    version = PolicyVersion.objects.filter(is_current=True).first()
    if version is None:
        version = ensure_policy_loaded()
    return version


def current_policy() -> Policy:
    """The policy in force (loading the configured file on first use).

    Asks only for the id of the version in force: its text is read and parsed once per
    process, not on every page that shows a policy's words."""
    pk = PolicyVersion.objects.filter(is_current=True).values_list("pk", flat=True).first()
    cached = _parsed.get(pk) if pk is not None else None
    return cached if cached is not None else policy_of(current_version())


__all__ = [
    "Policy",
    "PolicyConflict",
    "PolicyError",
    "Problem",
    "current_policy",
    "current_version",
    "ensure_policy_loaded",
    "load_policy_version",
    "policy_of",
]
