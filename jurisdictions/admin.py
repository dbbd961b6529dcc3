from django.contrib import admin

from jurisdictions import services
from jurisdictions.models import State


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "commission", "time_zone"]
    search_fields = ["code", "name", "commission"]
    ordering = ["code"]

    def save_model(self, request, obj, form, change):
        services.save_state(obj, by=request.user)

    def delete_model(self, request, obj):
        services.delete_state(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for state in queryset:
            services.delete_state(state, by=request.user)
