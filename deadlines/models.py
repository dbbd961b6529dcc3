"""Deadlines as records, the reminders outbox, commission closure days and the audit of trigger changes."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from jurisdictions.dates import say_date
from jurisdictions.models import State


class ClosureDay(models.Model):
    """A day a commission's office is closed beyond the `holidays` package, or open on one of its holidays.

    The package is the base calendar; it lacks, for one, Missouri's Lincoln's Birthday (RSMo 9.010).
    """

    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="closure_days")
    day = models.DateField()
    name = models.CharField(max_length=120, help_text="e.g. Lincoln's Birthday")
    open = models.BooleanField(
        "open on a package holiday",
        default=False,
        help_text="Tick when the commission is OPEN on this day although the holiday calendar closes it.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["state", "day"]
        constraints = [models.UniqueConstraint(fields=["state", "day"], name="one_closure_entry_per_day")]

    def __str__(self) -> str:
        return f"{self.state_id} {self.day:%Y-%m-%d} {'open' if self.open else 'closed'}: {self.name}"


class DeadlineKind(models.TextChoices):
    WINDOW_OPENS = "window_opens", "Arbitration window opens (day 135)"
    WINDOW_CLOSES = "window_closes", "Arbitration window closes (day 160)"
    RESOLUTION_DUE = "resolution_due", "Commission resolves open issues (9 months)"
    RESPONSE_DUE = "response_due", "Response to arbitration petition (25 days)"
    DEEMED_APPROVAL = "deemed_approval", "Deemed approval (§ 252(e)(4))"
    RURAL_EXEMPTION = "rural_exemption_due", "Rural exemption decision (120 days)"


# Deadlines a party must act by; the others are the commission's to meet.
ACT_BY_KINDS = (DeadlineKind.WINDOW_CLOSES, DeadlineKind.RESPONSE_DUE)


class Deadline(models.Model):
    """One statutory date that follows from a trigger (a request, a petition or a filing) in one state."""

    Kind = DeadlineKind

    class Status(models.TextChoices):
        UPCOMING = "upcoming", "Upcoming"
        OPEN = "open", "Window open"
        MET = "met", "Met"
        MISSED = "missed", "Missed"
        WAIVED = "waived", "Waived"
        SUPERSEDED = "superseded", "Superseded"

    ACTIVE = (Status.UPCOMING, Status.OPEN)

    request = models.ForeignKey(
        "agreements.NegotiationRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deadlines",
    )
    petition = models.ForeignKey(
        "agreements.ArbitrationPetition",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deadlines",
    )
    filing = models.ForeignKey(
        "agreements.StateFiling", on_delete=models.CASCADE, null=True, blank=True, related_name="deadlines"
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    citation = models.CharField(max_length=80)
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="deadlines")
    trigger_date = models.DateField(help_text="Day 0 of the clock.")
    due_on = models.DateField("statutory date", help_text="The raw date the statute gives, never adjusted.")
    act_on = models.DateField(
        "business day to act",
        help_text="First filing day for the window's opening, last safe filing day for its closing; "
        "otherwise the statutory date.",
    )
    opens_on = models.DateField(
        null=True, blank=True, help_text="For the window's closing: the day it opens."
    )
    closure = models.CharField(
        max_length=80, blank=True, help_text="Why the commission is closed on the statutory date, if it is."
    )
    estimated = models.BooleanField(
        default=False, help_text="Receipt is not confirmed: the dates are the safe window of an estimate."
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.UPCOMING)
    status_changed_at = models.DateTimeField(default=timezone.now)
    responsible_counsel = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responsible_paralegal = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    watchers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="watched_deadlines")
    history = HistoricalRecords(excluded_fields=["status_changed_at"])

    class Meta:
        ordering = ["act_on", "id"]
        permissions = [("waive_deadline", "Can waive a deadline")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(request__isnull=False, petition__isnull=True, filing__isnull=True)
                    | Q(request__isnull=True, petition__isnull=False, filing__isnull=True)
                    | Q(request__isnull=True, petition__isnull=True, filing__isnull=False)
                ),
                name="deadline_has_one_trigger",
            ),
            models.UniqueConstraint(
                fields=["request", "state", "kind"],
                condition=Q(request__isnull=False),
                name="request_deadline_once",
            ),
            models.UniqueConstraint(
                fields=["petition", "kind"],
                condition=Q(petition__isnull=False),
                name="petition_deadline_once",
            ),
            models.UniqueConstraint(
                fields=["filing", "kind"], condition=Q(filing__isnull=False), name="filing_deadline_once"
            ),
        ]
        indexes = [
            # Serves the status sweep: active deadlines by the day they next change state.
            models.Index(
                fields=["act_on"], condition=Q(status__in=["upcoming", "open"]), name="deadline_active_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.state_id} {say_date(self.due_on)}"

    def get_absolute_url(self) -> str:
        return reverse("deadlines:detail", args=[self.pk])

    @property
    def trigger(self):
        return self.request or self.petition or self.filing


class ReminderPolicy(models.Model):
    """How many days before a deadline of a kind its people are reminded; editable in the admin."""

    kind = models.CharField(max_length=24, choices=DeadlineKind.choices, unique=True)
    lead_days = models.CharField(
        max_length=60,
        help_text="Days before the business day to act, separated by commas, e.g. 30, 14, 7, 3, 1, 0",
    )
    escalate_when_missed = models.BooleanField(
        default=True, help_text="Tell every counsel when a deadline of this kind is missed."
    )

    class Meta:
        verbose_name_plural = "reminder policies"
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.lead_days}"

    def days(self) -> list[int]:
        return sorted(
            {int(part) for part in self.lead_days.replace(" ", "").split(",") if part}, reverse=True
        )

    def clean(self) -> None:
        try:
            days = self.days()
        except ValueError:
            raise ValidationError(
                {"lead_days": "Use whole numbers of days separated by commas, e.g. 14, 7, 1, 0."}
            ) from None
        if any(day < 0 or day > 365 for day in days):
            raise ValidationError({"lead_days": "Each lead time must be between 0 and 365 days."})


MISSED_LEAD = -1  # the lead_days of an escalation, sent once a deadline is missed


class Reminder(models.Model):
    """One reminder to one person: an outbox row, claimed by compare-and-set before it is sent.

    ``next_attempt_at`` is "when to look at me next": the send time while pending, the lease
    expiry while claimed (a worker that died mid-send is retried then), empty once sent.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        CLAIMED = "claimed", "Being sent"
        SENT = "sent", "Sent"
        CANCELLED = "cancelled", "Cancelled"

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    lead_days = models.SmallIntegerField(
        help_text="Days before the deadline; -1 for the missed-deadline escalation."
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.UUIDField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["next_attempt_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["deadline", "lead_days", "recipient"], name="reminder_once"),
        ]
        indexes = [
            # Serves the sweep's claim: due rows only, oldest first.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status__in=["pending", "claimed"]),
                name="reminder_due_idx",
            ),
        ]

    def __str__(self) -> str:
        when = "missed" if self.lead_days == MISSED_LEAD else f"{self.lead_days} days before"
        return f"{self.deadline} → {self.recipient} ({when})"


