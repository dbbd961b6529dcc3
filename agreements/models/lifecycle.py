"""Events after the request that move its clocks: extension agreements and arbitration petitions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from carriers.models import Affiliate
from jurisdictions.dates import say_date
from jurisdictions.models import State


class ExtensionAgreement(models.Model):
    """A written agreement of the parties that moves or waives a § 252(b) clock.

    Parties routinely agree to treat a later date as the request date, or set the window
    directly (CPUC A.05-05-027: "from May 1, 2005 through May 26, 2005"), or waive the
    9-month date. The latest agreement of each kind governs.
    """

    class Kind(models.TextChoices):
        DEEMED_REQUEST_DATE = "deemed_request_date", "Deemed request date"
        AGREED_WINDOW = "agreed_window", "Agreed arbitration window"
        WAIVE_RESOLUTION = "waive_resolution", "Waiver of the 9-month resolution date"

    request = models.ForeignKey(
        "agreements.NegotiationRequest", on_delete=models.CASCADE, related_name="extensions"
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    agreed_on = models.DateField(help_text="The date of the parties' written agreement.")
    deemed_request_date = models.DateField(null=True, blank=True)
    window_opens_on = models.DateField(null=True, blank=True)
    window_closes_on = models.DateField(null=True, blank=True)
    document = models.FileField(upload_to="extensions/%Y/", blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} agreed {say_date(self.agreed_on)}"

    def get_absolute_url(self) -> str:
        # Shown on its request's page, beside the dates it moved.
        return reverse("agreements:request", args=[self.request_id]) + f"#extension-{self.pk}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.agreed_on and self.agreed_on > timezone.localdate():
            errors["agreed_on"] = "The agreement's date is in the future; record it once it is signed."
        if self.kind == self.Kind.DEEMED_REQUEST_DATE and not self.deemed_request_date:
            errors["deemed_request_date"] = "Enter the date the parties agreed to treat as the request date."
        if self.kind == self.Kind.AGREED_WINDOW:
            if not self.window_opens_on:
                errors["window_opens_on"] = "Enter the first day of the agreed window."
            if not self.window_closes_on:
                errors["window_closes_on"] = "Enter the last day of the agreed window."
            if (
                self.window_opens_on
                and self.window_closes_on
                and self.window_closes_on < self.window_opens_on
            ):
                errors["window_closes_on"] = "The agreed window cannot close before it opens."
        letter_date = self.request.letter_date if self.request_id else None
        if letter_date and self.deemed_request_date and self.deemed_request_date < letter_date:
            errors["deemed_request_date"] = (
                f"A deemed request date cannot precede the letter's date ({say_date(letter_date)})."
            )
        if errors:
            raise ValidationError(errors)


class ArbitrationPetition(models.Model):
    """A petition to a state commission to arbitrate open issues (§ 252(b)(1))."""

    request = models.ForeignKey(
        "agreements.NegotiationRequest", on_delete=models.CASCADE, related_name="petitions"
    )
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="petitions")
    filed_on = models.DateField(help_text="The day the petition was filed.")
    received_by_commission_on = models.DateField(
        help_text="The day the commission received it; the 25-day response clock runs from here "
        "(an after-hours e-filing is often stamped the next business day)."
    )
    docket_number = models.CharField(max_length=60, blank=True)
    filed_by = models.ForeignKey(Affiliate, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["filed_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "state"], name="one_petition_per_request_state"),
        ]

    def __str__(self) -> str:
        return f"Petition in {self.state_id} filed {say_date(self.filed_on)}"

    def get_absolute_url(self) -> str:
        # Shown on its request's page with its verdict and its response deadline.
        return reverse("agreements:request", args=[self.request_id]) + f"#petition-{self.pk}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.filed_on and self.filed_on > timezone.localdate():
            errors["filed_on"] = "The filing date is in the future; record the petition once it is filed."
        if (
            self.filed_on
            and self.received_by_commission_on
            and self.received_by_commission_on < self.filed_on
        ):
            errors["received_by_commission_on"] = (
                "The commission cannot receive the petition before it is filed."
            )
        if self.request_id and self.filed_on and self.filed_on < self.request.letter_date:
            errors["filed_on"] = "A petition cannot be filed before the request it arbitrates."
        if errors:
            raise ValidationError(errors)
