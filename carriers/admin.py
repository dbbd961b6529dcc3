from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from carriers.models import Affiliate, Carrier, Contact, Counsel, FirmOffice, FormerName, LawFirm


class AffiliateInline(admin.TabularInline):
    model = Affiliate
    fields = ["legal_name", "short_name", "kind", "rural", "states", "active"]
    autocomplete_fields = ["states"]
    extra = 0
    show_change_link = True


@admin.register(Carrier)
class CarrierAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "affiliate_count"]
    search_fields = ["name", "short_name", "affiliates__legal_name"]
    inlines = [AffiliateInline]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(n_affiliates=Count("affiliates"))

    @admin.display(description="affiliates", ordering="n_affiliates")
    def affiliate_count(self, obj):
        return obj.n_affiliates


class FormerNameInline(admin.TabularInline):
    model = FormerName
    extra = 0


@admin.register(Affiliate)
class AffiliateAdmin(SimpleHistoryAdmin):
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


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "suffix", "title", "organisation", "email", "phone"]
    list_filter = ["carrier"]
    search_fields = ["name", "title", "organisation", "email"]
    autocomplete_fields = ["carrier"]


class FirmOfficeInline(admin.TabularInline):
    model = FirmOffice
    extra = 0


class CounselInline(admin.StackedInline):
    model = Counsel
    extra = 0
    autocomplete_fields = ["user"]
    show_change_link = True


@admin.register(LawFirm)
class LawFirmAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "region", "phone", "website"]
    search_fields = ["name", "city"]
    inlines = [FirmOfficeInline, CounselInline]


@admin.register(Counsel)
class CounselAdmin(admin.ModelAdmin):
    list_display = ["name", "firm", "direct_line", "email", "user"]
    list_filter = ["firm"]
    search_fields = ["name", "email", "firm__name"]
    autocomplete_fields = ["firm", "user"]
