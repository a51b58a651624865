from django.contrib import admin

from conduct.casework.models import Script


@admin.register(Script)
class ScriptAdmin(admin.ModelAdmin[Script]):
    """Admins edit the words of the live-call guide; every other record changes through services."""

    list_display = ("key", "title")
    readonly_fields = ("key",)

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
