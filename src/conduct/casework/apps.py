from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "conduct.casework"
    label = "casework"
    verbose_name = "Casework"

    def ready(self) -> None:
        from conduct.casework import (
            demo,  # noqa: F401 - registers the demo seed steps
            personal_data,
        )
        from conduct.casework.queries import marker_texts
        from conduct.clients import markers
        from conduct.core.personal_data import register_provider

        # Incidents, decisions and the rest point at the client: erased before it.
        register_provider(personal_data.RECORD_TYPE, before=("clients",))
        markers.provide(marker_texts)  # the client's API representation shows them
