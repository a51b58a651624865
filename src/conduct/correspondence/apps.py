from django.apps import AppConfig


class CorrespondenceConfig(AppConfig):
    name = "conduct.correspondence"
    label = "correspondence"
    verbose_name = "Correspondence"

    def ready(self) -> None:
        from conduct.core.personal_data import register_provider
        from conduct.correspondence import (
            demo,  # noqa: F401 - registers the demo seed step
            personal_data,
        )

        # Communications point at incidents: erased before casework.
        register_provider(personal_data.RECORD_TYPE, before=("casework", "clients"))
