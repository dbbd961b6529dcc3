"""One search box across the book: carriers, affiliates (with former names), agreements by party,
requests, USOCs in rate elements and amendments, and docket numbers of filings and petitions."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from agreements.models import Agreement, ArbitrationPetition, NegotiationRequest, RateElement, StateFiling
from amendments.models import Amendment, RateElementChange
from carriers.models import Affiliate, Carrier
from jurisdictions.dates import say_date

LIMIT = 20
MAX_QUERY = 100


@dataclass
class Hit:
    title: str
    url: str
    detail: str = ""
    note: str = ""


@dataclass
class Group:
    key: str
    label: str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False


def _take(queryset, to_hit) -> tuple[list[Hit], bool]:
    rows = list(queryset[: LIMIT + 1])
    return [to_hit(row) for row in rows[:LIMIT]], len(rows) > LIMIT


def _party_names(prefix: str, q: str) -> Q:
    return (
        Q(**{f"{prefix}__legal_name__icontains": q})
        | Q(**{f"{prefix}__short_name__icontains": q})
        | Q(**{f"{prefix}__former_names__name__icontains": q})
    )


def _carriers(q: str) -> tuple[list[Hit], bool]:
    found = Carrier.objects.filter(Q(name__icontains=q) | Q(short_name__icontains=q)).order_by("name")
    return _take(found, lambda c: Hit(c.name, c.get_absolute_url(), c.short_name))


def _affiliates(q: str) -> tuple[list[Hit], bool]:
    found = (
        Affiliate.objects.filter(
            Q(legal_name__icontains=q) | Q(short_name__icontains=q) | Q(former_names__name__icontains=q)
        )
        .distinct()
        .select_related("carrier")
        .prefetch_related("former_names")
        .order_by("legal_name")
    )

    def hit(affiliate: Affiliate) -> Hit:
        former = [f.name for f in affiliate.former_names.all() if q.lower() in f.name.lower()]
        return Hit(
            affiliate.legal_name,
            affiliate.get_absolute_url(),
            f"{affiliate.get_kind_display()} · {affiliate.carrier.name}",
            f"formerly {'; '.join(former)}" if former else "",
        )

    return _take(found, hit)


def _agreements(q: str) -> tuple[list[Hit], bool]:
    found = (
        Agreement.objects.filter(
            _party_names("competitive_party", q) | _party_names("incumbent_party", q) | Q(title__icontains=q)
        )
        .distinct()
        .select_related("competitive_party", "incumbent_party")
        .order_by("-dated", "id")
    )
    return _take(found, lambda a: Hit(str(a), a.get_absolute_url(), a.get_status_display()))


def _requests(q: str) -> tuple[list[Hit], bool]:
    found = (
        NegotiationRequest.objects.filter(
            Q(collective_name__icontains=q)
            | Q(addressee_name__icontains=q)
            | Q(tracking_number__iexact=q)
            | _party_names("parties__affiliate", q)
        )
        .distinct()
        .prefetch_related("states")
        .order_by("-letter_date", "-id")
    )
    return _take(found, lambda r: Hit(str(r), r.get_absolute_url(), r.get_status_display()))


def _usocs(q: str) -> tuple[list[Hit], bool]:
    usoc = q.upper()
    elements, more_elements = _take(
        RateElement.objects.filter(usoc__startswith=usoc)
        .select_related("agreement__competitive_party", "agreement__incumbent_party", "state")
        .order_by("usoc", "agreement_id"),
        lambda e: Hit(
            e.usoc,
            e.agreement.get_absolute_url(),
            f"{e.location or 'rate element'} of {e.agreement}" + (f" ({e.state_id})" if e.state_id else ""),
            e.category or e.description,
        ),
    )
    changes, more_changes = _take(
        RateElementChange.objects.filter(usoc__startswith=usoc)
        .select_related("amendment")
        .order_by("usoc", "amendment_id"),
        lambda c: Hit(
            c.usoc,
            c.amendment.get_absolute_url(),
            f"{c.get_action_display()}d by {c.amendment}",
            c.category or c.description,
        ),
    )
    return elements + changes, more_elements or more_changes


def _dockets(q: str) -> tuple[list[Hit], bool]:
    filings, more_filings = _take(
        StateFiling.objects.filter(docket_number__icontains=q)
        .select_related("state", "amendment", "agreement__competitive_party", "agreement__incumbent_party")
        .order_by("docket_number"),
        lambda f: Hit(
            f.docket_number,
            f.get_absolute_url(),
            f"{f.state_id} filing of {f.amendment or f.agreement}",
            f.get_decision_display(),
        ),
    )
    petitions, more_petitions = _take(
        ArbitrationPetition.objects.filter(docket_number__icontains=q)
        .select_related("state", "request")
        .order_by("docket_number"),
        lambda p: Hit(
            p.docket_number,
            p.get_absolute_url(),
            f"Arbitration petition in {p.state_id}, {p.request.collective_name} → {p.request.addressee_name}",
            f"filed {say_date(p.filed_on)}",
        ),
    )
    return filings + petitions, more_filings or more_petitions


def _amendments(q: str) -> tuple[list[Hit], bool]:
    found = Amendment.objects.filter(Q(number__icontains=q) | Q(title__icontains=q)).order_by("-effective_on")
    return _take(found, lambda a: Hit(str(a), a.get_absolute_url(), a.get_status_display()))


# (key, heading, permission needed to see the group, finder)
GROUPS = [
    ("carriers", "Carriers", "carriers.view_carrier", _carriers),
    ("affiliates", "Affiliates", "carriers.view_affiliate", _affiliates),
    ("agreements", "Agreements", "agreements.view_agreement", _agreements),
    ("requests", "Requests for negotiation", "agreements.view_negotiationrequest", _requests),
    ("amendments", "Amendments", "amendments.view_amendment", _amendments),
    ("usocs", "USOCs", "agreements.view_rateelement", _usocs),
    ("dockets", "Docket numbers", "agreements.view_statefiling", _dockets),
]


def search_groups(q: str, user) -> list[Group]:
    groups = []
    for key, label, perm, finder in GROUPS:
        if not user.has_perm(perm):
            continue
        hits, more = finder(q)
        if hits:
            groups.append(Group(key, label, hits, more))
    return groups


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Every logged-in user may search; each group shows only records the user may read."""
    q = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    groups = search_groups(q, request.user) if len(q) >= 2 else []
    return render(
        request,
        "search/results.html",
        {"q": q, "search_query": q, "groups": groups, "too_short": 0 < len(q) < 2},
    )
