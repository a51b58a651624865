from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "conduct.clients"
    label = "clients"
    verbose_name = "Clients"
