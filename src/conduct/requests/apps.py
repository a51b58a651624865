from django.apps import AppConfig


class RequestsConfig(AppConfig):
    name = "conduct.requests"
    label = "requests"
    verbose_name = "Client requests"

    def ready(self) -> None:
        from conduct.core.personal_data import register_provider
        from conduct.requests import (
            demo,  # noqa: F401 - registers the demo step
            personal_data,
        )

        # Requests point at decisions: erased before casework.
        register_provider(personal_data.RECORD_TYPE, before=("casework", "clients"))
