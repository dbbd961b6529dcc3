"""Admin forms that ask why a date that drives deadlines is changing, and the filings typed inline."""

from django import forms

from accounts.actors import Actor
from accounts.admin_door import InlineRows
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


def save_inline_filings(rows: InlineRows, *, by: Actor, **owner) -> None:
    """Filings entered inline on an agreement's or amendment's page start their clocks too.

    ``owner`` is ``agreement=`` or ``amendment=``, the record the page saved.
    """
    ((field, record),) = owner.items()
    reason = "edited on the " + record._meta.verbose_name + " page"
    for filing in rows.removed:
        services.delete_filing(filing, by=by)
    for form in rows.changed:
        setattr(form.instance, field, record)
        services.save_filing(form.instance, by=by, reason=reason)
