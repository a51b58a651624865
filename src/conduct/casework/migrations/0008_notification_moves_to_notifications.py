"""The Notification model now belongs to ``conduct.notifications`` (its 0001). The
table and its rows stay; only casework's migration state forgets the model."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0007_text_limits"),
        ("notifications", "0001_notifications_leave_casework"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Notification")],
            database_operations=[],
        ),
    ]
