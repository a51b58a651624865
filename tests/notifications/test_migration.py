"""Notifications left casework without moving a row: the table keeps its name and
its data, and the content type (so any permission on it) follows the model."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from conduct.notifications.models import Notification

BEFORE = [("notifications", None), ("casework", "0007_text_limits")]


def _migrate(targets: list[tuple[str, str | None]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def _leaves() -> list[tuple[str, str | None]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_a_notification_written_before_the_move_is_read_after_it() -> None:
    leaves = _leaves()
    try:
        old = _migrate(BEFORE)
        User = old.get_model(settings.AUTH_USER_MODEL)
        user = User.objects.create(username="before-the-move")
        old.get_model("casework", "Notification").objects.create(
            user=user,
            key="k-1",
            text="Case 7 is overdue",
            url="/casework/cases/7/",
            created_at=timezone.now(),
        )
        ContentType.objects.filter(app_label="notifications").delete()
        kind, _ = ContentType.objects.get_or_create(app_label="casework", model="notification")

        _migrate(leaves)

        assert Notification._meta.db_table == "casework_notification"
        notice = Notification.objects.get(key="k-1")
        assert (notice.user_id, notice.text) == (user.pk, "Case 7 is overdue")
        moved = ContentType.objects.get(pk=kind.pk)
        assert (moved.app_label, moved.model) == ("notifications", "notification")
    finally:
        _migrate(leaves)
        ContentType.objects.clear_cache()
