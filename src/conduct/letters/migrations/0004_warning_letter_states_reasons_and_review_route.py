from typing import Any

from django.db import migrations
from django.utils import timezone

NOTE = {
    "warning": "States the decision's reasons, how to ask for a review and the ombudsman.",
    "warning_review_outcome": "The first version, supplied with Client Conduct.",
    "termination_review_outcome": "The first version, supplied with Client Conduct.",
}


def add_versions(apps: Any, schema_editor: Any) -> None:
    """A new version of each of these kinds, unless its newest version has these words."""
    from conduct.letters.defaults import DEFAULT_TEMPLATES

    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    for kind, note in NOTE.items():
        subject, body = DEFAULT_TEMPLATES[kind]
        newest = LetterTemplate.objects.filter(kind=kind).order_by("-version").first()
        if newest is not None and newest.body == body:
            continue
        LetterTemplate.objects.create(
            kind=kind,
            version=(newest.version + 1) if newest else 1,
            subject=newest.subject if newest else subject,
            body=body,
            note=note,
            created_at=timezone.now(),
        )


class Migration(migrations.Migration):
    dependencies = [("letters", "0003_review_letters_for_warnings_and_terminations")]

    operations = [migrations.RunPython(add_versions, migrations.RunPython.noop)]
