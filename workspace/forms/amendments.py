"""The amendment form of the workspace: the amendment and every part of it, valid together or not at all.

The rules are the amendment's own: ``check_effective_date`` on the amendment,
``as_amended.check_deleted_usocs`` through the admin's ``RateChangeFormSet`` (a USOC deleted must be
in each amended agreement as it read before the amendment took effect), ``Signature.clean`` for
signature dates; ``amendments.services.save_amendment`` checks the first two again.
"""

from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory

from agreements.models import Agreement
from amendments import services
from amendments.admin import RateChangeFormSet
from amendments.as_amended import rate_elements_as_of
from amendments.models import (
    Amendment,
    RateElementChange,
    Recital,
    ScheduledAffiliate,
    SectionChange,
    Signature,
    check_effective_date,
)
from carriers.models import Affiliate
from documents.drafting import clause_values
from documents.models import StandardClause
from jurisdictions.fields import StateCodesField
from workspace.forms.carriers import AffiliateNameField
from workspace.forms.requests import DateInput, add_service_errors, date_widgets


class AgreementChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Agreement) -> str:
        return str(obj)


class AmendmentForm(forms.ModelForm):
    agreements = AgreementChoices(
        queryset=Agreement.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="The agreement or agreements this amendment amends.",
        error_messages={"required": "Choose the agreement this amendment amends."},
    )

    class Meta:
        model = Amendment
        fields = ["agreements", "title", "number", "dated", "effective_on", "schedule_title"]
        widgets = date_widgets("dated", "effective_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreements"].queryset = Agreement.objects.select_related(
            "competitive_party", "incumbent_party"
        ).order_by("competitive_party__legal_name", "-dated")

    def clean(self):
        cleaned = super().clean()
        errors = check_effective_date(cleaned.get("effective_on"), cleaned.get("agreements") or [])
        if errors:
            self.add_error("effective_on", errors)
        return cleaned


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _short(placeholder: str = "", size: int = 6) -> forms.TextInput:
    return forms.TextInput(attrs={"size": size, "placeholder": placeholder})


class RemovableRows(forms.BaseInlineFormSet):
    """“Remove” reads better than Django's “Delete” beside a row that is only taken off the form."""

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove"


class RateChangeRows(RateChangeFormSet, RemovableRows):
    """The admin's check of deleted USOCs, plus: a deleted row takes its place and heading from the agreement.

    Typing only “LNPCX” is enough; the exhibit, attachment and heading the provision quotes are read
    from the rate element as it stood before the amendment took effect.
    """

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        form.fields["action"].choices = [("", "— choose —"), *RateElementChange.Action.choices]

    def clean(self):
        super().clean()
        agreements = getattr(self.instance, "_chosen_agreements", None) or []
        if not agreements or any(form.errors for form in self.forms):
            return
        in_force = {}
        for agreement in agreements:
            for element in rate_elements_as_of(agreement, self.instance.effective_on, inclusive=False):
                in_force.setdefault(element.usoc, element)
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or data.get("action") != RateElementChange.Action.DELETE:
                continue
            element = in_force.get((data.get("usoc") or "").upper())
            if element is None:
                continue
            for name in ("attachment", "exhibit", "category", "description"):
                if not data.get(name):
                    data[name] = getattr(element, name)
                    setattr(form.instance, name, getattr(element, name))


class SignatureForm(forms.ModelForm):
    party = AffiliateNameField(label="Party")

    class Meta:
        model = Signature
        fields = ["party", "signer_name", "signer_title", "signed_on", "annotation"]
        widgets = date_widgets("signed_on")


class ScheduleForm(forms.ModelForm):
    affiliate = AffiliateNameField(kind=Affiliate.Kind.COMPETITIVE, label="Operating affiliate")
    states = StateCodesField(
        label="States", help_text="e.g. AL, LA", widget=forms.TextInput(attrs={"placeholder": "e.g. AL, LA"})
    )

    class Meta:
        model = ScheduledAffiliate
        fields = ["affiliate", "states"]


RecitalFormSet = inlineformset_factory(
    Amendment,
    Recital,
    formset=RemovableRows,
    fields=["text"],
    extra=1,
    can_delete=True,
    widgets={"text": _textarea(2)},
    labels={"text": "WHEREAS,"},  # the recital reads on from the label
)
RateChangeFormSet_ = inlineformset_factory(
    Amendment,
    RateElementChange,
    formset=RateChangeRows,
    fields=["action", "usoc", "category", "description", "attachment", "exhibit", "rate", "unit"],
    extra=1,
    can_delete=True,
    widgets={
        "usoc": forms.TextInput(attrs={"list": "usocs-in-force", "size": 7, "autocomplete": "off"}),
        "attachment": _short("2", 4),
        "exhibit": _short("A", 4),
        "unit": _short("per month", 10),
    },
    help_texts={"attachment": "", "exhibit": "", "category": ""},
)
SectionChangeFormSet = inlineformset_factory(
    Amendment,
    SectionChange,
    formset=RemovableRows,
    fields=["action", "attachment", "number", "title", "text"],
    extra=1,
    can_delete=True,
    widgets={"text": _textarea(3), "attachment": _short("e.g. 2"), "number": _short("e.g. 7.3")},
    help_texts={"attachment": "", "number": ""},
    labels={"attachment": "Attachment", "number": "Section"},
)
SignatureFormSet = inlineformset_factory(
    Amendment, Signature, form=SignatureForm, formset=RemovableRows, extra=1, can_delete=True
)
ScheduleFormSet = inlineformset_factory(
    Amendment, ScheduledAffiliate, form=ScheduleForm, formset=RemovableRows, extra=1, can_delete=True
)


