"""The dashboard's filters and counsel's waiver, as forms with labels and errors at their fields."""

from __future__ import annotations

from datetime import date

from django import forms

from carriers.models import Carrier
from deadlines.services import counsel_users
from jurisdictions.models import State


class CounselChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class StateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


class DeadlineFilters(forms.Form):
    """GET filters shared by the dashboard and the list; invalid values are reported and ignored."""

    state = StateChoiceField(
        State.objects.order_by("code"), to_field_name="code", required=False, empty_label="All states"
    )
    carrier = forms.ModelChoiceField(
        Carrier.objects.order_by("name"), required=False, empty_label="All carriers"
    )
    counsel = CounselChoiceField(
        queryset=None, required=False, empty_label="Any counsel", label="Responsible counsel"
    )
    mine = forms.BooleanField(required=False, label="Only mine", label_suffix="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counsel"].queryset = counsel_users().order_by("last_name", "first_name", "username")

    def values(self) -> dict:
        """Keyword arguments for ``dashboard.filtered``: the valid filters only."""
        self.is_valid()  # fields that fail validation are left out of cleaned_data
        data = self.cleaned_data
        state = data.get("state")
        return {
            "state": state.code if state else None,
            "carrier": data.get("carrier"),
            "counsel": data.get("counsel"),
            "mine": bool(data.get("mine")),
        }


# Months a calendar can be asked for; beyond them "next month" would overflow the date type.
YEARS = range(1990, 2200)


def parse_month(value: str | None, today: date) -> date:
    """``YYYY-MM`` → the first of that month; anything else → the current month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        if year in YEARS:
            return date(year, month, 1)
    except ValueError:
        pass
    return today.replace(day=1)


def parse_day(value: str | None) -> date | None:
    try:
        day = date.fromisoformat(value) if value else None
    except ValueError:
        return None
    return day if day and day.year in YEARS else None


class WaiveForm(forms.Form):
    reason = forms.CharField(
        label="Why is this deadline waived?",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the deadline's history, e.g. “The parties waived the 9-month date by letter of "
        "5 January 2005.”",
        error_messages={"required": "Say why the deadline is waived (e.g. the parties' written waiver)."},
    )
