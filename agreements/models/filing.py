"""Submission of an agreement or an amendment to one state commission for approval under § 252(e)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from jurisdictions.dates import say_date
from jurisdictions.models import State


class StateFiling(models.Model):
    class Decision(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        DEEMED_APPROVED = "deemed_approved", "Deemed approved (no action)"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, null=True, blank=True, related_name="filings"
    )
    amendment = models.ForeignKey(
        "amendments.Amendment", on_delete=models.CASCADE, null=True, blank=True, related_name="filings"
    )
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="filings")
    submitted_on = models.DateField(null=True, blank=True, help_text="Leave empty until it is submitted.")
    docket_number = models.CharField(max_length=60, blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_on = models.DateField(null=True, blank=True)
    order_reference = models.CharField(max_length=120, blank=True, help_text="The approving order, if any.")
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["state", "submitted_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(agreement__isnull=False) & Q(amendment__isnull=True))
                | (Q(agreement__isnull=True) & Q(amendment__isnull=False)),
                name="filing_is_of_agreement_or_amendment",
                violation_error_message="A filing is of an agreement or of an amendment: choose exactly one.",
            ),
            models.UniqueConstraint(
                fields=["amendment", "state"],
                condition=Q(amendment__isnull=False),
                name="amendment_filed_once_per_state",
                violation_error_message="This amendment already has a filing in that state.",
            ),
            models.UniqueConstraint(
                fields=["agreement", "state"],
                condition=Q(agreement__isnull=False),
                name="agreement_filed_once_per_state",
                violation_error_message="This agreement already has a filing in that state.",
            ),
        ]

    def __str__(self) -> str:
        subject = self.amendment or self.agreement
        return f"{subject} — {self.state_id}" + (
            f" docket {self.docket_number}" if self.docket_number else ""
        )

    def get_absolute_url(self) -> str:
        return reverse("agreements:filing", args=[self.pk])

    @property
    def document(self):
        return self.amendment or self.agreement

    def clean(self) -> None:
        errors: dict[str, str] = {}
        today = timezone.localdate()
        if self.submitted_on and self.submitted_on > today:
            errors["submitted_on"] = "The submission date is in the future; record it once it is submitted."
        if self.decided_on and self.submitted_on and self.decided_on < self.submitted_on:
            errors["decided_on"] = (
                f"The commission cannot decide before the submission ({say_date(self.submitted_on)})."
            )
        if self.decision != self.Decision.PENDING and not self.decided_on:
            errors["decided_on"] = "Enter the date of the decision."
        if self.decision != self.Decision.PENDING and not self.submitted_on:
            errors["submitted_on"] = "A decision needs a submission date first."
        if errors:
            raise ValidationError(errors)
