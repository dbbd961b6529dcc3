from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from agreements.models import (
    Agreement,
    Attachment,
    CarbonCopy,
    NegotiationRequest,
    RateElement,
    RequestParty,
    Section,
    StateFiling,
)


class RequestPartyInline(admin.TabularInline):
    model = RequestParty
    autocomplete_fields = ["affiliate"]
    extra = 0
    verbose_name_plural = "parties (requesting affiliates and incumbents, in the letter's order)"


class CarbonCopyInline(admin.TabularInline):
    model = CarbonCopy
    autocomplete_fields = ["contact"]
    extra = 0


@admin.register(NegotiationRequest)
class NegotiationRequestAdmin(SimpleHistoryAdmin):
    list_display = [
        "collective_name",
        "addressee_name",
        "state_codes",
        "letter_date",
        "delivery_method",
        "received_on",
        "receipt_confirmed",
        "deemed_received_on",
        "status",
        "counsel",
    ]
    list_filter = ["status", "delivery_method", "receipt_confirmed", "states", "counsel"]
    search_fields = [
        "collective_name",
        "addressee_name",
        "tracking_number",
        "parties__affiliate__legal_name",
        "parties__affiliate__former_names__name",
    ]
    date_hierarchy = "letter_date"
    autocomplete_fields = ["states", "counsel", "paralegal"]
    inlines = [RequestPartyInline, CarbonCopyInline]
    fieldsets = [
        ("Parties", {"fields": ["collective_name", "states", "counsel", "paralegal", "status"]}),
        ("Letter", {"fields": ["letter_date", "delivery_method", "tracking_number", "sent_on"]}),
        (
            "Addressee",
            {"fields": ["addressee_name", "addressee_short_name", "attention", "address", "salutation"]},
        ),
        (
            "Receipt (day 0)",
            {"fields": ["received_on", "receipt_confirmed", "receipt_proof", "deemed_received_on"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("counsel").prefetch_related("states")

    @admin.display(description="states")
    def state_codes(self, obj):
        return ", ".join(state.code for state in obj.states.all())


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    show_change_link = True


class RateElementInline(admin.TabularInline):
    model = RateElement
    fields = ["usoc", "description", "category", "attachment", "exhibit", "rate", "unit", "state"]
    autocomplete_fields = ["state"]
    extra = 0


class AgreementFilingInline(admin.TabularInline):
    model = StateFiling
    fk_name = "agreement"
    fields = ["state", "submitted_on", "docket_number", "decision", "decided_on", "order_reference"]
    autocomplete_fields = ["state"]
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "origin", "state_codes", "effective_on", "expires_on", "status"]
    list_filter = ["origin", "status", "states"]
    search_fields = [
        "competitive_party__legal_name",
        "incumbent_party__legal_name",
        "competitive_party__former_names__name",
        "rate_elements__usoc",
        "filings__docket_number",
    ]
    autocomplete_fields = [
        "competitive_party",
        "incumbent_party",
        "states",
        "adopted_from",
        "negotiation_request",
    ]
    date_hierarchy = "dated"
    inlines = [AttachmentInline, RateElementInline, AgreementFilingInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("competitive_party", "incumbent_party")
            .prefetch_related("states")
        )

    @admin.display(description="states")
    def state_codes(self, obj):
        return ", ".join(state.code for state in obj.states.all())


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "agreement"]
    search_fields = ["number", "title", "agreement__competitive_party__legal_name"]
    autocomplete_fields = ["agreement"]
    inlines = [SectionInline]


@admin.register(RateElement)
class RateElementAdmin(admin.ModelAdmin):
    list_display = ["usoc", "description", "category", "location", "rate", "unit", "state", "agreement"]
    list_filter = ["state", "category"]
    search_fields = ["usoc", "description", "category"]
    autocomplete_fields = ["agreement", "state"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "title"]
    search_fields = ["number", "title", "text"]
    autocomplete_fields = ["attachment"]


@admin.register(StateFiling)
class StateFilingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "state", "submitted_on", "docket_number", "decision", "decided_on"]
    list_filter = ["decision", "state"]
    search_fields = ["docket_number", "order_reference", "notes"]
    autocomplete_fields = ["agreement", "amendment", "state"]
    date_hierarchy = "submitted_on"
