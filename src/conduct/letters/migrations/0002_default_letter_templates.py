from typing import Any

from django.db import migrations
from django.utils import timezone


def add_templates(apps: Any, schema_editor: Any) -> None:
    from conduct.letters.defaults import DEFAULT_TEMPLATES

    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    for kind, (subject, body) in DEFAULT_TEMPLATES.items():
        if not LetterTemplate.objects.filter(kind=kind).exists():
            LetterTemplate.objects.create(
                kind=kind,
                version=1,
                subject=subject,
                body=body,
                note="The first version, supplied with Client Conduct.",
                created_at=timezone.now(),
            )


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_letter_templates_letters_police_packs")]

    operations = [migrations.RunPython(add_templates, migrations.RunPython.noop)]
