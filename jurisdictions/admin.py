from django.contrib import admin

from jurisdictions.models import State


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "commission", "time_zone"]
    search_fields = ["code", "name", "commission"]
    ordering = ["code"]
