from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from deadlines import services
from deadlines.models import (
    CalendarFeed,
    ClosureDay,
    Deadline,
    Notification,
    Reminder,
    ReminderPolicy,
    TriggerChange,
)


@admin.register(ClosureDay)
class ClosureDayAdmin(SimpleHistoryAdmin):
    list_display = ["state", "day", "name", "open"]
    list_filter = ["state", "open"]
    search_fields = ["name", "state__code", "state__name"]
    autocomplete_fields = ["state"]
    date_hierarchy = "day"

    def save_model(self, request, obj, form, change):
        n = services.save_closure_day(obj, by=request.user)
        if n:
            messages.info(request, f"Recomputed the business days of {n} matter(s) in {obj.state_id}.")

    def delete_model(self, request, obj):
        services.delete_closure_day(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for closure in queryset:
            services.delete_closure_day(closure, by=request.user)


class ReminderInline(admin.TabularInline):
    model = Reminder
    fields = ["recipient", "lead_days", "status", "next_attempt_at", "sent_at", "attempts", "last_error"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Deadline)
class DeadlineAdmin(SimpleHistoryAdmin):
    list_display = [
        "kind",
        "state",
        "due_on",
        "closure",
        "act_on",
        "status",
        "estimated",
        "trigger_link",
        "responsible_counsel",
    ]
    list_filter = ["status", "kind", "state", "estimated"]
    search_fields = [
        "request__collective_name",
        "request__addressee_name",
        "filing__docket_number",
        "petition__docket_number",
    ]
    date_hierarchy = "act_on"
    readonly_fields = [
        "request",
        "petition",
        "filing",
        "kind",
        "citation",
        "state",
        "trigger_date",
        "due_on",
        "act_on",
        "opens_on",
        "closure",
        "estimated",
        "status",
        "status_changed_at",
    ]
    autocomplete_fields = ["responsible_counsel", "responsible_paralegal", "watchers"]
    inlines = [ReminderInline]
    actions = ["waive_selected"]

    def has_delete_permission(self, request, obj=None):
        # Deadlines follow from their triggers: a wrong one is corrected at its trigger, or waived.
        return False

    def has_add_permission(self, request):
        return False  # deadlines come from their triggers, never by hand

    def save_model(self, request, obj, form, change):
        """Saved with its watchers in ``save_related``, by the service that re-plans its reminders."""

    def save_related(self, request, form, formsets, change):
        services.assign_people(
            form.instance,
            watchers=list(form.cleaned_data["watchers"]),
            by=request.user,
            reason="responsible people changed in the admin",
        )
        for formset in formsets:
            # The reminders inline is read-only: nothing to write, but the admin's log asks what changed.
            formset.save(commit=False)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("state", "request", "petition", "filing", "responsible_counsel")
        )

    @admin.display(description="trigger")
    def trigger_link(self, obj):
        return str(obj.trigger)

    @admin.action(description="Waive the selected deadlines", permissions=["waive"])
    def waive_selected(self, request, queryset):
        for deadline in queryset:
            services.waive(deadline, by=request.user, reason="waived by counsel in the admin")
        self.message_user(request, f"Waived {queryset.count()} deadline(s).")

    def has_waive_permission(self, request):
        return request.user.has_perm("deadlines.waive_deadline")


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(admin.ModelAdmin):
    list_display = ["kind", "lead_days", "escalate_when_missed"]

    def save_model(self, request, obj, form, change):
        services.save_reminder_policy(obj, by=request.user)

    def delete_model(self, request, obj):
        services.delete_reminder_policy(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for policy in queryset:
            services.delete_reminder_policy(policy, by=request.user)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["deadline", "recipient", "lead_days", "status", "next_attempt_at", "sent_at", "attempts"]
    list_filter = ["status", "lead_days"]
    search_fields = ["recipient__username", "recipient__email"]
    readonly_fields = [
        "deadline",
        "recipient",
        "lead_days",
        "status",
        "next_attempt_at",
        "claim_token",
        "attempts",
        "sent_at",
        "last_error",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # The outbox is the record of what was sent: a reminder is cancelled by its deadline, not deleted.
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("deadline__state", "recipient")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """What each person was told, as it was told: visible to the administrator, never rewritten."""

    list_display = ["user", "message", "created_at", "read_at"]
    list_filter = ["read_at"]
    search_fields = ["message", "user__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TriggerChange)
class TriggerChangeAdmin(admin.ModelAdmin):
    list_display = [
        "changed_at",
        "field",
        "old_value",
        "new_value",
        "reason",
        "changed_by",
        "request",
        "filing",
    ]
    list_filter = ["field"]
    search_fields = ["reason", "field"]
    readonly_fields = [
        "request",
        "petition",
        "filing",
        "field",
        "old_value",
        "new_value",
        "reason",
        "changed_by",
        "changed_at",
        "deadlines_moved",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # The audit of trigger changes is kept whole.
        return False


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """Feeds are made by their users on the calendar page; an administrator can only see and revoke them."""

    list_display = ["user", "created_at", "last_used_at"]
    search_fields = ["user__username", "user__email"]
    readonly_fields = ["user", "token_hash", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        services.revoke_feed(obj.user, by=request.user)

    def delete_queryset(self, request, queryset):
        for feed in queryset.select_related("user"):
            services.revoke_feed(feed.user, by=request.user)
