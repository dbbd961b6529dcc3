"""What happens to a request after it is entered: sent, received, confirmed, extended, petitioned.

Each action is a POST from the request's page that goes through ``agreements.services``. On an
error the request's page is shown again with the form as typed and the message at its field;
nothing is saved, because the service's transaction rolls back.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET, require_POST

from agreements import services
from agreements.models import ArbitrationPetition, ExtensionAgreement, NegotiationRequest
from jurisdictions.dates import say_date
from workspace.forms.requests import (
    ConfirmReceiptForm,
    ExtensionForm,
    MarkSentForm,
    PetitionForm,
    ReceiptForm,
    add_service_errors,
)
from workspace.permissions import require_perm
from workspace.views.common import stored_file
from workspace.views.requests import CHANGE, VIEW, load_request, request_page


def _moved_message(moved: list[dict]) -> str:
    if not moved:
        return ""
    return f" {len(moved)} deadline{'s' if len(moved) != 1 else ''} moved."


def _attempt(form, action) -> bool:
    """Run a service; its ValidationError goes onto the form and the savepoint is rolled back."""
    try:
        with transaction.atomic():
            action()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


@require_POST
@require_perm(CHANGE)
def mark_sent(request: HttpRequest, pk: int) -> HttpResponse:
    subject = load_request(pk)
    form = MarkSentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        result: dict = {}

        def action():
            result["moved"] = services.mark_sent(
                subject, data["sent_on"], tracking_number=data["tracking_number"], by=request.user
            )

        if _attempt(form, action):
            messages.success(
                request,
                f"Marked sent on {say_date(data['sent_on'])}; the estimated deadlines are below."
                + _moved_message(result["moved"]),
            )
            return redirect(subject)
    return request_page(request, load_request(pk), sent_form=form)


@require_POST
@require_perm(CHANGE)
def record_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    subject = load_request(pk)
    form = ReceiptForm(
        request.POST, request.FILES, can_confirm=request.user.has_perm("agreements.confirm_dates")
    )
    if form.is_valid():
        data = form.cleaned_data
        result: dict = {}

        def action():
            result["moved"] = services.record_receipt(
                subject,
                data["received_on"],
                confirmed=data["confirmed"],
                by=request.user,
                reason=data["reason"],
                proof=data["proof"] or None,
            )

        if _attempt(form, action):
            state = "confirmed" if data["confirmed"] else "recorded (an estimate until counsel confirms it)"
            messages.success(
                request,
                f"Receipt on {say_date(data['received_on'])} {state}." + _moved_message(result["moved"]),
            )
            return redirect(subject)
    return request_page(request, load_request(pk), receipt_form=form)


@require_POST
@require_perm(CHANGE, "agreements.confirm_dates")
def confirm_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """Counsel confirms the receipt date on record: the window narrows from an estimate to the true one."""
    subject = load_request(pk)
    form = ConfirmReceiptForm(request.POST, request.FILES)
    if form.is_valid():
        if subject.received_on is None:
            form.add_error(None, "Record the receipt date first; then confirm it.")
        else:
            data = form.cleaned_data

            def action():
                services.record_receipt(
                    subject,
                    subject.received_on,
                    confirmed=True,
                    by=request.user,
                    reason=data["reason"],
                    proof=data["proof"] or None,
                )

            if _attempt(form, action):
                messages.success(request, f"Receipt on {say_date(subject.received_on)} confirmed.")
                return redirect(subject)
    return request_page(request, load_request(pk), confirm_form=form)


@require_POST
@require_perm(CHANGE, "agreements.add_extensionagreement")
def record_extension(request: HttpRequest, pk: int) -> HttpResponse:
    subject = load_request(pk)
    form = ExtensionForm(request.POST, request.FILES, instance=ExtensionAgreement(request=subject))
    if form.is_valid():
        extension = form.save(commit=False)
        result: dict = {}

        def action():
            result["moved"] = services.record_extension(
                extension, by=request.user, reason=form.cleaned_data["reason"]
            )

        if _attempt(form, action):
            messages.success(request, f"{extension} recorded." + _moved_message(result["moved"]))
            return redirect(subject)
    return request_page(request, load_request(pk), extension_form=form)


VERDICTS = {
    "premature": "premature: it was filed before the window opened (day 135)",
    "timely": "timely: it was filed within the arbitration window",
    "untimely": "untimely: it was filed after the window closed (day 160)",
}


@require_POST
@require_perm(CHANGE, "agreements.add_arbitrationpetition")
def record_petition(request: HttpRequest, pk: int) -> HttpResponse:
    subject = load_request(pk)
    form = PetitionForm(request.POST, instance=ArbitrationPetition(request=subject))
    if form.is_valid():
        petition = form.save(commit=False)
        result: dict = {}

        def action():
            result["verdict"] = services.record_petition(petition, by=request.user)

        if _attempt(form, action):
            verdict = result["verdict"]
            level = messages.SUCCESS if verdict == "timely" else messages.WARNING
            messages.add_message(
                request,
                level,
                f"Petition in {petition.state_id} recorded. It is {VERDICTS.get(verdict, verdict)}.",
            )
            return redirect(petition)
    return request_page(request, load_request(pk), petition_form=form)


@require_GET
@require_perm(VIEW)
def receipt_proof(request: HttpRequest, pk: int) -> HttpResponse:
    subject = get_object_or_404(NegotiationRequest, pk=pk)
    return stored_file(subject.receipt_proof)


@require_GET
@require_perm(VIEW, "agreements.view_extensionagreement")
def extension_document(request: HttpRequest, pk: int, extension_pk: int) -> HttpResponse:
    extension = get_object_or_404(ExtensionAgreement, pk=extension_pk, request_id=pk)
    return stored_file(extension.document)
