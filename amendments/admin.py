from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin_door import ThroughServices, rows_of
from agreements.admin_forms import save_inline_filings
from agreements.models import StateFiling
from amendments import services
from amendments.as_amended import check_deleted_usocs
from amendments.models import (
    Amendment,
    Provision,
    RateElementChange,
    Recital,
    ScheduledAffiliate,
    SectionChange,
    Signature,
    check_effective_date,
)
from jurisdictions.fields import StateCodesField


class AmendmentForm(forms.ModelForm):
    class Meta:
        model = Amendment
        fields = ["agreements", "title", "number", "dated", "effective_on", "schedule_title", "status"]

    def clean(self):
        cleaned = super().clean()
        errors = check_effective_date(cleaned.get("effective_on"), cleaned.get("agreements") or [])
        if errors:
            self.add_error("effective_on", errors)
        return cleaned


class RateChangeFormSet(forms.BaseInlineFormSet):
    """Deleted USOCs are checked against the agreements chosen on the same page, before anything is saved."""

    def clean(self):
        super().clean()
        agreements = getattr(self.instance, "_chosen_agreements", None)
        if agreements is None:
            agreements = list(self.instance.agreements.all()) if self.instance.pk else []
        effective_on = self.instance.effective_on
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or data.get("action") != RateElementChange.Action.DELETE:
                continue
            usoc = (data.get("usoc") or "").upper()
            errors = check_deleted_usocs([usoc], agreements, before=effective_on)
            if errors:
                form.add_error("usoc", errors)


class RecitalInline(admin.StackedInline):
    model = Recital
    extra = 0
    verbose_name_plural = "WHEREAS recitals"


class ProvisionInline(admin.StackedInline):
    model = Provision
    extra = 0


class RateElementChangeInline(admin.TabularInline):
    model = RateElementChange
    formset = RateChangeFormSet
    extra = 0
    fields = ["action", "usoc", "category", "description", "attachment", "exhibit", "rate", "unit", "order"]


class SectionChangeInline(admin.StackedInline):
    model = SectionChange
    extra = 0


class SignatureInline(admin.TabularInline):
    model = Signature
    autocomplete_fields = ["party"]
    extra = 0


class ScheduledAffiliateForm(forms.ModelForm):
    states = StateCodesField(label="states")

    class Meta:
        model = ScheduledAffiliate
        fields = ["affiliate", "states", "order"]


class ScheduledAffiliateInline(admin.TabularInline):
    model = ScheduledAffiliate
    form = ScheduledAffiliateForm
    autocomplete_fields = ["affiliate"]
    extra = 0
    verbose_name_plural = "Attachment A: operating affiliates and the states where each operates"


class AmendmentFilingInline(admin.TabularInline):
    model = StateFiling
    fk_name = "amendment"
    fields = ["state", "submitted_on", "docket_number", "decision", "decided_on", "order_reference"]
    autocomplete_fields = ["state"]
    extra = 0


@admin.register(Amendment)
class AmendmentAdmin(ThroughServices, SimpleHistoryAdmin):
    form = AmendmentForm
    list_display = ["__str__", "agreement_list", "effective_on", "status", "usocs_changed"]
    list_filter = ["status"]
    search_fields = [
        "title",
        "number",
        "rate_changes__usoc",
        "agreements__competitive_party__legal_name",
        "agreements__incumbent_party__legal_name",
        "filings__docket_number",
    ]
    autocomplete_fields = ["agreements"]
    date_hierarchy = "effective_on"
    inlines = [
        RecitalInline,
        ProvisionInline,
        RateElementChangeInline,
        SectionChangeInline,
        SignatureInline,
        ScheduledAffiliateInline,
        AmendmentFilingInline,
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("agreements__competitive_party", "agreements__incumbent_party", "rate_changes")
        )

    def save_form(self, request, form, change):
        obj = super().save_form(request, form, change)
        # The inline formsets are validated after this and before anything is saved; they need the
        # agreements chosen on this page, which are not in the database yet for a new amendment.
        obj._chosen_agreements = list(form.cleaned_data.get("agreements") or [])
        return obj

    readonly_fields = ["document_link"]

    def save_through_service(self, request, obj, form, formsets):
        """The amendment and its parts in one call of ``save_amendment``; then the filings typed here."""
        parts = services.AmendmentParts()
        for model, name in (
            (Recital, "recitals"),
            (RateElementChange, "rate_changes"),
            (SectionChange, "section_changes"),
            (Signature, "signatures"),
            (Provision, "provisions"),
        ):
            rows = rows_of(formsets, model)
            if rows is not None:
                getattr(parts, name).extend(rows.instances)
                parts.removed.extend(rows.removed)
        schedule = rows_of(formsets, ScheduledAffiliate)
        if schedule is not None:
            parts.schedule = [(row.instance, row.cleaned_data["states"]) for row in schedule.kept]
            parts.removed.extend(schedule.removed)
        services.save_amendment(
            obj, agreements=list(form.cleaned_data["agreements"]), parts=parts, clauses=None, by=request.user
        )
        filings = rows_of(formsets, StateFiling)
        if filings is not None and (filings.changed or filings.removed):
            save_inline_filings(filings, amendment=obj, by=request.user)
            services.settle_status(obj, by=request.user)

    def delete_through_service(self, request, obj):
        services.delete_amendment(obj, by=request.user)

    @admin.display(description="document")
    def document_link(self, obj):
        if not obj.pk:
            return "Save the amendment first."
        return format_html(
            '<a href="{}">Preview, generate and download the amendment</a>',
            reverse("documents:amendment", args=[obj.pk]),
        )

    @admin.display(description="amends")
    def agreement_list(self, obj):
        return "; ".join(str(agreement) for agreement in obj.agreements.all())

    @admin.display(description="USOCs")
    def usocs_changed(self, obj):
        return ", ".join(f"{'−' if c.action == 'delete' else '+'}{c.usoc}" for c in obj.rate_changes.all())
