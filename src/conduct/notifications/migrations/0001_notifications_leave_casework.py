"""Notifications become their own app. The table ``casework_notification`` and its
rows stay where they are: this migration changes only Django's idea of which app
owns the model (casework 0008 drops it from casework's state at the same time)."""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _move_content_type(apps: Any, schema_editor: Any) -> None:
    """Permissions stay attached: the content type changes its app, keeping its id."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if ContentType.objects.filter(app_label="notifications", model="notification").exists():
        return
    ContentType.objects.filter(app_label="casework", model="notification").update(
        app_label="notifications"
    )


def _restore_content_type(apps: Any, schema_editor: Any) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    if ContentType.objects.filter(app_label="casework", model="notification").exists():
        return
    ContentType.objects.filter(app_label="notifications", model="notification").update(
        app_label="casework"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("casework", "0007_text_limits"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Notification",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("key", models.CharField(max_length=120)),
                        ("text", models.CharField(max_length=300)),
                        ("url", models.CharField(blank=True, max_length=200)),
                        ("created_at", models.DateTimeField()),
                        ("read_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="casework_notifications",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "casework_notification",
                        "ordering": ["-created_at", "-pk"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("user", "key"), name="notification_once_per_key"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(_move_content_type, _restore_content_type),
    ]
