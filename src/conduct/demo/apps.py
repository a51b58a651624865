from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "conduct.demo"
    label = "demo"
    verbose_name = "Demo organisation"
