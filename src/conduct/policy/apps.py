from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "conduct.policy"
    label = "policy"
    verbose_name = "Policy"

    def ready(self) -> None:
        from conduct.policy import checks  # noqa: F401  (registers the system check)
