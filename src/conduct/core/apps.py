from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "conduct.core"
    label = "core"
    verbose_name = "Core"
