"""A form field that takes states the way documents write them: "MS, SC, TN"."""

import re

from django import forms
from django.core.exceptions import ValidationError

from jurisdictions.codes import normalise_state_code
from jurisdictions.models import State


class StateCodesField(forms.CharField):
    """Comma- or space-separated USPS codes → a list of State rows, in the order typed."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Two-letter codes separated by commas, e.g. MS, SC, TN.")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)) or hasattr(value, "all"):
            items = value.all() if hasattr(value, "all") else value
            return ", ".join(str(getattr(item, "code", item)) for item in items)
        return value

    def clean(self, value):
        raw = super().clean(value)
        codes: list[str] = []
        errors: list[str] = []
        for token in re.split(r"[\s,;()]+", raw or ""):
            if not token:
                continue
            try:
                code = normalise_state_code(token)
            except ValueError as exc:
                errors.append(str(exc))
                continue
            if code not in codes:
                codes.append(code)
        if errors:
            raise ValidationError(errors, code="not_a_state")
        if self.required and not codes:
            raise ValidationError("Enter at least one state code, e.g. MO.", code="required")
        states = State.objects.in_bulk(codes)
        return [states[code] for code in codes]
