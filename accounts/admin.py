from django.contrib import admin

from accounts.models import LoginFailure


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    list_display = ["username", "ip", "at"]
    search_fields = ["username", "ip"]
    list_filter = ["at"]
    readonly_fields = ["username", "ip", "at"]

    def has_add_permission(self, request):
        return False
