from django.apps import AppConfig


class CorrespondenceConfig(AppConfig):
    name = "conduct.correspondence"
    label = "correspondence"
    verbose_name = "Correspondence"

    def ready(self) -> None:
        from conduct.correspondence import demo  # noqa: F401 - registers the demo seed step
