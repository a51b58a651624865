"""What a user may do comes from their roles alone: clear any superuser flag."""

from typing import Any

from django.conf import settings
from django.db import migrations


def clear_superuser_flags(apps: Any, schema_editor: Any) -> None:
    app_label, model_name = settings.AUTH_USER_MODEL.split(".")
    User = apps.get_model(app_label, model_name)
    User.objects.filter(is_superuser=True).update(is_superuser=False)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_external_identities"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(clear_superuser_flags, migrations.RunPython.noop)]
