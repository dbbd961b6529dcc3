from django.contrib import admin

from accounts import services
from accounts.models import LoginFailure


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    """Failures are recorded by the login page; an administrator may only read them, or delete them to
    lift a lockout early."""

    list_display = ["username", "ip", "at"]
    search_fields = ["username", "ip"]
    list_filter = ["at"]
    readonly_fields = ["username", "ip", "at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        services.delete_login_failures([obj], by=request.user)

    def delete_queryset(self, request, queryset):
        services.delete_login_failures(list(queryset), by=request.user)
