from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "conduct.casework"
    label = "casework"
    verbose_name = "Casework"

    def ready(self) -> None:
        from conduct.casework import demo  # noqa: F401 - registers the demo seed steps
        from conduct.casework.queries import marker_texts
        from conduct.clients import markers

        markers.provide(marker_texts)  # the client's API representation shows them
