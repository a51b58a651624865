from django.apps import AppConfig


class RequestsConfig(AppConfig):
    name = "conduct.requests"
    label = "requests"
    verbose_name = "Client requests"

    def ready(self) -> None:
        from conduct.requests import demo  # noqa: F401 - registers the demo step
