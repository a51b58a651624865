from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "conduct.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from conduct.core import logs

        logs.install()
