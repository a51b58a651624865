from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "conduct.letters"
    label = "letters"
    verbose_name = "Letters and police referral packs"

    def ready(self) -> None:
        from conduct.core.personal_data import register_provider
        from conduct.letters import personal_data

        # Letters and packs point at cases, decisions and reviews: erased before casework.
        register_provider(personal_data.RECORD_TYPE, before=("casework", "clients"))
