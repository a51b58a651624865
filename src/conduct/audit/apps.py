from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "conduct.audit"
    label = "audit"
    verbose_name = "Audit trail"
