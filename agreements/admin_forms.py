"""Admin forms that ask why a date that drives deadlines is changing."""

from django import forms

from agreements import services
from agreements.models import NegotiationRequest, StateFiling

REASON_HELP = "Required when a date that drives deadlines changes; kept in the history."


class ReasonForm(forms.ModelForm):
    trigger_fields: tuple[str, ...] = ()
    reason = forms.CharField(
        label="Reason for the change", required=False, max_length=300, help_text=REASON_HELP
    )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and any(f in self.changed_data for f in self.trigger_fields):
            stored = (
                type(self.instance).objects.filter(pk=self.instance.pk).values(*self.trigger_fields).first()
            )
            had_dates = stored and any(stored[f] not in (None, False, "") for f in self.trigger_fields)
            if had_dates and not (cleaned.get("reason") or "").strip():
                self.add_error("reason", "Say why this date changes (for example: FedEx proof of delivery).")
        return cleaned


class NegotiationRequestForm(ReasonForm):
    trigger_fields = (
        "sent_on",
        "received_on",
        "receipt_confirmed",
        "deemed_received_on",
        "bona_fide_notice_received_on",
        "delivery_method",
    )

    class Meta:
        model = NegotiationRequest
        fields = [
            "collective_name",
            "states",
            "counsel",
            "paralegal",
            "status",
            "letter_date",
            "delivery_method",
            "tracking_number",
            "sent_on",
            "addressee_name",
            "addressee_short_name",
            "attention",
            "address",
            "salutation",
            "received_on",
            "receipt_confirmed",
            "receipt_proof",
            "deemed_received_on",
            "bona_fide_notice_received_on",
        ]


class StateFilingForm(ReasonForm):
    trigger_fields = ("submitted_on",)

    class Meta:
        model = StateFiling
        fields = [
            "agreement",
            "amendment",
            "state",
            "submitted_on",
            "docket_number",
            "decision",
            "decided_on",
            "order_reference",
            "notes",
        ]


class FilingInlineSaving:
    """Filings entered inline on an agreement or amendment page start their clocks too."""

    def save_formset(self, request, form, formset, change):
        before = {}
        if formset.model is StateFiling:
            before = {
                f.instance.pk: {"submitted_on": f.initial.get("submitted_on")}
                for f in formset.forms
                if f.instance.pk
            }
        super().save_formset(request, form, formset, change)
        if formset.model is StateFiling:
            for filing in formset.new_objects + [obj for obj, _ in formset.changed_objects]:
                services.filing_saved(
                    filing,
                    before.get(filing.pk, {}),
                    by=request.user,
                    reason="edited on the " + form.instance._meta.verbose_name + " page",
                )
