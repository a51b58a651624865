from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "conduct.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from conduct.audit import personal_data
        from conduct.core.personal_data import EVERY_OTHER, register_provider

        # Payloads are redacted once every record the events describe has gone.
        register_provider(personal_data.RECORD_TYPE, after=(EVERY_OTHER,))
