from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "conduct.privacy"
    label = "privacy"
    verbose_name = "Data protection"

    def ready(self) -> None:
        from conduct.privacy import demo  # noqa: F401 - registers the demo seed step
