from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "conduct.notifications"
    label = "notifications"
    verbose_name = "Notifications"
