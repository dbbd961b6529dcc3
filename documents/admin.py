import json

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin_door import ThroughServices
from documents import services
from documents.models import GeneratedDocument, StandardClause


@admin.register(StandardClause)
class StandardClauseAdmin(ThroughServices, SimpleHistoryAdmin):
    list_display = ["title", "key", "order", "active"]
    list_editable = ["order", "active"]
    list_filter = ["active"]
    search_fields = ["key", "title", "text"]
    prepopulated_fields = {"key": ["title"]}

    def save_through_service(self, request, obj, form, formsets):
        services.save_clause(obj, by=request.user)

    def delete_through_service(self, request, obj):
        services.delete_clause(obj, by=request.user)


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(admin.ModelAdmin):
    """A record: it can be read and downloaded, never edited or deleted here."""

    list_display = [
        "__str__",
        "kind",
        "subject_link",
        "version",
        "format",
        "created_by_name",
        "created_at",
        "download",
    ]
    list_filter = ["kind", "format", "created_at"]
    search_fields = ["sha256", "created_by_name"]
    date_hierarchy = "created_at"
    fields = [
        "kind",
        "subject_link",
        "version",
        "format",
        "download",
        "sha256",
        "size",
        "created_by",
        "created_by_name",
        "created_at",
        "data",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="subject")
    def subject_link(self, obj):
        subject = obj.subject
        return format_html('<a href="{}">{}</a>', subject.get_absolute_url(), subject) if subject else "—"

    @admin.display(description="file")
    def download(self, obj):
        return format_html(
            '<a href="{}">Download {}</a>', reverse("documents:download", args=[obj.pk]), obj.filename
        )

    @admin.display(description="source data (the snapshot it was rendered from)")
    def data(self, obj):
        return format_html(
            "<pre style='white-space: pre-wrap'>{}</pre>", json.dumps(obj.source_data, indent=2)
        )
