"""The interconnection agreement and the parts of it amendments touch: attachments, sections, rate elements."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from carriers.models import Affiliate
from jurisdictions.dates import say_date
from jurisdictions.models import State

_USOC = re.compile(r"^[A-Z0-9]{1,5}$")


def validate_usoc(value: str) -> None:
    if not _USOC.match(value or ""):
        raise ValidationError(
            f"“{value}” is not a USOC: use one to five capital letters or digits, e.g. LNPCX.", code="usoc"
        )


class UsocField(models.CharField):
    """A USOC, stored upper-case: paralegals type “lnpcx” as often as “LNPCX”."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 5)
        kwargs.setdefault("validators", [validate_usoc])
        kwargs.setdefault("verbose_name", "USOC")
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return value.strip().upper() if isinstance(value, str) else value

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(
            **{"widget": forms.TextInput(attrs={"style": "text-transform: uppercase"}), **kwargs}
        )


class Agreement(models.Model):
    """An interconnection agreement between a competitive and an incumbent carrier, approved under § 252(e)."""

    class Origin(models.TextChoices):
        NEGOTIATED = "negotiated", "Negotiated"
        ARBITRATED = "arbitrated", "Arbitrated"
        ADOPTED = "adopted", "Adopted under § 252(i)"

    class Status(models.TextChoices):
        NEGOTIATING = "negotiating", "Being negotiated"
        EXECUTED = "executed", "Executed"
        FILED = "filed", "Filed for approval"
        APPROVED = "approved", "Approved"
        EXPIRED = "expired", "Expired (month to month)"
        TERMINATED = "terminated", "Terminated"
        SUPERSEDED = "superseded", "Superseded"

    title = models.CharField(max_length=200, default="Interconnection Agreement")
    competitive_party = models.ForeignKey(
        Affiliate,
        on_delete=models.PROTECT,
        related_name="agreements_as_competitive",
        help_text="The requesting (competitive) carrier that signs, e.g. KMC Telecom Holdings, Inc.",
    )
    incumbent_party = models.ForeignKey(
        Affiliate,
        on_delete=models.PROTECT,
        related_name="agreements_as_incumbent",
        help_text="The incumbent that signs, e.g. BellSouth Telecommunications, Inc.",
    )
    states = models.ManyToManyField(State, related_name="agreements", blank=True)
    dated = models.DateField(
        "agreement date", help_text="The date the agreement bears (“dated October 6, 2000”)."
    )
    effective_on = models.DateField(null=True, blank=True)
    term_months = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Initial term in months.")
    expires_on = models.DateField(null=True, blank=True)
    month_to_month_after_expiry = models.BooleanField(
        default=True, help_text="Continues month to month after the initial term until replaced."
    )
    origin = models.CharField(max_length=12, choices=Origin.choices, default=Origin.NEGOTIATED)
    adopted_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adoptions",
        help_text="For a § 252(i) adoption: the approved agreement opted into in its entirety.",
    )
    negotiation_request = models.ForeignKey(
        "agreements.NegotiationRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.EXECUTED)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-dated", "id"]

    def __str__(self) -> str:
        return f"{self.competitive_party} / {self.incumbent_party} dated {say_date(self.dated)}"

    def get_absolute_url(self) -> str:
        return reverse("agreements:agreement", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.competitive_party_id and self.competitive_party_id == self.incumbent_party_id:
            errors["incumbent_party"] = "The two parties must be different carriers."
        if self.effective_on and self.expires_on and self.expires_on <= self.effective_on:
            errors["expires_on"] = "The agreement cannot expire on or before its effective date."
        if self.origin == self.Origin.ADOPTED and not self.adopted_from_id:
            errors["adopted_from"] = "Name the agreement this one adopts under § 252(i)."
        if self.origin != self.Origin.ADOPTED and self.adopted_from_id:
            errors["adopted_from"] = (
                "Only an agreement adopted under § 252(i) adopts another; change the origin."
            )
        if self.pk and self.adopted_from_id == self.pk:
            errors["adopted_from"] = "An agreement cannot adopt itself."
        if errors:
            raise ValidationError(errors)


class Attachment(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="attachments")
    number = models.CharField(max_length=10, help_text="As the agreement numbers it, e.g. 2")
    title = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="attachment_number_unique")
        ]

    def __str__(self) -> str:
        return f"Attachment {self.number}" + (f" — {self.title}" if self.title else "")


class Section(models.Model):
    """A section of an attachment as originally executed; amendments add or replace sections."""

    attachment = models.ForeignKey(Attachment, on_delete=models.CASCADE, related_name="sections")
    number = models.CharField(max_length=20, help_text="e.g. 7 or 7.3")
    title = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["attachment", "number"]
        constraints = [models.UniqueConstraint(fields=["attachment", "number"], name="section_number_unique")]

    def __str__(self) -> str:
        return f"Section {self.number} of Attachment {self.attachment.number}"


class RateElement(models.Model):
    """A priced item of the agreement, identified by its USOC, as originally executed."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="rate_elements")
    attachment = models.CharField(max_length=10, blank=True, help_text="Attachment number, e.g. 2")
    exhibit = models.CharField(max_length=10, blank=True, help_text="Exhibit letter, e.g. A")
    usoc = UsocField()
    description = models.CharField(max_length=200, blank=True)
    category = models.CharField(
        max_length=120,
        blank=True,
        help_text="The heading it sits under, e.g. Local Number Portability charges",
    )
    rate = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    unit = models.CharField(max_length=40, blank=True, help_text="e.g. per month, per occurrence")
    state = models.ForeignKey(
        State,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="Empty when the rate applies everywhere.",
    )

    class Meta:
        ordering = ["agreement", "attachment", "exhibit", "usoc"]
        constraints = [
            # Two partial constraints instead of NULLS NOT DISTINCT, which SQLite lacks.
            models.UniqueConstraint(
                fields=["agreement", "usoc"],
                condition=models.Q(state__isnull=True),
                name="usoc_once_per_agreement",
                violation_error_message="The agreement already has a rate element with this USOC.",
            ),
            models.UniqueConstraint(
                fields=["agreement", "usoc", "state"],
                condition=models.Q(state__isnull=False),
                name="usoc_once_per_agreement_state",
                violation_error_message="The agreement already has a rate element with this USOC in this state.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.usoc} {self.description}".strip()

    @property
    def location(self) -> str:
        parts = []
        if self.exhibit:
            parts.append(f"Exhibit {self.exhibit}")
        if self.attachment:
            parts.append(f"Attachment {self.attachment}")
        return " of ".join(parts)
