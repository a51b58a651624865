"""Storing parsed items: dedup, match, screen, route, keep attachments. Idempotent.

``store_items`` is safe to run concurrently on the same items (several workers,
a re-run after a crash): rows are inserted with ON CONFLICT DO NOTHING on the
dedup key, and only the rows this call inserted get screening results and
attachments. A chunk is one transaction, so a crash loses at most the chunk
in flight, and re-running it stores exactly what is missing.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from conduct.audit.services import record_event
from conduct.casework.published import single_contacts_in_force
from conduct.correspondence import aggregates, rules, store_plan
from conduct.correspondence import attachments as files
from conduct.correspondence.matching import Matcher
from conduct.correspondence.models import (
    Attachment,
    Communication,
    ImportRun,
    ScreeningResult,
)
from conduct.correspondence.parsing.items import Item, Rejected
from conduct.correspondence.screening import (
    screen_texts,
    screened_text,
    should_screen,
    verdict_fields,
)
from conduct.notifications.services import notify

logger = logging.getLogger(__name__)


@dataclass
class StoreResult:
    added: int = 0
    duplicates: int = 0
    rejected: int = 0
    flagged: int = 0
    problems: list[dict[str, str]] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)

    def merge(self, other: StoreResult) -> None:
        self.added += other.added
        self.duplicates += other.duplicates
        self.rejected += other.rejected
        self.flagged += other.flagged
        self.problems.extend(other.problems)
        self.ids.extend(other.ids)


def start_import(source: str, *, actor: Any) -> ImportRun:
    """Open the record of one import run; ``store_items`` fills it in."""
    with transaction.atomic():
        run = ImportRun.objects.create(
            source=source[:300],
            started_at=timezone.now(),
            started_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record_event(
            "correspondence.import.started",
            actor=actor,
            target=run,
            payload={"run_id": run.pk, "source": run.source[:80]},
        )
    return run


def finish_import(run: ImportRun, *, actor: Any) -> ImportRun:
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        run.finished_at = timezone.now()
        run.save(update_fields=["finished_at"])
        record_event(
            "correspondence.import.finished",
            actor=actor,
            target=run,
            payload={
                "run_id": run.pk,
                "added": run.added,
                "duplicates": run.duplicates,
                "rejected": run.rejected,
                "flagged": run.flagged,
            },
        )
    return run


def stop_import(run: ImportRun, reason: str, *, actor: Any) -> ImportRun:
    """Record that ``run`` stopped before its end; what its chunks stored is kept."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        run.stopped_reason = reason[:300]
        run.save(update_fields=["stopped_reason"])
        record_event(
            "correspondence.import.stopped",
            actor=actor,
            target=run,
            payload={
                "run_id": run.pk,
                "reason": run.stopped_reason,
                "added": run.added,
                "rejected": run.rejected,
            },
        )
    return run


def item_key(item: Item, *, by_content: bool = True) -> str:
    """The dedup key ``store_items`` gives ``item``.

    ``by_content=False`` gives the key an item with no Message-ID had before keys were
    taken from its content, so that items stored then are still found.
    """
    return rules.dedup_key(
        message_id=item.message_id,
        channel=item.channel,
        occurred_at=item.occurred_at,
        sender=item.sender,
        subject=item.subject,
        body=item.body,
        duration_seconds=item.duration_seconds,
        content_digest=item.content_digest if by_content else "",
    )


def _held(keyed: dict[str, Item]) -> set[str]:
    """The keys of ``keyed`` already stored, under their key or their earlier one."""
    earlier = {
        item_key(item, by_content=False): key
        for key, item in keyed.items()
        if item.content_digest and not item.message_id
    }
    found = Communication.objects.filter(dedup_key__in=[*keyed, *earlier]).values_list(
        "dedup_key", flat=True
    )
    return {earlier.get(k, k) for k in found}


def _single_contacts(client_ids: set[int]) -> dict[int, int]:
    return single_contacts_in_force(client_ids)