class ClauseForm(forms.Form):
    clauses = forms.ModelMultipleChoiceField(
        queryset=StandardClause.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Clauses that follow the numbered changes",
        help_text="In the clause library's order; placeholders are filled in from the agreement.",
    )
    redraft = forms.BooleanField(
        required=False,
        initial=True,
        label="Draft the numbered provisions from the changes and the chosen standard provisions",
        help_text="Untick to keep the provisions as they read now.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clauses"].queryset = StandardClause.objects.filter(active=True).order_by("order", "key")


def chosen_clauses(amendment: Amendment) -> list[int]:
    """The active clauses an amendment already carries (its provisions quote them), else all of them."""
    active = list(StandardClause.objects.filter(active=True))
    if not amendment.pk:
        return [c.pk for c in active]
    texts = set(amendment.provisions.values_list("text", flat=True))
    if not texts:
        return [c.pk for c in active]
    agreements = list(amendment.agreements.select_related("competitive_party", "incumbent_party"))
    values = clause_values(agreements, amendment.effective_on)
    return [c.pk for c in active if c.fill(values) in texts]


class AmendmentEntry:
    """The amendment and its recitals, changes, signatures, Attachment A and standard provisions."""

    def __init__(self, data=None, *, instance: Amendment | None = None, agreement: Agreement | None = None):
        self.instance = instance or Amendment()
        self.editing = self.instance.pk is not None
        initial = {"agreements": [agreement.pk]} if agreement and not self.editing else {}
        self.form = AmendmentForm(data, instance=self.instance, initial=initial)
        new = not self.editing
        self.recitals = self._rows(RecitalFormSet, data, "recitals", 2 if new else 1)
        self.rate_changes = self._rows(RateChangeFormSet_, data, "rate_changes", 4 if new else 1)
        self.section_changes = self._rows(SectionChangeFormSet, data, "section_changes", 2 if new else 1)
        self.signatures = self._rows(SignatureFormSet, data, "signatures", 2 if new else 1)
        self.schedule = self._rows(ScheduleFormSet, data, "schedule", 3 if new else 1)
        self.clauses = ClauseForm(
            data, initial={"clauses": chosen_clauses(self.instance)}, prefix="provisions"
        )
        self.errors: list[str] = []

    def _rows(self, factory, data, prefix: str, extra: int):
        formset = factory(data, instance=self.instance, prefix=prefix)
        formset.extra = extra
        return formset

    @property
    def formsets(self) -> list:
        return [self.recitals, self.rate_changes, self.section_changes, self.signatures, self.schedule]

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        # The formsets check deleted USOCs against the agreements chosen on this page, as they read
        # before the effective date typed here; without a valid date there is nothing to check against.
        self.instance._chosen_agreements = (
            list(cleaned.get("agreements") or []) if cleaned.get("effective_on") else []
        )
        valid = all([formset.is_valid() for formset in self.formsets]) and valid
        return self.clauses.is_valid() and valid

    @staticmethod
    def _kept(formset) -> tuple[list, list]:
        kept, removed = [], []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None)
            if not data:
                continue  # an empty extra row
            if data.get("DELETE"):
                if form.instance.pk:
                    removed.append(form.instance)
                continue
            kept.append(form)
        return kept, removed

    def parts(self) -> services.AmendmentParts:
        parts = services.AmendmentParts()
        for formset, name in (
            (self.recitals, "recitals"),
            (self.rate_changes, "rate_changes"),
            (self.section_changes, "section_changes"),
            (self.signatures, "signatures"),
        ):
            kept, removed = self._kept(formset)
            getattr(parts, name).extend(form.instance for form in kept)
            parts.removed.extend(removed)
        kept, removed = self._kept(self.schedule)
        parts.schedule = [(form.instance, form.cleaned_data["states"]) for form in kept]
        parts.removed.extend(removed)
        return parts

    def save(self, *, by) -> Amendment:
        """Through ``amendments.services.save_amendment``; its ValidationError lands on the form."""
        clauses = list(self.clauses.cleaned_data["clauses"]) if self.clauses.cleaned_data["redraft"] else None
        return services.save_amendment(
            self.form.save(commit=False),
            agreements=list(self.form.cleaned_data["agreements"]),
            parts=self.parts(),
            clauses=clauses,
            by=by,
        )

    def add_errors(self, error) -> None:
        add_service_errors(self.form, error)


class SignatureDateForm(forms.ModelForm):
    """Record the day one party signed; a date in the future is refused by ``Signature.clean``."""

    class Meta:
        model = Signature
        fields = ["signed_on", "annotation"]
        widgets = date_widgets("signed_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_on"].required = True
        self.fields["signed_on"].error_messages["required"] = "Enter the date this party signed."


class FileEverywhereForm(forms.Form):
    submitted_on = forms.DateField(
        label="Submitted on",
        widget=DateInput(),
        help_text="The day the amendment goes to every commission of Attachment A.",
        error_messages={"required": "Enter the day the amendment was submitted."},
    )
