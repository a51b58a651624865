"""Letter templates: the current version of each kind, and admins' changes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from conduct.audit.services import record_event
from conduct.core.refusals import CONFLICT, Refused
from conduct.letters import rules
from conduct.letters.models import LetterTemplate
from conduct.letters.render import check_renders


class NoTemplate(Refused, LookupError):
    """No template of this kind has been loaded (run the migrations)."""

    rule = "template_exists"
    status = CONFLICT


def current_template(kind: str) -> LetterTemplate:
    template = LetterTemplate.objects.filter(kind=kind).order_by("-version").first()
    if template is None:
        raise NoTemplate(f"There is no {rules.KIND_TITLES.get(kind, kind)} template yet.")
    return template


def current_templates() -> list[LetterTemplate]:
    """The newest version of every kind, in the order of ``rules.KINDS``."""
    newest = {t.kind: t for t in LetterTemplate.objects.order_by("kind", "version")}
    return [newest[k] for k in rules.KINDS if k in newest]


def change_template(
    kind: str, *, subject: str, body: str, note: str = "", actor: Any
) -> LetterTemplate:
    """Save new words for a kind of letter as its next version; earlier versions stay.

    Refuses (PermissionDenied) anyone who may not edit templates; (LetterRefused)
    an unknown kind, an empty subject or body, or words that do not compile or
    that fail when filled in with sample facts of the kind (``rules.sample_facts``).
    """
    if not actor.has_perm("letters.change_lettertemplate"):
        raise PermissionDenied("Only admins change letter templates.")
    rules.check_template(kind, subject=subject, body=body)
    sample = rules.sample_facts(kind)
    check_renders(subject, sample)
    check_renders(body, sample)
    with transaction.atomic():
        versions = LetterTemplate.objects.select_for_update().filter(kind=kind)
        latest = max(versions.values_list("version", flat=True), default=0)
        template = LetterTemplate.objects.create(
            kind=kind,
            version=latest + 1,
            subject=subject.strip(),
            body=body.replace("\r\n", "\n").strip(),
            note=note.strip()[:300],
            created_by=actor,
            created_at=timezone.now(),
        )
        record_event(
            "letters.template.changed",
            actor=actor,
            target=template,
            payload={
                "kind": kind,
                "kind_title": rules.KIND_TITLES[kind],
                "version": template.version,
                "note": template.note,
            },
        )
    return template
