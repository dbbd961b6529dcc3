"""Who negotiates: carrier families, their operating affiliates, contacts, and the counsel who write."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from jurisdictions.dates import say_date
from jurisdictions.models import State


class Carrier(models.Model):
    """A corporate family, e.g. KMC Telecom Holdings, Inc. or CenturyTel, Inc."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(
        max_length=80, blank=True, help_text="How letters name the family, e.g. “KMC Telecom”."
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("carriers:carrier", args=[self.pk])


class Affiliate(models.Model):
    """A legal entity that requests, signs or operates: KMC Telecom III LLC, Spectra Communications, …"""

    class Kind(models.TextChoices):
        INCUMBENT = "incumbent", "Incumbent LEC"
        COMPETITIVE = "competitive", "Competitive LEC"

    carrier = models.ForeignKey(Carrier, on_delete=models.PROTECT, related_name="affiliates")
    legal_name = models.CharField(max_length=200, unique=True, help_text="Current name and legal form.")
    short_name = models.CharField(
        max_length=80, blank=True, help_text="How documents refer to it, e.g. “Spectra” or “BellSouth”."
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    rural = models.BooleanField(
        default=False, help_text="A rural telephone company that may claim the § 251(f)(1) exemption."
    )
    states = models.ManyToManyField(
        State,
        blank=True,
        related_name="affiliates",
        verbose_name="certificated in",
    )
    active = models.BooleanField(default=True)
    notes = models.TextField(blank=True)
    history = HistoricalRecords(m2m_fields=[states])

    class Meta:
        ordering = ["legal_name"]

    def __str__(self) -> str:
        return self.legal_name

    def get_absolute_url(self) -> str:
        return reverse("carriers:affiliate", args=[self.pk])

    @property
    def display_name(self) -> str:
        return self.short_name or self.legal_name

    def name_on(self, day: date) -> str:
        """The name the entity bore on ``day``: a former name whose span covers it, else the current one."""
        # Earliest-ending first, so a day before several renames gets the oldest name.
        for former in sorted(self.former_names.all(), key=lambda f: f.used_until):
            if (former.used_from is None or former.used_from <= day) and former.used_until >= day:
                return former.name
        return self.legal_name


class FormerName(models.Model):
    """A name the affiliate used before a rename or conversion (KMC Telecom III, Inc. → LLC)."""

    affiliate = models.ForeignKey(Affiliate, on_delete=models.CASCADE, related_name="former_names")
    name = models.CharField(max_length=200)
    used_from = models.DateField(null=True, blank=True)
    used_until = models.DateField(
        help_text="Last day the entity bore this name; when the conversion date is unknown, the last date "
        "a document shows it in use."
    )
    reason = models.CharField(
        max_length=200, blank=True, help_text="e.g. converted to a limited liability company"
    )

    class Meta:
        ordering = ["affiliate", "-used_until"]
        constraints = [
            models.UniqueConstraint(fields=["affiliate", "name"], name="former_name_once_per_affiliate"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (until {say_date(self.used_until)})"

    def clean(self) -> None:
        if self.used_from and self.used_until and self.used_from > self.used_until:
            raise ValidationError({"used_until": "The name cannot stop being used before it started."})


class Contact(models.Model):
    """A person letters are copied to or addressed to: “David D. Cole, Senior Vice President, CenturyTel, Inc.”"""

    name = models.CharField(max_length=120)
    suffix = models.CharField(max_length=20, blank=True, help_text="e.g. Esq.")
    title = models.CharField(max_length=120, blank=True)
    organisation = models.CharField(
        max_length=200, blank=True, help_text="As it should appear after the title, e.g. “CenturyTel, Inc.”"
    )
    carrier = models.ForeignKey(
        Carrier, on_delete=models.SET_NULL, null=True, blank=True, related_name="contacts"
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.cc_line

    @property
    def cc_line(self) -> str:
        """As the seed letter's cc list writes it: name[, suffix][, title][, organisation]."""
        return ", ".join(part for part in (self.name, self.suffix, self.title, self.organisation) if part)


class LawFirm(models.Model):
    """The firm on the letterhead, with everything the letterhead shows."""

    name = models.CharField(max_length=200, unique=True)
    legal_form = models.CharField(
        max_length=120, blank=True, help_text="e.g. A Limited Liability Partnership"
    )
    street = models.CharField(max_length=200)
    suite = models.CharField(max_length=100, blank=True)
    city = models.CharField(max_length=100)
    region = models.CharField(max_length=40, help_text="State as the letterhead writes it, e.g. D.C.")
    postal_code = models.CharField(max_length=20)
    phone = models.CharField(max_length=40, blank=True)
    fax = models.CharField(max_length=40, blank=True)
    website = models.CharField(max_length=200, blank=True, help_text="As printed, e.g. www.kelleydrye.com")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def city_line(self) -> str:
        return f"{self.city}, {self.region} {self.postal_code}".strip()


class FirmOffice(models.Model):
    """One line of the letterhead's office column: the firm's own offices, then affiliate offices."""

    class Kind(models.TextChoices):
        OFFICE = "office", "Office"
        AFFILIATE = "affiliate", "Affiliate office"

    firm = models.ForeignKey(LawFirm, on_delete=models.CASCADE, related_name="offices")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OFFICE)
    city = models.CharField(max_length=100)
    region = models.CharField(max_length=100, help_text="State or country as printed, e.g. NY or THAILAND")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["firm", "kind", "order", "id"]

    def __str__(self) -> str:
        return f"{self.city}, {self.region}"


class Counsel(models.Model):
    """An attorney who signs request letters and is responsible for matters."""

    firm = models.ForeignKey(LawFirm, on_delete=models.PROTECT, related_name="attorneys")
    user = models.OneToOneField(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counsel",
        help_text="The login of this attorney, for dashboards and reminders.",
    )
    name = models.CharField(max_length=120)
    direct_line = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    bar_admissions = models.CharField(
        max_length=200,
        blank=True,
        help_text="As printed, e.g. New York, New Jersey and the District of Columbia",
    )
    signature = models.ImageField(
        upload_to="signatures/", blank=True, help_text="PNG or JPEG of the signature."
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "counsel"

    def __str__(self) -> str:
        return self.name
