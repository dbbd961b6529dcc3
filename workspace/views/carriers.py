"""Carriers and their affiliates: the list, a family's page, an affiliate's page, and the autocomplete."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from agreements.models import Agreement, NegotiationRequest
from amendments.models import Amendment
from carriers.models import Affiliate, Carrier
from workspace.permissions import require_perm
from workspace.views.common import paginate, query_without_page

AUTOCOMPLETE_LIMIT = 15


@require_GET
@require_perm("carriers.view_carrier")
def carrier_list(request: HttpRequest) -> HttpResponse:
    carriers = Carrier.objects.annotate(affiliate_count=Count("affiliates")).order_by("name")
    q = request.GET.get("q", "").strip()
    if q:
        carriers = carriers.filter(
            Q(name__icontains=q) | Q(short_name__icontains=q) | Q(affiliates__legal_name__icontains=q)
        ).distinct()
    return render(
        request,
        "carriers/carrier_list.html",
        {
            "nav": "carriers",
            "page": paginate(request, carriers),
            "filters": query_without_page(request),
            "q": q,
        },
    )


@require_GET
@require_perm("carriers.view_carrier")
def carrier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    carrier = get_object_or_404(
        Carrier.objects.prefetch_related(
            Prefetch("affiliates", queryset=Affiliate.objects.prefetch_related("states", "former_names")),
            "contacts",
        ),
        pk=pk,
    )
    return render(request, "carriers/carrier_detail.html", {"nav": "carriers", "carrier": carrier})


@require_GET
@require_perm("carriers.view_affiliate")
def affiliate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Former names, states, and every request, agreement and Attachment A that names the affiliate."""
    affiliate = get_object_or_404(
        Affiliate.objects.select_related("carrier").prefetch_related("states", "former_names"), pk=pk
    )
    requests = (
        NegotiationRequest.objects.filter(parties__affiliate=affiliate)
        .prefetch_related("states")
        .distinct()
        .order_by("-letter_date", "-id")
    )
    agreements = (
        Agreement.objects.filter(Q(competitive_party=affiliate) | Q(incumbent_party=affiliate))
        .select_related("competitive_party", "incumbent_party")
        .order_by("-dated", "id")
    )
    scheduled = (
        Amendment.objects.filter(schedule__affiliate=affiliate).distinct().order_by("-effective_on", "-id")
    )
    return render(
        request,
        "carriers/affiliate_detail.html",
        {
            "nav": "carriers",
            "affiliate": affiliate,
            "requests": list(requests[:100]),
            "agreements": list(agreements[:100]),
            "scheduled": list(scheduled[:100]),
        },
    )


@require_GET
@require_perm("carriers.view_affiliate")
def affiliate_autocomplete(request: HttpRequest) -> JsonResponse:
    """``?q=kmc&kind=incumbent`` → affiliates whose legal, short or former name contains q, for a <datalist>."""
    q = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    if len(q) < 1:
        return JsonResponse({"results": []})
    found = (
        Affiliate.objects.filter(
            Q(legal_name__icontains=q) | Q(short_name__icontains=q) | Q(former_names__name__icontains=q),
            active=True,
        )
        .select_related("carrier")
        .prefetch_related("states", "former_names")
        .distinct()
        .order_by("legal_name")
    )
    if kind in Affiliate.Kind.values:
        found = found.filter(kind=kind)
    results = []
    for affiliate in found[:AUTOCOMPLETE_LIMIT]:
        states = [s.code for s in affiliate.states.all()]
        former = [f.name for f in affiliate.former_names.all()]
        label = " · ".join(
            part
            for part in (
                affiliate.carrier.name,
                affiliate.get_kind_display(),
                ", ".join(states),
                f"formerly {'; '.join(former)}" if former else "",
            )
            if part
        )
        results.append(
            {
                "id": affiliate.pk,
                "name": affiliate.legal_name,
                "label": label,
                "kind": affiliate.kind,
                "carrier": affiliate.carrier.name,
                "states": states,
                "former_names": former,
            }
        )
    return JsonResponse({"results": results})
