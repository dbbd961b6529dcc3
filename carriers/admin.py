from django.contrib import admin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin_door import ThroughServices, rows_of
from carriers import services
from carriers.models import Affiliate, Carrier, Contact, Counsel, FirmOffice, FormerName, LawFirm


class AffiliateInline(admin.TabularInline):
    model = Affiliate
    fields = ["legal_name", "short_name", "kind", "rural", "states", "active"]
    autocomplete_fields = ["states"]
    extra = 0
    show_change_link = True


@admin.register(Carrier)
class CarrierAdmin(ThroughServices, admin.ModelAdmin):
    list_display = ["name", "short_name", "affiliate_count"]
    search_fields = ["name", "short_name", "affiliates__legal_name"]
    inlines = [AffiliateInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_affiliates=Count("affiliates"))

    @admin.display(description="affiliates", ordering="n_affiliates")
    def affiliate_count(self, obj):
        return obj.n_affiliates

    def save_through_service(self, request, obj, form, formsets):
        services.save_carrier(obj, by=request.user)
        affiliates = rows_of(formsets, Affiliate)
        if affiliates is None:
            return
        for affiliate in affiliates.removed:
            services.delete_affiliate(affiliate, by=request.user)
        for row in affiliates.changed:
            row.instance.carrier = obj
            services.save_affiliate(row.instance, states=row.cleaned_data["states"], by=request.user)

    def delete_through_service(self, request, obj):
        services.delete_carrier(obj, by=request.user)


class FormerNameInline(admin.TabularInline):
    model = FormerName
    extra = 0


@admin.register(Affiliate)
class AffiliateAdmin(ThroughServices, SimpleHistoryAdmin):
    list_display = ["legal_name", "short_name", "carrier", "kind", "state_codes", "rural", "active"]
    list_filter = ["kind", "rural", "active", "carrier", "states"]
    search_fields = ["legal_name", "short_name", "former_names__name", "carrier__name"]
    autocomplete_fields = ["carrier", "states"]
    inlines = [FormerNameInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("carrier").prefetch_related("states")

    @admin.display(description="certificated in")
    def state_codes(self, obj):
        return ", ".join(state.code for state in obj.states.all())

    def save_through_service(self, request, obj, form, formsets):
        names = rows_of(formsets, FormerName)
        services.save_affiliate(
            obj,
            states=form.cleaned_data["states"],
            former_names=names.instances if names else None,
            removed_names=names.removed if names else (),
            by=request.user,
        )

    def delete_through_service(self, request, obj):
        services.delete_affiliate(obj, by=request.user)


@admin.register(Contact)
class ContactAdmin(ThroughServices, admin.ModelAdmin):
    list_display = ["name", "suffix", "title", "organisation", "email", "phone"]
    list_filter = ["carrier"]
    search_fields = ["name", "title", "organisation", "email"]
    autocomplete_fields = ["carrier"]

    def save_through_service(self, request, obj, form, formsets):
        services.save_contact(obj, by=request.user)

    def delete_through_service(self, request, obj):
        services.delete_contact(obj, by=request.user)


class FirmOfficeInline(admin.TabularInline):
    model = FirmOffice
    extra = 0


class CounselInline(admin.StackedInline):
    model = Counsel
    extra = 0
    autocomplete_fields = ["user"]
    show_change_link = True


@admin.register(LawFirm)
class LawFirmAdmin(ThroughServices, admin.ModelAdmin):
    list_display = ["name", "city", "region", "phone", "website"]
    search_fields = ["name", "city"]
    inlines = [FirmOfficeInline, CounselInline]

    def save_through_service(self, request, obj, form, formsets):
        offices = rows_of(formsets, FirmOffice)
        services.save_law_firm(
            obj,
            offices=offices.instances if offices else None,
            removed_offices=offices.removed if offices else (),
            by=request.user,
        )
        counsel = rows_of(formsets, Counsel)
        if counsel is None:
            return
        for attorney in counsel.removed:
            services.delete_counsel(attorney, by=request.user)
        for row in counsel.changed:
            row.instance.firm = obj
            services.save_counsel(row.instance, by=request.user)

    def delete_through_service(self, request, obj):
        services.delete_law_firm(obj, by=request.user)


@admin.register(Counsel)
class CounselAdmin(ThroughServices, admin.ModelAdmin):
    list_display = ["name", "firm", "direct_line", "email", "user"]
    list_filter = ["firm"]
    search_fields = ["name", "email", "firm__name"]
    autocomplete_fields = ["firm", "user"]

    def save_through_service(self, request, obj, form, formsets):
        services.save_counsel(obj, by=request.user)

    def delete_through_service(self, request, obj):
        services.delete_counsel(obj, by=request.user)
