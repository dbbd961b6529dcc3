"""Agreements: the list, and an agreement's page as amended on a date (``?as_of=YYYY-MM-DD``).

The page's query count does not grow with the size of the book: the agreement's amendments are
read once (``amendments_in_force``) and handed to the as-amended computations.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import groupby

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from agreements.models import Agreement, StateFiling
from amendments.as_amended import amendments_in_force, rate_elements_as_of, sections_as_of
from deadlines.models import Deadline
from documents.models import GeneratedDocument
from jurisdictions.models import State
from workspace.forms.requests import AsOfForm
from workspace.permissions import require_perm
from workspace.views.common import paginate, query_without_page

VIEW = "agreements.view_agreement"


@require_GET
@require_perm(VIEW)
def agreement_list(request: HttpRequest) -> HttpResponse:
    agreements = (
        Agreement.objects.select_related("competitive_party", "incumbent_party")
        .prefetch_related("states")
        .annotate(amendment_count=Count("amendments", distinct=True))
        .order_by("-dated", "id")
    )
    status = request.GET.get("status", "")
    if status in Agreement.Status.values:
        agreements = agreements.filter(status=status)
    state = request.GET.get("state", "").upper()
    if state:
        agreements = agreements.filter(states__code=state)
    return render(
        request,
        "agreements/agreement_list.html",
        {
            "nav": "agreements",
            "page": paginate(request, agreements),
            "filters": query_without_page(request),
            "statuses": Agreement.Status.choices,
            "states": State.objects.filter(agreements__isnull=False).distinct(),
            "status": status,
            "state": state,
        },
    )


def read_as_of(request: HttpRequest) -> tuple[date, str, AsOfForm]:
    """The day asked for, or today with a message saying why the asked-for day was not used."""
    today = timezone.localdate()
    raw = request.GET.get("as_of", "").strip()
    if not raw:
        return today, "", AsOfForm(initial={"as_of": today})
    form = AsOfForm({"as_of": raw})
    if form.is_valid():
        return form.cleaned_data["as_of"], "", form
    message = f"“{raw[:40]}” is not a date; use YYYY-MM-DD, e.g. 2004-09-14. Showing the agreement as amended today."
    return today, message, AsOfForm(initial={"as_of": today})


@require_GET
@require_perm(VIEW)
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(
        Agreement.objects.select_related(
            "competitive_party__carrier",
            "incumbent_party__carrier",
            "negotiation_request",
            "adopted_from__competitive_party",
            "adopted_from__incumbent_party",
        ).prefetch_related("states"),
        pk=pk,
    )
    as_of, as_of_error, as_of_form = read_as_of(request)
    # Every amendment once, oldest first, with its changes; the ones in force are a slice of it.
    amendments = amendments_in_force(agreement, None)
    in_force = [a for a in amendments if a.effective_on <= as_of]
    for amendment in amendments:
        amendment.in_force = amendment.effective_on <= as_of
    amendment_ids = [a.pk for a in amendments]
    filings = list(
        StateFiling.objects.filter(Q(agreement=agreement) | Q(amendment_id__in=amendment_ids))
        .select_related("state", "amendment")
        .prefetch_related(
            Prefetch("deadlines", queryset=Deadline.objects.exclude(status=Deadline.Status.SUPERSEDED))
        )
        .order_by("state_id", "submitted_on", "id")
    )
    documents = list(
        GeneratedDocument.objects.filter(amendment_id__in=amendment_ids)
        .select_related("amendment")
        .order_by("amendment__effective_on", "-version")
    )
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "nav": "agreements",
            "agreement": agreement,
            "as_of": as_of,
            "as_of_error": as_of_error,
            "as_of_form": as_of_form,
            "is_today": as_of == timezone.localdate(),
            "amendments": amendments,
            "in_force": in_force,
            "rate_elements": rate_elements_as_of(agreement, as_of, amendments=in_force),
            "sections": sections_as_of(agreement, as_of, amendments=in_force),
            "filings_by_state": [(code, list(rows)) for code, rows in groupby(filings, lambda f: f.state_id)],
            "documents": documents,
            "milestones": _milestones(amendments),
        },
    )


def _milestones(amendments: list) -> list[tuple[str, date]]:
    """Quick links of the date picker: the day before each amendment took effect, and the day itself."""
    days: list[tuple[str, date]] = []
    for amendment in amendments:
        label = amendment.number or amendment.title
        days.append((f"before {label}", amendment.effective_on - timedelta(days=1)))
        days.append((f"from {label}", amendment.effective_on))
    return days


@require_GET
@require_perm(VIEW)
def agreement_usocs(request: HttpRequest, pk: int) -> JsonResponse:
    """The USOCs in force just before ``before`` (an amendment's effective date): what it may delete."""
    agreement = get_object_or_404(Agreement, pk=pk)
    form = AsOfForm({"as_of": request.GET.get("before", "")})
    before = form.cleaned_data["as_of"] if form.is_valid() else timezone.localdate()
    elements = rate_elements_as_of(agreement, before, inclusive=False)
    return JsonResponse(
        {
            "agreement": str(agreement),
            "before": before.isoformat(),
            "usocs": [
                {
                    "usoc": e.usoc,
                    "description": e.description,
                    "category": e.category,
                    "attachment": e.attachment,
                    "exhibit": e.exhibit,
                    "state": e.state or "",
                }
                for e in elements
            ],
        }
    )
