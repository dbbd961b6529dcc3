"""Forms of the workspace for requests, the events that move their clocks, and state filings.

The forms check input with the models' own rules (``full_clean`` runs ``clean()`` and the
constraints); every write is handed to ``agreements.services``. A ValidationError a service
raises comes back to the field it names through ``add_service_errors``, so a rule lives once.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db.models import QuerySet

from accounts.actors import Actor
from accounts.roles import PARALEGAL
from agreements import services
from agreements.models import (
    ArbitrationPetition,
    ExtensionAgreement,
    NegotiationRequest,
    RequestParty,
    StateFiling,
)
from carriers.models import Affiliate, Contact
from jurisdictions.fields import StateCodesField
from workspace.forms.carriers import AffiliateNameField

REASON_HELP = "Kept in the history beside the dates it moves, e.g. “FedEx proof of delivery”."
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
UPLOAD_EXTENSIONS = ["pdf", "png", "jpg", "jpeg", "gif", "tif", "tiff", "txt", "eml", "msg", "doc", "docx"]


class DateInput(forms.DateInput):
    """The browser's own date picker; ISO dates both ways."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_widgets(*names: str) -> dict[str, DateInput]:
    return {name: DateInput() for name in names}


def validate_upload_size(upload) -> None:
    if upload and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"The file is {upload.size // (1024 * 1024)} MB; upload at most {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.",
            code="too_large",
        )


def upload_field(**kwargs) -> forms.FileField:
    return forms.FileField(
        validators=[FileExtensionValidator(UPLOAD_EXTENSIONS), validate_upload_size], **kwargs
    )


def reason_field(required: bool = False, label: str = "Reason for the change") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=300,
        required=required,
        help_text=REASON_HELP,
        widget=forms.TextInput(attrs={"size": 60}),
    )


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: at the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# -- the request and its parties ------------------------------------------------------------------


def paralegal_choices() -> QuerySet:
    User = get_user_model()
    return User.objects.filter(groups__name=PARALEGAL, is_active=True).order_by("first_name", "username")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class RequestForm(forms.ModelForm):
    """The letter's facts: who writes to whom, where, how it goes out."""

    states = StateCodesField(label="States", help_text="Two-letter codes, e.g. MO, or MO, KS.")
    paralegal = UserChoiceField(queryset=paralegal_choices(), required=False)

    class Meta:
        model = NegotiationRequest
        fields = [
            "collective_name",
            "letter_date",
            "delivery_method",
            "counsel",
            "paralegal",
            "addressee_name",
            "addressee_short_name",
            "attention",
            "address",
            "salutation",
        ]
        widgets = {**date_widgets("letter_date"), "address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paralegal"].queryset = paralegal_choices()
        self.fields["counsel"].queryset = self.fields["counsel"].queryset.select_related("firm")
        if self.instance.pk:
            self.initial["states"] = list(self.instance.states.all())


class RequestEditForm(RequestForm):
    """Editing also reaches the status, tracking number and rural notice; a moved trigger needs a reason."""

    reason = reason_field()

    class Meta(RequestForm.Meta):
        fields = RequestForm.Meta.fields + ["tracking_number", "status", "bona_fide_notice_received_on"]
        widgets = {**RequestForm.Meta.widgets, **date_widgets("bona_fide_notice_received_on")}


