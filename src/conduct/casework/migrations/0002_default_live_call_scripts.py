from typing import Any

from django.db import migrations


def add_scripts(apps: Any, schema_editor: Any) -> None:
    from conduct.casework.scripts import DEFAULT_SCRIPTS

    Script = apps.get_model("casework", "Script")
    for key, (title, text) in DEFAULT_SCRIPTS.items():
        Script.objects.get_or_create(key=key, defaults={"title": title, "text": text})


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_incidents_cases_decisions_restrictions")]

    operations = [migrations.RunPython(add_scripts, migrations.RunPython.noop)]
