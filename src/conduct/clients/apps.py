from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "conduct.clients"
    label = "clients"
    verbose_name = "Clients"

    def ready(self) -> None:
        from conduct.clients import personal_data
        from conduct.core.personal_data import register_provider

        # Anonymised, never deleted: everything that points at the client goes first.
        register_provider(personal_data.RECORD_TYPE)
