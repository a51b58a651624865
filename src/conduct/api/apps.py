from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "conduct.api"
    label = "api"
    verbose_name = "JSON API"
