"""An amendment to one or several interconnection agreements, as the seed amendment is drafted and signed."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from agreements.models import Agreement
from agreements.models.agreement import UsocField
from carriers.models import Affiliate
from jurisdictions.dates import say_date
from jurisdictions.models import State


class Amendment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SIGNED = "signed", "Signed"
        FILED = "filed", "Filed"
        APPROVED = "approved", "Approved"

    agreements = models.ManyToManyField(Agreement, related_name="amendments")
    title = models.CharField(max_length=200, default="Amendment")
    number = models.CharField(max_length=40, blank=True, help_text="e.g. Amendment No. 3, if numbered")
    dated = models.DateField(null=True, blank=True, help_text="The amendment's own date, if it bears one.")
    effective_on = models.DateField(help_text="From this day the agreement reads as amended.")
    schedule_title = models.CharField(
        "Attachment A heading",
        max_length=200,
        blank=True,
        help_text="e.g. SCHEDULE OF KMC HOLDINGS, INC (KMC TELECOM) OPERATING AFFILIATES",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    history = HistoricalRecords(m2m_fields=[agreements])

    class Meta:
        ordering = ["-effective_on", "-id"]

    def __str__(self) -> str:
        label = self.number or self.title
        return f"{label} effective {say_date(self.effective_on)}"

    def get_absolute_url(self) -> str:
        return reverse("amendments:amendment", args=[self.pk])

    def schedule_by_state(self) -> dict[State, list[Affiliate]]:
        """Attachment A read by state: each state and the affiliates operating there, in schedule order."""
        by_state: dict[State, list[Affiliate]] = defaultdict(list)
        for entry in self.schedule.all():
            for state in entry.states.all():
                by_state[state].append(entry.affiliate)
        return dict(sorted(by_state.items(), key=lambda item: item[0].code))

    def schedule_groups(self) -> list[tuple[list[Affiliate], list[State]]]:
        """Attachment A as the seed prints it: states that share the same affiliates form one line."""
        groups: dict[tuple[int, ...], tuple[list[Affiliate], list[State]]] = {}
        for state, affiliates in self.schedule_by_state().items():
            key = tuple(a.pk for a in affiliates)
            groups.setdefault(key, (affiliates, []))[1].append(state)
        return sorted(groups.values(), key=lambda group: group[1][0].code)

    def covered_states(self) -> list[State]:
        """Every state of Attachment A: where the amendment must be submitted under § 252(e)."""
        return list(self.schedule_by_state())


def check_effective_date(effective_on: date | None, agreements) -> list[str]:
    """An amendment cannot take effect before an agreement it amends was made."""
    if not effective_on:
        return []
    return [
        f"The amendment cannot take effect on {say_date(effective_on)}, before the agreement it amends "
        f"({agreement}) was made."
        for agreement in agreements
        if agreement.dated and effective_on < agreement.dated
    ]


class Recital(models.Model):
    """A WHEREAS clause, without the word WHEREAS."""

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="recitals")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"WHEREAS, {self.text[:60]}…"


class Provision(models.Model):
    """A numbered provision of the amendment, as it reads in the signed document."""

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="provisions")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["amendment", "number"], name="provision_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}…"


class RateElementChange(models.Model):
    """A rate element the amendment deletes from, or adds to, every agreement it amends."""

    class Action(models.TextChoices):
        DELETE = "delete", "Delete"
        ADD = "add", "Add"

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="rate_changes")
    action = models.CharField(max_length=6, choices=Action.choices)
    usoc = UsocField()
    attachment = models.CharField(max_length=10, blank=True, help_text="e.g. 2")
    exhibit = models.CharField(max_length=10, blank=True, help_text="e.g. A")
    category = models.CharField(max_length=120, blank=True, help_text="e.g. Local Number Portability charges")
    description = models.CharField(max_length=200, blank=True)
    rate = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    unit = models.CharField(max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["amendment", "action", "usoc"], name="usoc_change_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.usoc}"


class SectionChange(models.Model):
    """A section the amendment adds to, or replaces in, an attachment of the amended agreements."""

    class Action(models.TextChoices):
        ADD = "add", "Add"
        REPLACE = "replace", "Replace"

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="section_changes")
    action = models.CharField(max_length=8, choices=Action.choices, default=Action.ADD)
    attachment = models.CharField(max_length=10, help_text="Attachment number, e.g. 2")
    number = models.CharField("section", max_length=20, help_text="e.g. 7.3")
    title = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["amendment", "attachment", "number"], name="section_change_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} Section {self.number} of Attachment {self.attachment}"


class Signature(models.Model):
    """One party's signature block: the parties sign on different days."""

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="signatures")
    party = models.ForeignKey(Affiliate, on_delete=models.PROTECT, related_name="amendment_signatures")
    signer_name = models.CharField(max_length=120)
    signer_title = models.CharField(max_length=120)
    signed_on = models.DateField(null=True, blank=True, help_text="Leave empty until this party has signed.")
    annotation = models.CharField(
        max_length=80,
        blank=True,
        help_text="Anything handwritten beside the signature, e.g. initials and a date.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["amendment", "party"], name="one_signature_per_party")]

    def __str__(self) -> str:
        return f"{self.party}: {self.signer_name}"

    def clean(self) -> None:
        if self.signed_on and self.signed_on > timezone.localdate():
            raise ValidationError(
                {"signed_on": f"A signature cannot be dated in the future ({say_date(self.signed_on)})."}
            )


class ScheduledAffiliate(models.Model):
    """A line of Attachment A, one affiliate at a time: the states where it operates under the amendment."""

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="schedule")
    affiliate = models.ForeignKey(Affiliate, on_delete=models.PROTECT, related_name="scheduled_in")
    states = models.ManyToManyField(State, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "Attachment A affiliate"
        constraints = [
            models.UniqueConstraint(fields=["amendment", "affiliate"], name="affiliate_scheduled_once"),
        ]

    def __str__(self) -> str:
        return str(self.affiliate)
