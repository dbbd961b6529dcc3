"""The documents the firm sends and signs: generated records, and the clause library amendments draw on."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

# Placeholders a standard clause may use; anything else is refused, because a clause is filled in by
# plain substitution and never by str.format (which would let a clause reach into Python objects).
CLAUSE_PLACEHOLDERS = {
    "agreement_date": "the date(s) of the amended agreement(s), e.g. October 6, 2000",
    "agreement_term": "“Agreement”, or “Agreements” when one amendment amends several",
    "effective_date": "the amendment's effective date, e.g. September 14, 2004",
    "competitive_party": "the competitive party's short name, e.g. KMC Telecom",
    "incumbent_party": "the incumbent's short name, e.g. BellSouth",
}
PLACEHOLDER = re.compile(r"\{(\w+)\}")
_BRACES = re.compile(r"\{([^{}]*)\}")


def validate_clause_text(text: str) -> None:
    unknown = sorted({name for name in _BRACES.findall(text or "") if name not in CLAUSE_PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            f"Unknown placeholder {', '.join('{' + name + '}' for name in unknown)}; "
            f"use {', '.join('{' + name + '}' for name in CLAUSE_PLACEHOLDERS)}."
        )


class StandardClause(models.Model):
    """A standard provision every amendment carries after its changes, e.g. “all other provisions unchanged”."""

    key = models.SlugField(max_length=60, unique=True, help_text="A stable name, e.g. other-provisions")
    title = models.CharField(max_length=200)
    text = models.TextField(
        validators=[validate_clause_text],
        help_text="Placeholders: " + "; ".join(f"{{{k}}} — {v}" for k, v in CLAUSE_PLACEHOLDERS.items()),
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    active = models.BooleanField(default=True, help_text="Only active clauses go into new amendments.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "key"]

    def __str__(self) -> str:
        return self.title

    def fill(self, values: dict[str, str]) -> str:
        """The clause with its placeholders replaced; an unknown placeholder stays as typed."""
        return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), self.text)


class GeneratedDocument(models.Model):
    """A final letter or amendment as generated: the file, its digest, and the data it was made from.

    The row and its file are never changed after creation; generating again makes the next version.
    """

    class Kind(models.TextChoices):
        LETTER = "letter", "Request for negotiation"
        AMENDMENT = "amendment", "Amendment"

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (DOCX)"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    negotiation_request = models.ForeignKey(
        "agreements.NegotiationRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="generated_documents",
    )
    amendment = models.ForeignKey(
        "amendments.Amendment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="generated_documents",
    )
    version = models.PositiveIntegerField(help_text="1, 2, … for each document generated from the subject.")
    format = models.CharField(max_length=4, choices=Format.choices)
    file = models.FileField(upload_to="documents/", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveIntegerField(help_text="Bytes.")
    source_data = models.JSONField(help_text="The snapshot of the records the document was rendered from.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by_name = models.CharField(
        max_length=150, blank=True, help_text="The username, kept if the user is later removed."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("generate_document", "Can generate final letters and amendments")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="letter", negotiation_request__isnull=False, amendment__isnull=True)
                    | Q(kind="amendment", negotiation_request__isnull=True, amendment__isnull=False)
                ),
                name="generated_document_has_one_subject",
                violation_error_message="A letter belongs to a request and an amendment to an amendment.",
            ),
            models.UniqueConstraint(
                fields=["negotiation_request", "version"],
                condition=Q(negotiation_request__isnull=False),
                name="letter_version_unique",
            ),
            models.UniqueConstraint(
                fields=["amendment", "version"],
                condition=Q(amendment__isnull=False),
                name="amendment_version_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.subject_id} v{self.version} ({self.get_format_display()})"

    def get_absolute_url(self) -> str:
        return reverse("documents:download", args=[self.pk])

    @property
    def subject(self):
        return self.negotiation_request if self.kind == self.Kind.LETTER else self.amendment

    @property
    def subject_id(self) -> int | None:
        return self.negotiation_request_id if self.kind == self.Kind.LETTER else self.amendment_id

    @property
    def filename(self) -> str:
        """The name the browser saves it under, e.g. request-7-letter-v2.pdf."""
        prefix = "request" if self.kind == self.Kind.LETTER else "amendment"
        return f"{prefix}-{self.subject_id}-{self.kind}-v{self.version}.{self.format}"
