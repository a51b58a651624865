from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "conduct.letters"
    label = "letters"
    verbose_name = "Letters and police referral packs"
