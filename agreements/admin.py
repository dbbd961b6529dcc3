from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin_door import ThroughServices, rows_of
from agreements import services
from agreements.admin_forms import NegotiationRequestForm, StateFilingForm, save_inline_filings
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


@admin.register(NegotiationRequest)
class NegotiationRequestAdmin(ThroughServices, SimpleHistoryAdmin):
    form = NegotiationRequestForm
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

    def save_through_service(self, request, obj, form, formsets):
        """The request, its states, parties and cc list in one call: its deadlines are recomputed once."""
        parties = rows_of(formsets, RequestParty)
        cc = rows_of(formsets, CarbonCopy)
        services.save_request(
            obj,
            states=list(form.cleaned_data["states"]),
            parties=(
                [(party.role, party.affiliate) for party in parties.instances]
                if parties is not None
                else [(party.role, party.affiliate) for party in _stored_rows(obj, "parties")]
            ),
            cc=(
                [line.contact for line in cc.instances]
                if cc is not None
                else [line.contact for line in _stored_rows(obj, "cc_lines")]
            ),
            by=request.user,
            reason=form.cleaned_data.get("reason") or "",
        )

    def delete_through_service(self, request, obj):
        services.delete_request(obj, by=request.user)

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


def _stored_rows(obj, name: str) -> list:
    """A record's inline rows as stored, for a save that shows no inlines (a history revert)."""
    return list(getattr(obj, name).order_by("order", "id")) if obj.pk else []


@admin.register(Agreement)
class AgreementAdmin(ThroughServices, SimpleHistoryAdmin):
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

    def save_through_service(self, request, obj, form, formsets):
        services.save_agreement(obj, states=list(form.cleaned_data["states"]), by=request.user)
        attachments = rows_of(formsets, Attachment)
        if attachments is not None:
            for attachment in attachments.removed:
                services.delete_attachment(attachment, by=request.user)
            for row in attachments.changed:
                row.instance.agreement = obj
                services.save_attachment(row.instance, by=request.user)
        elements = rows_of(formsets, RateElement)
        if elements is not None:
            for element in elements.removed:
                services.delete_rate_element(element, by=request.user)
            for row in elements.changed:
                row.instance.agreement = obj
                services.save_rate_element(row.instance, by=request.user)
        filings = rows_of(formsets, StateFiling)
        if filings is not None:
            save_inline_filings(filings, agreement=obj, by=request.user)

    def delete_through_service(self, request, obj):
        services.delete_agreement(obj, by=request.user)


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0


@admin.register(Attachment)
class AttachmentAdmin(ThroughServices, admin.ModelAdmin):
    list_display = ["__str__", "agreement"]
    search_fields = ["number", "title", "agreement__competitive_party__legal_name"]
    autocomplete_fields = ["agreement"]
    inlines = [SectionInline]

    def save_through_service(self, request, obj, form, formsets):
        services.save_attachment(obj, by=request.user)
        sections = rows_of(formsets, Section)
        if sections is not None:
            for section in sections.removed:
                services.delete_section(section, by=request.user)
            for row in sections.changed:
                row.instance.attachment = obj
                services.save_section(row.instance, by=request.user)

    def delete_through_service(self, request, obj):
        services.delete_attachment(obj, by=request.user)


@admin.register(RateElement)
class RateElementAdmin(ThroughServices, admin.ModelAdmin):
    list_display = ["usoc", "description", "category", "location", "rate", "unit", "state", "agreement"]
    list_filter = ["state", "category"]
    search_fields = ["usoc", "description", "category"]
    autocomplete_fields = ["agreement", "state"]

    def save_through_service(self, request, obj, form, formsets):
        services.save_rate_element(obj, by=request.user)

    def delete_through_service(self, request, obj):
        services.delete_rate_element(obj, by=request.user)


@admin.register(Section)
class SectionAdmin(ThroughServices, admin.ModelAdmin):
    list_display = ["__str__", "title"]
    search_fields = ["number", "title", "text"]
    autocomplete_fields = ["attachment"]

    def save_through_service(self, request, obj, form, formsets):
        services.save_section(obj, by=request.user)

    def delete_through_service(self, request, obj):
        services.delete_section(obj, by=request.user)


@admin.register(StateFiling)
class StateFilingAdmin(ThroughServices, SimpleHistoryAdmin):
    form = StateFilingForm
    list_display = ["__str__", "state", "submitted_on", "docket_number", "decision", "decided_on"]
    list_filter = ["decision", "state"]
    search_fields = ["docket_number", "order_reference", "notes"]
    autocomplete_fields = ["agreement", "amendment", "state"]
    date_hierarchy = "submitted_on"

    def save_through_service(self, request, obj, form, formsets):
        services.save_filing(obj, by=request.user, reason=form.cleaned_data.get("reason") or "")

    def delete_through_service(self, request, obj):
        services.delete_filing(obj, by=request.user)


@admin.register(ExtensionAgreement)
class ExtensionAgreementAdmin(ThroughServices, SimpleHistoryAdmin):
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

    def save_through_service(self, request, obj, form, formsets):
        services.record_extension(
            obj, by=request.user, reason=obj.notes or f"{obj.get_kind_display()} recorded"
        )

    def delete_through_service(self, request, obj):
        services.delete_extension(obj, by=request.user)


@admin.register(ArbitrationPetition)
class ArbitrationPetitionAdmin(ThroughServices, SimpleHistoryAdmin):
    list_display = ["request", "state", "filed_on", "received_by_commission_on", "docket_number", "verdict"]
    list_filter = ["state"]
    search_fields = ["docket_number", "request__collective_name"]
    autocomplete_fields = ["request", "state", "filed_by"]

    def save_through_service(self, request, obj, form, formsets):
        services.record_petition(obj, by=request.user)

    def delete_through_service(self, request, obj):
        services.delete_petition(obj, by=request.user)

    @admin.display(description="timeliness")
    def verdict(self, obj):
        return services.judge(obj)