def _build(
    item: Item, key: str, batch: str, matcher: Matcher, index: int, now: Any
) -> Communication:
    match = matcher.match(index, item)
    return Communication(
        channel=item.channel,
        direction=match.direction,
        occurred_at=item.occurred_at,
        occurred_on=timezone.localdate(item.occurred_at),
        received_at=now,
        client_id=match.client_id,
        staff=match.staff,
        sender_kind=item.sender_kind,
        sender_key=match.sender_key or item.sender.lower()[:254],
        sender_display=item.sender_display[:300],
        subject=item.subject[:500],
        body=item.body,
        duration_seconds=item.duration_seconds,
        url=item.url[:500],
        message_id=item.message_id[:500],
        in_reply_to=item.in_reply_to[:500],
        references=" ".join(item.references)[:5000],
        thread_key=rules.thread_key(item.message_id, item.in_reply_to, item.references),
        dedup_key=key,
        fingerprint=rules.fingerprint(item.body) if item.direction == "in" else "",
        info_request=item.direction == "in"
        and rules.is_information_request(item.subject, item.body),
        source=item.ref[:200],
        stored_by_batch=batch,
    )


def store_items(
    items: Sequence[Item],
    rejected: Sequence[Rejected] = (),
    *,
    actor: Any,
    run: ImportRun | None = None,
) -> StoreResult:
    """Store new items (screened on arrival), skip ones already held, record rejections.

    Refuses nothing as a whole: an item that cannot be stored is reported in
    ``problems`` with its reason, and the rest are stored. Gathers the facts,
    lets ``store_plan`` decide what to write, and writes it in one transaction.
    """
    keys = [item_key(item) for item in items]
    held = _held({key: items[n] for key, n in store_plan.first_of_each(keys).items()})
    intake = store_plan.plan_intake(keys, held)
    fresh = [(keys[n], items[n]) for n in intake.fresh]
    batch = uuid.uuid4().hex
    now = timezone.now()
    matcher = Matcher([i for _, i in fresh])
    rows = [_build(item, key, batch, matcher, n, now) for n, (key, item) in enumerate(fresh)]
    verdicts = _screen(rows)
    stored_files, refused = _store_attachments(fresh)
    plan = store_plan.plan_store(
        intake,
        _arrivals(rows, fresh, verdicts),
        rejected=[(r.ref, r.reason) for r in rejected],
        refused_attachments=refused,
        single_contacts=_single_contacts({r.client_id for r in rows if r.client_id}),
    )
    problems = [*plan.problems, *_mark(rows, fresh, plan)]
    with transaction.atomic():
        result = _write(plan, rows, verdicts, stored_files, problems, batch=batch, now=now, run=run)
        record_event(
            "correspondence.communications.stored",
            actor=actor,
            target=run,
            payload={
                "run_id": run.pk if run else None,
                "added": result.added,
                "duplicates": result.duplicates,
                "rejected": result.rejected,
                "flagged": result.flagged,
            },
        )
    for problem in result.problems:
        logger.warning(
            "import %s: %s: %s", run.pk if run else "-", problem["item"], problem["reason"]
        )
    return result


def _arrivals(
    rows: list[Communication], fresh: list[tuple[str, Item]], verdicts: dict[str, dict[str, Any]]
) -> list[store_plan.Arrival]:
    return [
        store_plan.Arrival(
            key=row.dedup_key,
            ref=item.ref,
            client_id=row.client_id,
            flagged=bool(verdicts.get(row.dedup_key, {}).get("flagged")),
            notes=tuple(item.problems),
        )
        for row, (_, item) in zip(rows, fresh, strict=True)
    ]


def _mark(
    rows: list[Communication], fresh: list[tuple[str, Item]], plan: store_plan.StorePlan
) -> list[dict[str, str]]:
    """Hold and route the rows as planned, keeping each held message as received.

    Returns the problems keeping an original met.
    """
    problems: list[dict[str, str]] = []
    for row, (_, item) in zip(rows, fresh, strict=True):
        if row.dedup_key in plan.hold:
            row.do_not_reply = True
            row.review_state = Communication.PENDING
            problems.extend(_keep_original(row, item))
        if row.dedup_key in plan.routes:
            row.routed_to_id = plan.routes[row.dedup_key]
    return problems