class Notification(models.Model):
    """The in-app copy of a reminder, shown to its recipient until read."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    reminder = models.OneToOneField(
        Reminder, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return self.message


class DigestSent(models.Model):
    """Claims a counsel's weekly digest before it is sent, so two beats never send it twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week_of = models.DateField(help_text="The Monday of the week.")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "week_of"], name="one_digest_per_week")]

    def __str__(self) -> str:
        return f"digest for {self.user} week of {self.week_of}"


class TriggerChange(models.Model):
    """Who changed a date that drives deadlines, when, from what to what, and why."""

    request = models.ForeignKey(
        "agreements.NegotiationRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="trigger_changes",
    )
    petition = models.ForeignKey(
        "agreements.ArbitrationPetition", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    filing = models.ForeignKey(
        "agreements.StateFiling",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="trigger_changes",
    )
    field = models.CharField(max_length=60)
    old_value = models.CharField(max_length=120, blank=True)
    new_value = models.CharField(max_length=120, blank=True)
    reason = models.CharField(max_length=300)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    deadlines_moved = models.JSONField(
        default=list, blank=True, help_text="Each deadline whose date moved: kind, state, old and new date."
    )

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.field}: {self.old_value or '—'} → {self.new_value or '—'} ({self.reason})"


def iso(day: date | None) -> str:
    return day.isoformat() if day else ""


class CalendarFeed(models.Model):
    """A user's secret, revocable iCalendar subscription URL.

    Only the SHA-256 of the token is stored: a leaked database does not leak working feed URLs, so
    the full URL is shown once, when it is made. Regenerating replaces the hash; revoking deletes the row.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the secret token, hex.")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "calendar feed"

    def __str__(self) -> str:
        return f"calendar feed of {self.user}"
