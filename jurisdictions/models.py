from django.core.exceptions import ValidationError
from django.db import models

from jurisdictions.codes import normalise_state_code


def validate_state_code(value: str) -> None:
    try:
        normalise_state_code(value)
    except ValueError as exc:
        raise ValidationError(str(exc), code="not_a_state") from None


class State(models.Model):
    """A state (or DC, or a territory) and the commission that acts for it under § 252."""

    code = models.CharField(
        "state code",
        max_length=2,
        primary_key=True,
        validators=[validate_state_code],
        help_text="USPS code, e.g. MO.",
    )
    name = models.CharField(max_length=60)
    commission = models.CharField("commission", max_length=120)
    time_zone = models.CharField(
        max_length=40, help_text="IANA zone of the commission's seat; a filing day is a day in this zone."
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})"