def _write(
    plan: store_plan.StorePlan,
    rows: list[Communication],
    verdicts: dict[str, dict[str, Any]],
    stored_files: dict[str, list[files.Stored]],
    problems: list[dict[str, str]],
    *,
    batch: str,
    now: Any,
    run: ImportRun | None,
) -> StoreResult:
    """Insert the rows, then what belongs to the ones this call inserted; add to the run."""
    Communication.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    mine = dict(
        Communication.objects.filter(
            dedup_key__in=[r.dedup_key for r in rows], stored_by_batch=batch
        ).values_list("dedup_key", "pk")
    )
    result = StoreResult(
        added=len(mine),
        duplicates=plan.duplicates + len(rows) - len(mine),
        rejected=plan.rejected,
        flagged=len(plan.hold & mine.keys()),
        problems=problems,
        ids=sorted(mine.values()),
    )
    aggregates.communications_added(Communication.objects.filter(pk__in=result.ids))
    ScreeningResult.objects.bulk_create(
        [
            ScreeningResult(communication_id=mine[k], screened_at=now, **v)
            for k, v in verdicts.items()
            if k in mine
        ],
        batch_size=500,
    )
    Attachment.objects.bulk_create(
        [
            Attachment(
                communication_id=mine[k],
                sha256=s.sha256,
                size=s.size,
                content_type=s.content_type,
                filename=s.filename,
            )
            for k, stored in stored_files.items()
            if k in mine
            for s in stored
        ]
    )
    notices = store_plan.plan_notices([r.dedup_key for r in rows], plan.routes, mine)
    users = get_user_model().objects.in_bulk([n.user_id for n in notices]) if notices else {}
    for notice in notices:
        if notice.user_id in users:
            notify([users[notice.user_id]], key=notice.key, text=notice.text, url=notice.url)
    if run is not None:
        ImportRun.objects.filter(pk=run.pk).update(
            added=F("added") + result.added,
            duplicates=F("duplicates") + result.duplicates,
            rejected=F("rejected") + result.rejected,
            flagged=F("flagged") + result.flagged,
        )
        if result.problems:
            locked = ImportRun.objects.select_for_update().get(pk=run.pk)
            locked.problems = (locked.problems + result.problems)[:5000]
            locked.save(update_fields=["problems"])
    return result


def _screen(rows: list[Communication]) -> dict[str, dict[str, Any]]:
    by_channel: dict[str, list[Communication]] = {}
    for row in rows:
        if should_screen(row.channel, row.direction):
            by_channel.setdefault(row.channel, []).append(row)
    out: dict[str, dict[str, Any]] = {}
    for channel, group in by_channel.items():
        texts = [screened_text(r.subject, r.body) for r in group]
        for row, verdict in zip(group, screen_texts(texts, channel), strict=True):
            out[row.dedup_key] = verdict_fields(verdict)
    return out


def _keep_original(row: Communication, item: Item) -> list[dict[str, str]]:
    """A flagged message is kept as received: referring it attaches it as evidence."""
    if not item.original:
        return []
    try:
        row.original_sha256 = files.keep_original(item.original)
    except OSError as exc:
        return [
            {"item": item.ref, "reason": f"stored, but the original was not kept ({exc.strerror})"}
        ]
    row.original_type = item.original_type
    row.original_size = len(item.original)
    return []


def _store_attachments(
    fresh: list[tuple[str, Item]],
) -> tuple[dict[str, list[files.Stored]], list[tuple[str, str]]]:
    """Each item's attachments stored by key, and (item ref, reason) for each refused."""
    stored: dict[str, list[files.Stored]] = {}
    refused: list[tuple[str, str]] = []
    for key, item in fresh:
        for attachment in item.attachments:
            try:
                stored.setdefault(key, []).append(files.store(attachment))
            except files.AttachmentRefused as exc:
                refused.append((item.ref, str(exc)))
    return stored, refused
