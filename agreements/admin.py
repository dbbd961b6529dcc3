from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from agreements import services
from agreements.admin_forms import FilingInlineSaving, NegotiationRequestForm, StateFilingForm
from agreements.models import (
    Agreement,
    ArbitrationPetition,
    Attachment,
    CarbonCopy,
    ExtensionAgreement,
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


class TriggerSavingAdmin(SimpleHistoryAdmin):
    """Saves go through the services so deadlines are recomputed after the M2M and inlines are saved."""

    trigger_fields: tuple[str, ...] = ()

    def save_model(self, request, obj, form, change):
        obj._before = (
            type(obj).objects.filter(pk=obj.pk).values(*self.trigger_fields).first() or {} if obj.pk else {}
        )
        obj._change_reason = form.cleaned_data.get("reason") or None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.after_save(
            form.instance, form.instance._before, request.user, form.cleaned_data.get("reason") or ""
        )


@admin.register(NegotiationRequest)
class NegotiationRequestAdmin(TriggerSavingAdmin):
    form = NegotiationRequestForm
    trigger_fields = NegotiationRequestForm.trigger_fields
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
        (
            "Parties",
            {"fields": ["collective_name", "states", "counsel", "paralegal", "status", "letter_link"]},
        ),
        ("Letter", {"fields": ["letter_date", "delivery_method", "tracking_number", "sent_on"]}),
        (
            "Addressee",
            {"fields": ["addressee_name", "addressee_short_name", "attention", "address", "salutation"]},
        ),
        (
            "Receipt (day 0)",
            {
                "fields": [
                    "received_on",
                    "receipt_confirmed",
                    "receipt_proof",
                    "deemed_received_on",
                    "bona_fide_notice_received_on",
                    "reason",
                ]
            },
        ),
    ]
    readonly_fields = ["letter_link"]

    def after_save(self, obj, before, user, reason):
        services.request_saved(obj, before, by=user, reason=reason)

    @admin.display(description="request letter")
    def letter_link(self, obj):
        if not obj.pk:
            return "Save the request first."
        return format_html(
            '<a href="{}">Preview, generate and download the letter</a>',
            reverse("documents:letter", args=[obj.pk]),
        )

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
class AgreementAdmin(FilingInlineSaving, SimpleHistoryAdmin):
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
class StateFilingAdmin(TriggerSavingAdmin):
    form = StateFilingForm
    trigger_fields = StateFilingForm.trigger_fields
    list_display = ["__str__", "state", "submitted_on", "docket_number", "decision", "decided_on"]
    list_filter = ["decision", "state"]
    search_fields = ["docket_number", "order_reference", "notes"]
    autocomplete_fields = ["agreement", "amendment", "state"]
    date_hierarchy = "submitted_on"

    def after_save(self, obj, before, user, reason):
        services.filing_saved(obj, before, by=user, reason=reason)


@admin.register(ExtensionAgreement)
class ExtensionAgreementAdmin(SimpleHistoryAdmin):
    list_display = [
        "request",
        "kind",
        "agreed_on",
        "deemed_request_date",
        "window_opens_on",
        "window_closes_on",
    ]
    list_filter = ["kind"]
    search_fields = ["request__collective_name", "request__addressee_name", "notes"]
    autocomplete_fields = ["request"]
    exclude = ["recorded_by", "recorded_at"]

    def save_model(self, request, obj, form, change):
        services.record_extension(
            obj, by=request.user, reason=obj.notes or f"{obj.get_kind_display()} recorded"
        )


@admin.register(ArbitrationPetition)
class ArbitrationPetitionAdmin(SimpleHistoryAdmin):
    list_display = ["request", "state", "filed_on", "received_by_commission_on", "docket_number", "verdict"]
    list_filter = ["state"]
    search_fields = ["docket_number", "request__collective_name"]
    autocomplete_fields = ["request", "state", "filed_by"]

    def save_model(self, request, obj, form, change):
        services.record_petition(obj, by=request.user)

    @admin.display(description="timeliness")
    def verdict(self, obj):
        return services.judge(obj)
