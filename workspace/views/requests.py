"""Requests for negotiation: the list, entering one, its page, and editing it."""

from __future__ import annotations

from datetime import date
from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from agreements import services, triggers
from agreements.models import (
    ArbitrationPetition,
    CarbonCopy,
    ExtensionAgreement,
    NegotiationRequest,
    RequestParty,
)
from carriers.models import Affiliate
from deadlines.models import Deadline, DeadlineKind
from jurisdictions.models import State
from workspace.forms.carriers import affiliate_suggestions
from workspace.forms.requests import (
    ConfirmReceiptForm,
    ExtensionForm,
    MarkSentForm,
    PetitionForm,
    ReceiptForm,
    RequestEntry,
    add_service_errors,
)
from workspace.permissions import require_perm
from workspace.views.common import paginate, query_without_page

VIEW = "agreements.view_negotiationrequest"
ADD = "agreements.add_negotiationrequest"
CHANGE = "agreements.change_negotiationrequest"


@require_perm(VIEW)
def request_list(request: HttpRequest) -> HttpResponse:
    """Every request, newest letter first, filtered by status and state, a page at a time."""
    requests = (
        NegotiationRequest.objects.select_related("counsel")
        .prefetch_related(
            "states",
            Prefetch("parties", queryset=RequestParty.objects.select_related("affiliate")),
            Prefetch(
                "deadlines",
                queryset=Deadline.objects.filter(kind=DeadlineKind.WINDOW_CLOSES)
                .exclude(status=Deadline.Status.SUPERSEDED)
                .order_by("state_id"),
                to_attr="closing",
            ),
        )
        .order_by("-letter_date", "-id")
    )
    status = request.GET.get("status", "")
    if status in NegotiationRequest.Status.values:
        requests = requests.filter(status=status)
    state = request.GET.get("state", "").upper()
    if state:
        requests = requests.filter(states__code=state)
    return render(
        request,
        "agreements/request_list.html",
        {
            "nav": "requests",
            "page": paginate(request, requests),
            "filters": query_without_page(request),
            "statuses": NegotiationRequest.Status.choices,
            "states": State.objects.filter(negotiation_requests__isnull=False).distinct(),
            "status": status,
            "state": state,
        },
    )


@require_perm(ADD)
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    entry = RequestEntry(request.POST or None, user=request.user)
    if request.method == "POST" and entry.is_valid():
        try:
            saved = entry.save(by=request.user)
        except ValidationError as error:
            add_service_errors(entry.form, error)
        else:
            messages.success(request, "Request saved. Preview and generate the letter, then mark it sent.")
            return redirect(saved)
    return _entry_page(request, entry)


@require_perm(CHANGE)
@require_http_methods(["GET", "POST"])
def request_edit(request: HttpRequest, pk: int) -> HttpResponse:
    instance = get_object_or_404(NegotiationRequest, pk=pk)
    entry = RequestEntry(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and entry.is_valid():
        try:
            saved = entry.save(by=request.user)
        except ValidationError as error:
            add_service_errors(entry.form, error)
        else:
            messages.success(request, "Request saved; its deadlines are up to date.")
            return redirect(saved)
    return _entry_page(request, entry)


def _entry_page(request: HttpRequest, entry: RequestEntry) -> HttpResponse:
    return render(
        request,
        "agreements/request_form.html",
        {
            "nav": "requests",
            "entry": entry,
            "subject": entry.instance if entry.editing else None,
            "competitive_suggestions": affiliate_suggestions(Affiliate.Kind.COMPETITIVE),
            "incumbent_suggestions": affiliate_suggestions(Affiliate.Kind.INCUMBENT),
        },
    )


def load_request(pk: int) -> NegotiationRequest:
    """The request with everything its page shows, in a fixed number of queries."""
    return get_object_or_404(
        NegotiationRequest.objects.select_related("counsel__firm", "paralegal").prefetch_related(
            "states",
            Prefetch(
                "parties",
                queryset=RequestParty.objects.select_related("affiliate").order_by("role", "order", "id"),
            ),
            Prefetch("cc_lines", queryset=CarbonCopy.objects.select_related("contact")),
        ),
        pk=pk,
    )


@require_perm(VIEW)
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return request_page(request, load_request(pk))


def request_page(
    request: HttpRequest, subject: NegotiationRequest, status: int = 200, **bound
) -> HttpResponse:
    """The request's page; ``bound`` holds an action form that failed, to show it with its errors."""
    user = request.user
    forms = {
        "sent_form": MarkSentForm(
            initial={
                "sent_on": subject.sent_on or subject.letter_date,
                "tracking_number": subject.tracking_number,
            }
        ),
        "receipt_form": ReceiptForm(
            initial={"received_on": subject.received_on, "confirmed": subject.receipt_confirmed},
            can_confirm=user.has_perm("agreements.confirm_dates"),
        ),
        "confirm_form": ConfirmReceiptForm(),
        "extension_form": ExtensionForm(instance=ExtensionAgreement(request=subject)),
        "petition_form": PetitionForm(instance=ArbitrationPetition(request=subject)),
    }
    forms.update(bound)
    deadlines = list(
        subject.deadlines.select_related("state")
        .exclude(status=Deadline.Status.SUPERSEDED)
        .order_by("state_id", "due_on", "kind")
    )
    petitions = list(
        subject.petitions.select_related("state", "filed_by").prefetch_related(
            Prefetch("deadlines", queryset=Deadline.objects.exclude(status=Deadline.Status.SUPERSEDED))
        )
    )
    for petition in petitions:
        petition.verdict = services.judge(petition)
    changes = list(subject.trigger_changes.select_related("changed_by"))
    for change in changes:
        change.label = _field_label(change.field)
        change.old, change.new = _value(change.old_value), _value(change.new_value)
        change.moved = [_moved(item) for item in change.deadlines_moved or []]
    return render(
        request,
        "agreements/request_detail.html",
        {
            "nav": "requests",
            "subject": subject,
            "deadlines_by_state": [
                (code, list(rows)) for code, rows in groupby(deadlines, lambda d: d.state_id)
            ],
            "extensions": list(subject.extensions.select_related("recorded_by")),
            "petitions": petitions,
            "changes": changes,
            "letters": list(subject.generated_documents.order_by("-version")),
            "agreements": list(subject.agreements.select_related("competitive_party", "incumbent_party")),
            "can_add_petition": user.has_perm("agreements.add_arbitrationpetition"),
            "can_add_extension": user.has_perm("agreements.add_extensionagreement"),
            **forms,
        },
        status=status,
    )


def _field_label(name: str) -> str:
    """“Deemed request date” for deemed_received_on; an extension's kind is recorded as its label already."""
    label = triggers.label(name)
    return label[:1].upper() + label[1:]


def _value(text: str) -> date | str:
    """A recorded old or new value: a date when it is one, so the page can show its weekday."""
    return _day(text) or text


def _moved(item: dict) -> dict:
    """A moved deadline of the history, with its label and real dates for the weekday."""
    try:
        label = DeadlineKind(item.get("kind")).label
    except ValueError:
        label = item.get("kind", "")
    return {
        "label": label,
        "state": item.get("state", ""),
        "old": _day(item.get("old")),
        "new": _day(item.get("new")),
    }


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
