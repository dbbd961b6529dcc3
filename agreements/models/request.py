"""The request for negotiation under § 252(a)–(b): the letter, its delivery, and its receipt."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from carriers.models import Affiliate, Contact, Counsel
from jurisdictions.dates import say_date
from jurisdictions.models import State


class DeliveryMethod(models.TextChoices):
    """How the letter went out; the receipt estimate and the letter's delivery line follow from it."""

    HAND = "hand", "Hand delivery"
    EMAIL = "email", "E-mail"
    FAX = "fax", "Fax"
    OVERNIGHT = "overnight", "Overnight mail"
    CERTIFIED_MAIL = "certified_mail", "Certified mail"
    MAIL = "mail", "First-class mail"


DELIVERY_LINES = {
    DeliveryMethod.HAND: "BY HAND DELIVERY",
    DeliveryMethod.EMAIL: "VIA ELECTRONIC MAIL",
    DeliveryMethod.FAX: "VIA FACSIMILE",
    DeliveryMethod.OVERNIGHT: "VIA OVERNIGHT MAIL",
    DeliveryMethod.CERTIFIED_MAIL: "VIA CERTIFIED MAIL, RETURN RECEIPT REQUESTED",
    DeliveryMethod.MAIL: "VIA FIRST-CLASS MAIL",
}


class NegotiationRequest(models.Model):
    """A competitive carrier's written request that an incumbent negotiate an agreement (day 0 of § 252(b))."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENT = "sent", "Sent"
        RECEIVED = "received", "Received"
        NEGOTIATING = "negotiating", "Negotiating"
        ARBITRATION = "arbitration", "In arbitration"
        CONCLUDED = "concluded", "Agreement reached"
        WITHDRAWN = "withdrawn", "Withdrawn"

    collective_name = models.CharField(
        max_length=120,
        help_text="How the letter names the requesting affiliates together, e.g. “KMC Telecom”.",
    )
    affiliates = models.ManyToManyField(
        Affiliate, through="RequestParty", related_name="negotiation_requests"
    )
    states = models.ManyToManyField(State, related_name="negotiation_requests")
    letter_date = models.DateField()
    delivery_method = models.CharField(max_length=20, choices=DeliveryMethod.choices)
    tracking_number = models.CharField(max_length=80, blank=True)
    sent_on = models.DateField(null=True, blank=True, help_text="Leave empty until the letter has gone out.")
    received_on = models.DateField(
        "received on",
        null=True,
        blank=True,
        help_text="The day the incumbent received the request: day 0 of the § 252(b)(1) clock.",
    )
    receipt_confirmed = models.BooleanField(
        default=False, help_text="Tick when proof of receipt is on file; until then the date is an estimate."
    )
    receipt_proof = models.FileField(upload_to="receipts/%Y/", blank=True)
    deemed_received_on = models.DateField(
        "deemed request date",
        null=True,
        blank=True,
        help_text="A later date the parties agreed in writing to treat as the request date; it replaces receipt.",
    )
    bona_fide_notice_received_on = models.DateField(
        "rural exemption notice received",
        null=True,
        blank=True,
        help_text="For a rural incumbent: the day the state commission received notice of this bona fide "
        "request (§ 251(f)(1)(B), 120 days).",
    )
    counsel = models.ForeignKey(Counsel, on_delete=models.PROTECT, related_name="negotiation_requests")
    paralegal = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    addressee_name = models.CharField(max_length=200, help_text="e.g. CenturyTel, Inc.")
    addressee_short_name = models.CharField(
        max_length=80, blank=True, help_text="For the continuation-page header, e.g. CenturyTel."
    )
    attention = models.CharField(max_length=120, blank=True, help_text="e.g. Carrier Relations")
    address = models.TextField(help_text="Street and city lines, one per line.")
    salutation = models.CharField(max_length=80, default="Dear Sir or Madam:")
    cc = models.ManyToManyField(Contact, through="CarbonCopy", related_name="copied_on", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["-letter_date", "-id"]
        permissions = [("confirm_dates", "Can confirm receipt and deemed request dates")]

    def __str__(self) -> str:
        states = ", ".join(s.code for s in self.states.all()) if self.pk else ""
        return f"{self.collective_name} → {self.addressee_name} ({states}) {self.letter_date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("agreements:request", args=[self.pk])

    @property
    def requesting_affiliates(self) -> list[Affiliate]:
        return [p.affiliate for p in self.parties.all() if p.role == RequestParty.Role.REQUESTING]

    @property
    def incumbent_affiliates(self) -> list[Affiliate]:
        return [p.affiliate for p in self.parties.all() if p.role == RequestParty.Role.INCUMBENT]

    @property
    def delivery_line(self) -> str:
        return DELIVERY_LINES[DeliveryMethod(self.delivery_method)]

    @property
    def trigger_date(self):
        """Day 0 of § 252(b): a deemed request date by agreement wins over actual receipt."""
        return self.deemed_received_on or self.received_on

    def clean(self) -> None:
        errors: dict[str, str] = {}
        today = timezone.localdate()
        if self.letter_date and self.received_on and self.received_on < self.letter_date:
            errors["received_on"] = (
                f"The incumbent cannot have received the request before the letter's date "
                f"({say_date(self.letter_date)}). Check the receipt date or the letter date."
            )
        elif self.received_on and self.received_on > today:
            errors["received_on"] = "The receipt date is in the future; record receipt once it has happened."
        if self.letter_date and self.sent_on and self.sent_on < self.letter_date:
            errors["sent_on"] = f"The letter cannot go out before its date ({say_date(self.letter_date)})."
        if self.receipt_confirmed and not self.received_on:
            errors["receipt_confirmed"] = "Enter the receipt date before marking receipt as confirmed."
        if self.letter_date and self.deemed_received_on and self.deemed_received_on < self.letter_date:
            errors["deemed_received_on"] = (
                f"A deemed request date cannot precede the letter's date ({say_date(self.letter_date)})."
            )
        if errors:
            raise ValidationError(errors)


class RequestParty(models.Model):
    """An affiliate on one side of a request, in the order the letter names it."""

    class Role(models.TextChoices):
        REQUESTING = "requesting", "Requesting carrier"
        INCUMBENT = "incumbent", "Incumbent"

    request = models.ForeignKey(NegotiationRequest, on_delete=models.CASCADE, related_name="parties")
    affiliate = models.ForeignKey(Affiliate, on_delete=models.PROTECT, related_name="request_parties")
    role = models.CharField(max_length=12, choices=Role.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["role", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "affiliate"], name="affiliate_once_per_request"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.affiliate}"

    def clean(self) -> None:
        if self.role == self.Role.INCUMBENT and self.affiliate_id:
            if self.affiliate.kind != Affiliate.Kind.INCUMBENT:
                raise ValidationError(
                    {"affiliate": f"{self.affiliate} is recorded as a competitive carrier, not an incumbent."}
                )


class CarbonCopy(models.Model):
    """One line of the letter's cc list."""

    request = models.ForeignKey(NegotiationRequest, on_delete=models.CASCADE, related_name="cc_lines")
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "cc"
        verbose_name_plural = "cc list"
        constraints = [models.UniqueConstraint(fields=["request", "contact"], name="contact_copied_once")]

    def __str__(self) -> str:
        return self.contact.cc_line
