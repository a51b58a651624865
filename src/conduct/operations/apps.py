from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "conduct.operations"
    label = "operations"
    verbose_name = "Operations"
