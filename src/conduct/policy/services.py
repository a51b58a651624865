"""Loading, publishing and exporting policy versions, and reading the one in force."""

from __future__ import annotations

import dataclasses
import hashlib
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from conduct.audit.services import record_event
from conduct.core.refusals import CONFLICT, Refused
from conduct.policy.diff import Change, diff_policies
from conduct.policy.document import Policy
from conduct.policy.export import dump_policy
from conduct.policy.loader import PolicyError, Problem, load_policy_file, parse_policy
from conduct.policy.models import PolicyVersion
from conduct.screening.categories import DETECTABLE

# Parsed versions by (pk, sha256): a stored version never changes, and the digest keeps a
# reused primary key (a test database rolled back) from reading another's policy.
_parsed: dict[tuple[int, str], Policy] = {}

# The policy in force for the request being answered (see conduct.policy.middleware): one
# request sees one policy, so its pages and services ask the database once, not once per use.
# Holds None outside a request; {"off": True} once the request has loaded or published a version,
# so that nothing it reads afterwards comes from before the change (or from a rolled-back one).
_request_scope: ContextVar[dict[str, Any] | None] = ContextVar("policy_request_scope", default=None)


def _forget_for_request() -> None:
    scope = _request_scope.get()
    if scope is not None:
        scope.clear()
        scope["off"] = True


class PolicyConflict(Refused):
    """A version number already loaded with different content."""

    rule = "version_unique"
    status = CONFLICT


def load_policy_version(path: str | Path, *, actor: Any) -> tuple[PolicyVersion, bool]:
    """Validate the file and make it the current policy.

    Returns ``(version, created)``. Loading the same content again changes
    nothing. Refuses an invalid file (PolicyError) and a version number that
    was already loaded with different content (PolicyConflict).
    """
    file_path = Path(path)
    policy = load_policy_file(file_path, known_screener=DETECTABLE)
    source_yaml = file_path.read_text(encoding="utf-8")
    digest = _digest(source_yaml, policy.source_text)
    with transaction.atomic():
        existing = (
            PolicyVersion.objects.select_for_update()
            .filter(policy_key=policy.id, version=policy.version)
            .first()
        )
        if existing is not None:
            # The same policy written differently (an export of it, say) is the same version.
            if existing.sha256 != digest and policy_of(existing) != policy:
                raise PolicyConflict(
                    f"{file_path}: version {policy.version} of '{policy.id}' is already loaded "
                    "with different content; give the new file a new version number"
                )
            if existing.is_current:
                return existing, False
        _forget_for_request()
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


def _digest(source_yaml: str, source_text: str) -> str:
    return hashlib.sha256((source_yaml + "\0" + source_text).encode()).hexdigest()


def next_version(policy_key: str) -> str:
    numbers = [
        int(v)
        for v in PolicyVersion.objects.filter(policy_key=policy_key).values_list(
            "version", flat=True
        )
        if v.isdigit()
    ]
    number = max(numbers, default=0) + 1
    while PolicyVersion.objects.filter(policy_key=policy_key, version=str(number)).exists():
        number += 1
    return str(number)


def publish_policy(draft: Policy, *, actor: Any, based_on: PolicyVersion) -> PolicyVersion:
    """Make an edited policy the version in force, under the next version number.

    ``draft`` is what the editor built (its own version number is ignored);
    ``based_on`` is the version in force when the editing began. Refuses
    (PolicyConflict) when another version came into force meanwhile, or when
    nothing changed; refuses (PolicyError) a draft the loader would refuse.
    Earlier versions stay as they were: records made under them keep them.
    """
    with transaction.atomic():
        current = PolicyVersion.objects.select_for_update().filter(is_current=True).first()
        if current is None or current.pk != based_on.pk:
            raise PolicyConflict(
                "Another version of the policy came into force while you were editing; "
                "start again from the version in force."
            )
        previous = policy_of(current)
        number = next_version(draft.id)
        candidate = dataclasses.replace(draft, version=number)
        source_yaml = dump_policy(candidate)
        # The same checks as a loaded file, on the very text that is stored.
        checked = parse_policy(
            source_yaml, path=f"policy version {number}", known_screener=DETECTABLE
        )
        checked = dataclasses.replace(checked, source_text=draft.source_text)
        changes = diff_policies(previous, checked)
        if not changes:
            raise PolicyConflict("Nothing has changed from the version in force.")
        digest = _digest(source_yaml, checked.source_text)
        _forget_for_request()
        PolicyVersion.objects.filter(is_current=True).update(is_current=False)
        version = PolicyVersion.objects.create(
            policy_key=checked.id,
            version=number,
            title=checked.title,
            sha256=digest,
            source_yaml=source_yaml,
            source_text=checked.source_text,
            loaded_by=actor if getattr(actor, "is_authenticated", False) else None,
            is_current=True,
        )
        record_event(
            "policy.version.published",
            actor=actor,
            target=version,
            payload={
                "version": number,
                "previous": current.version,
                "policy": checked.id,
                "sha256": digest,
                "sha256_short": digest[:12],
                "changes": len(changes),
            },
        )
    return version


