"""Picking an affiliate by name: what a paralegal types, or chooses from the autocomplete list."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy

from carriers.models import Affiliate, FormerName


class AffiliateNameField(forms.CharField):
    """A text box that resolves to one Affiliate.

    The name is matched, case-insensitively, against the legal name, then a former name (documents
    name entities as they were then called: "KMC Telecom III, Inc."), then a short name when only
    one affiliate bears it. The browser's <datalist> offers the suggestions; this field decides.
    """

    def __init__(self, *, kind: str = "", **kwargs):
        self.kind = kind
        kwargs.setdefault("max_length", 200)
        attrs = {
            "autocomplete": "off",
            "data-autocomplete": reverse_lazy("carriers:affiliate-autocomplete"),
            "list": f"affiliates-{kind or 'all'}",
        }
        if kind:
            attrs["data-kind"] = kind
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)

    def prepare_value(self, value) -> str:
        if isinstance(value, Affiliate):
            return value.legal_name
        if isinstance(value, int):
            found = Affiliate.objects.filter(pk=value).values_list("legal_name", flat=True).first()
            return found or ""
        return value

    def clean(self, value) -> Affiliate | None:
        name = super().clean(value)
        if not name:
            return None
        found = Affiliate.objects.filter(legal_name__iexact=name).first()
        if found is None:
            former = FormerName.objects.filter(name__iexact=name).select_related("affiliate").first()
            found = former.affiliate if former else None
        if found is None:
            same = list(Affiliate.objects.filter(short_name__iexact=name)[:5])
            if len(same) > 1:
                raise ValidationError(
                    f"Several affiliates are called “{name}”: "
                    + "; ".join(a.legal_name for a in same)
                    + ". Type the full legal name.",
                    code="ambiguous",
                )
            found = same[0] if same else None
        if found is None:
            raise ValidationError(
                f"No affiliate is named “{name}”. Choose one of the suggestions, or add it under Carriers first.",
                code="unknown",
            )
        return found


def affiliate_suggestions(kind: str = "", limit: int = 300) -> list[Affiliate]:
    """The server-side datalist: enough to pick from without JavaScript, capped for a large book."""
    affiliates = Affiliate.objects.filter(active=True).select_related("carrier").order_by("legal_name")
    if kind:
        affiliates = affiliates.filter(kind=kind)
    return list(affiliates[:limit])
