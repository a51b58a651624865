from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "conduct.reports"
    label = "reports"
    verbose_name = "Management reports"