def export_policy(path: str | Path, *, actor: Any) -> tuple[Path, Path | None]:
    """Write the version in force to ``path`` as YAML that ``load_policy_version`` accepts,
    and its verbatim text, if it has one, beside it as ``<name>.txt``. Audited."""
    version = current_version()
    policy = policy_of(version)
    file_path = Path(path)
    text_path = file_path.with_suffix(".txt") if policy.source_text else None
    text_file = text_path.name if text_path is not None else None
    with transaction.atomic():
        record_event(
            "policy.version.exported",
            actor=actor,
            target=version,
            payload={"version": version.version, "policy": policy.id},
        )
        if text_path is not None:
            text_path.write_text(policy.source_text, encoding="utf-8")
        file_path.write_text(dump_policy(policy, text_file=text_file), encoding="utf-8")
    return file_path, text_path


def preview_draft(version: PolicyVersion, changes: list[Change], *, actor: Any) -> None:
    """Record that ``actor`` previewed ``changes`` to ``version`` (a dry run; nothing is
    published)."""
    with transaction.atomic():
        record_event(
            "policy.draft.previewed",
            actor=actor,
            target=version,
            payload={"version": version.version, "changes": len(changes)},
        )


def changes_from_current(draft: Policy) -> list[Change]:
    return diff_policies(current_policy(), draft)


def ensure_policy_loaded(*, actor: Any = None) -> PolicyVersion:
    """Load the configured policy file if no policy is in force yet."""
    current = PolicyVersion.objects.filter(is_current=True).first()
    if current is not None:
        return current
    version, _ = load_policy_version(settings.CONDUCT_POLICY_FILE, actor=actor)
    return version


def policy_of(version: PolicyVersion) -> Policy:
    key = (version.pk, version.sha256)
    cached = _parsed.get(key)
    if cached is None:
        cached = parse_policy(version.source_yaml, path=f"policy version {version.version}")
        object.__setattr__(cached, "source_text", version.source_text)
        _parsed[key] = cached
    return cached


def current_version() -> PolicyVersion:
    version = PolicyVersion.objects.filter(is_current=True).first()
    if version is None:
        version = ensure_policy_loaded()
    return version


def current_version_id() -> int:
    """The id of the version in force, for a record to link to, without fetching its text."""
    pk = PolicyVersion.objects.filter(is_current=True).values_list("pk", flat=True).first()
    return pk if pk is not None else ensure_policy_loaded().pk


def current_policy() -> Policy:
    """The policy in force (loading the configured file on first use).

    Asks only for the id and digest of the version in force: its text is read and parsed once per
    process, not on every page that shows a policy's words."""
    scope = _request_scope.get()
    if scope is not None and "policy" in scope:
        return scope["policy"]  # type: ignore[no-any-return]
    key = PolicyVersion.objects.filter(is_current=True).values_list("pk", "sha256").first()
    cached = _parsed.get(key) if key is not None else None
    policy = cached if cached is not None else policy_of(current_version())
    if scope is not None and not scope.get("off"):
        scope["policy"] = policy
    return policy


__all__ = [
    "Change",
    "Policy",
    "PolicyConflict",
    "PolicyError",
    "Problem",
    "current_policy",
    "current_version",
    "current_version_id",
    "ensure_policy_loaded",
    "export_policy",
    "load_policy_version",
    "next_version",
    "policy_of",
    "publish_policy",
]