class PartyForm(forms.Form):
    """One affiliate on one side of the request; an empty row is ignored."""

    def __init__(self, *args, role: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.role = role
        kind = Affiliate.Kind.INCUMBENT if role == RequestParty.Role.INCUMBENT else Affiliate.Kind.COMPETITIVE
        label = "Incumbent affiliate" if role == RequestParty.Role.INCUMBENT else "Requesting affiliate"
        self.fields["affiliate"] = AffiliateNameField(kind=kind, label=label, required=False)

    def clean(self):
        cleaned = super().clean()
        affiliate = cleaned.get("affiliate")
        if affiliate is not None:
            try:
                RequestParty(role=self.role, affiliate=affiliate).clean()
            except ValidationError as error:
                add_service_errors(self, error)
        return cleaned


PartyFormSet = forms.formset_factory(PartyForm, extra=1)


class CarbonCopyForm(forms.Form):
    """One cc line: a contact already on file, or a new one typed here."""

    contact = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Contact on file")
    name = forms.CharField(max_length=120, required=False, label="Or a new contact: name")
    suffix = forms.CharField(max_length=20, required=False, label="Suffix")
    title = forms.CharField(max_length=120, required=False, label="Title")
    organisation = forms.CharField(max_length=200, required=False, label="Organisation")

    def __init__(self, *args, contacts: list[tuple], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].choices = [("", "— choose —"), *contacts]
        self.new_contact: Contact | None = None

    def clean(self):
        cleaned = super().clean()
        typed = {k: cleaned.get(k) or "" for k in ("name", "suffix", "title", "organisation")}
        if cleaned.get("contact") and any(typed.values()):
            raise ValidationError("Choose a contact on file or type a new one, not both.")
        if any(typed.values()):
            contact = Contact(**typed)
            try:
                contact.full_clean(exclude=["carrier"])
            except ValidationError as error:
                add_service_errors(self, error)
            self.new_contact = contact
        return cleaned


CarbonCopyFormSet = forms.formset_factory(CarbonCopyForm, extra=1)


class RequestEntry:
    """The request, its requesting affiliates, its incumbents and its cc list: valid together or not at all."""

    def __init__(self, data=None, *, instance: NegotiationRequest | None = None, user=None):
        self.instance = instance or NegotiationRequest()
        self.editing = self.instance.pk is not None
        form_class = RequestEditForm if self.editing else RequestForm
        initial = {} if self.editing else self._defaults(user)
        self.form = form_class(data, instance=self.instance, initial=initial)
        parties = list(self.instance.parties.select_related("affiliate")) if self.editing else []
        self.requesting = self._parties(data, RequestParty.Role.REQUESTING, parties, extra=3)
        self.incumbents = self._parties(data, RequestParty.Role.INCUMBENT, parties, extra=2)
        contacts = [(c.pk, c.cc_line) for c in Contact.objects.order_by("name")]
        copied = list(self.instance.cc_lines.all()) if self.editing else []
        self.cc = CarbonCopyFormSet(
            data,
            prefix="cc",
            initial=[{"contact": line.contact_id} for line in copied],
            form_kwargs={"contacts": contacts},
        )
        self.cc.extra = 1 if copied else 3
        self.errors: list[str] = []

    @staticmethod
    def _defaults(user) -> dict:
        """A new request is the user's own, and the user's counsel's if the user is counsel."""
        from carriers.models import Counsel

        counsel = Counsel.objects.filter(user=user).first() if user is not None else None
        if counsel is None and Counsel.objects.count() == 1:
            counsel = Counsel.objects.first()
        return {"paralegal": getattr(user, "pk", None), "counsel": getattr(counsel, "pk", None)}

    def _parties(self, data, role: str, parties: list[RequestParty], extra: int):
        mine = [{"affiliate": p.affiliate} for p in parties if p.role == role]
        formset = PartyFormSet(data, prefix=role, initial=mine, form_kwargs={"role": role})
        formset.extra = 1 if mine else extra
        return formset

    @property
    def formsets(self) -> list:
        return [self.requesting, self.incumbents, self.cc]

    def _chosen(self, formset) -> list[Affiliate]:
        return [f.cleaned_data["affiliate"] for f in formset.forms if f.cleaned_data.get("affiliate")]

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        valid = all([formset.is_valid() for formset in self.formsets]) and valid
        if not valid:
            return False
        requesting, incumbents = self._chosen(self.requesting), self._chosen(self.incumbents)
        if not requesting:
            self._missing(self.requesting, "Name at least one requesting affiliate.")
        if not incumbents:
            self._missing(self.incumbents, "Name at least one incumbent affiliate.")
        named = requesting + incumbents
        twice = sorted({a.legal_name for a in named if named.count(a) > 1})
        if twice:
            self.errors.append(f"{'; '.join(twice)} is named more than once; name each affiliate once.")
        contacts = [f.cleaned_data.get("contact") for f in self.cc.forms if f.cleaned_data.get("contact")]
        if len(contacts) != len(set(contacts)):
            self.errors.append("A contact is copied twice; list each person once.")
        return bool(requesting and incumbents and not self.errors)

    def _missing(self, formset, message: str) -> None:
        if formset.forms:
            formset.forms[0].add_error("affiliate", message)
        else:
            self.errors.append(message)

    def save(self, *, by: Actor) -> NegotiationRequest:
        """The request with its states, parties and cc list, in one ``agreements.services.save_request``.

        A ValidationError from the service (a trigger date changed without a reason) rolls it all back.
        """
        request = self.form.save(commit=False)
        parties = [
            (role, affiliate)
            for role, formset in (
                (RequestParty.Role.REQUESTING, self.requesting),
                (RequestParty.Role.INCUMBENT, self.incumbents),
            )
            for affiliate in self._chosen(formset)
        ]
        on_file = Contact.objects.in_bulk(
            [f.cleaned_data["contact"] for f in self.cc.forms if f.cleaned_data.get("contact")]
        )
        cc = [
            form.new_contact
            if form.new_contact is not None
            else on_file.get(form.cleaned_data.get("contact"))
            for form in self.cc.forms
        ]
        services.save_request(
            request,
            states=list(self.form.cleaned_data["states"]),
            parties=parties,
            cc=[contact for contact in cc if contact is not None],
            by=by,
            reason=self.form.cleaned_data.get("reason", ""),
        )
        return request


# -- events of a request --------------------------------------------------------------------------


class ActionForm:
    """Several action forms share the request's page: each gets its own element ids (names stay plain)."""

    id_prefix = "action"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class MarkSentForm(ActionForm, forms.Form):
    id_prefix = "sent"
    sent_on = forms.DateField(label="Sent on", widget=DateInput())
    tracking_number = forms.CharField(max_length=80, required=False, label="Tracking number")


class ReceiptForm(ActionForm, forms.Form):
    """Receipt by the incumbent (day 0). Only counsel may tick “confirmed”."""

    id_prefix = "receipt"

    received_on = forms.DateField(label="Received by the incumbent on", widget=DateInput())
    confirmed = forms.BooleanField(
        required=False, label="Receipt is confirmed (proof on file)", help_text="Counsel only."
    )
    proof = upload_field(
        required=False,
        label="Proof of receipt",
        help_text="e.g. the carrier's proof of delivery (PDF or image).",
    )
    reason = reason_field()

    def __init__(self, *args, can_confirm: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_confirm = can_confirm
        if not can_confirm:
            self.fields[
                "confirmed"
            ].help_text = "Only counsel can confirm receipt; the dates stay estimates until then."

    def clean_confirmed(self) -> bool:
        confirmed = self.cleaned_data.get("confirmed", False)
        if confirmed and not self.can_confirm:
            raise ValidationError(
                "Only counsel can confirm receipt; record the date and counsel will confirm it."
            )
        return confirmed


class ConfirmReceiptForm(ActionForm, forms.Form):
    id_prefix = "confirm"
    reason = reason_field(required=True, label="What proves receipt")
    proof = upload_field(required=False, label="Proof of receipt (if not on file yet)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = (
            "Say what proves receipt, e.g. “FedEx proof of delivery signed 9/9/04”."
        )


class ExtensionForm(ActionForm, forms.ModelForm):
    id_prefix = "extension"
    reason = reason_field()
    document = upload_field(required=False, label="The parties' written agreement")

    class Meta:
        model = ExtensionAgreement
        fields = [
            "kind",
            "agreed_on",
            "deemed_request_date",
            "window_opens_on",
            "window_closes_on",
            "document",
            "notes",
        ]
        widgets = {
            **date_widgets("agreed_on", "deemed_request_date", "window_opens_on", "window_closes_on"),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }


class PetitionForm(ActionForm, forms.ModelForm):
    """A petition to arbitrate, in one of the request's states."""

    id_prefix = "petition"

    class Meta:
        model = ArbitrationPetition
        fields = ["state", "filed_on", "received_by_commission_on", "docket_number", "filed_by"]
        widgets = date_widgets("filed_on", "received_by_commission_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.instance.request
        self.fields["state"].queryset = request.states.all()
        self.fields["state"].label_from_instance = lambda state: state.label
        self.fields["filed_by"].queryset = Affiliate.objects.filter(request_parties__request=request)
        if request.states.count() == 1:
            self.initial.setdefault("state", request.states.first().pk)

    def _post_clean(self) -> None:
        super()._post_clean()
        # The request comes from the page, not from a field, so the form's own unique check leaves
        # out the model's one-petition-per-request-and-state constraint: run it, and answer at the state.
        if "state" in self.cleaned_data:
            try:
                self.instance.validate_constraints()
            except ValidationError:
                self.add_error("state", "A petition in this state is already recorded for this request.")


class FilingForm(forms.ModelForm):
    """A state filing's submission, docket and decision; a moved submission date needs a reason."""

    reason = reason_field()

    class Meta:
        model = StateFiling
        fields = ["submitted_on", "docket_number", "decision", "decided_on", "order_reference", "notes"]
        widgets = {**date_widgets("submitted_on", "decided_on"), "notes": forms.Textarea(attrs={"rows": 2})}


class AsOfForm(forms.Form):
    as_of = forms.DateField(label="As amended on", widget=DateInput())
