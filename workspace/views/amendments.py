"""Amendments: the list, drafting one, its page, signatures, and filing it in every state of Attachment A."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agreements.models import Agreement, StateFiling
from amendments import services
from amendments.as_amended import rate_elements_as_of
from amendments.models import Amendment, ScheduledAffiliate, Signature
from carriers.models import Affiliate
from deadlines.models import Deadline
from documents.snapshot import naming_day
from jurisdictions.dates import say_date
from workspace.forms.amendments import AmendmentEntry, FileEverywhereForm, SignatureDateForm
from workspace.forms.carriers import affiliate_suggestions
from workspace.forms.requests import add_service_errors
from workspace.permissions import require_perm

VIEW = "amendments.view_amendment"
ADD = "amendments.add_amendment"
CHANGE = "amendments.change_amendment"
FILE = "agreements.add_statefiling"


@require_GET
@require_perm(VIEW)
def amendment_list(request: HttpRequest) -> HttpResponse:
    from workspace.views.common import paginate, query_without_page

    amendments = (
        Amendment.objects.prefetch_related(
            Prefetch(
                "agreements",
                queryset=Agreement.objects.select_related("competitive_party", "incumbent_party"),
            ),
            "rate_changes",
        )
        .annotate(filing_count=Count("filings", distinct=True))
        .order_by("-effective_on", "-id")
    )
    status = request.GET.get("status", "")
    if status in Amendment.Status.values:
        amendments = amendments.filter(status=status)
    return render(
        request,
        "amendments/amendment_list.html",
        {
            "nav": "amendments",
            "page": paginate(request, amendments),
            "filters": query_without_page(request),
            "statuses": Amendment.Status.choices,
            "status": status,
        },
    )


def load_amendment(pk: int) -> Amendment:
    return get_object_or_404(
        Amendment.objects.prefetch_related(
            Prefetch(
                "agreements",
                queryset=Agreement.objects.select_related("competitive_party", "incumbent_party"),
            ),
            "recitals",
            "provisions",
            "rate_changes",
            "section_changes",
            Prefetch("signatures", queryset=Signature.objects.select_related("party")),
            Prefetch(
                "schedule",
                queryset=ScheduledAffiliate.objects.select_related("affiliate").prefetch_related(
                    "states", "affiliate__former_names"
                ),
            ),
            Prefetch(
                "filings",
                queryset=StateFiling.objects.select_related("state").prefetch_related(
                    Prefetch(
                        "deadlines", queryset=Deadline.objects.exclude(status=Deadline.Status.SUPERSEDED)
                    )
                ),
            ),
        ),
        pk=pk,
    )


@require_GET
@require_perm(VIEW)
def amendment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return amendment_page(request, load_amendment(pk))


def amendment_page(
    request: HttpRequest, amendment: Amendment, file_form: FileEverywhereForm | None = None
) -> HttpResponse:
    filings = list(amendment.filings.all())
    filed_states = {f.state_id for f in filings}
    covered = amendment.covered_states()
    return render(
        request,
        "amendments/amendment_detail.html",
        {
            "nav": "amendments",
            "amendment": amendment,
            "groups": _named_groups(amendment),
            "filings": filings,
            "unfiled": [s for s in covered if s.code not in filed_states],
            "covered": covered,
            "file_form": file_form or FileEverywhereForm(),
            "documents": list(amendment.generated_documents.order_by("-version")),
            "can_change": request.user.has_perm(CHANGE),
            "can_file": request.user.has_perm(FILE) and request.user.has_perm(CHANGE),
        },
    )


def _named_groups(amendment: Amendment) -> list:
    """Attachment A's lines with each affiliate's name on the day the amendment was signed, as it prints."""
    day = naming_day(amendment, list(amendment.signatures.all()))
    return [
        ([(affiliate, affiliate.name_on(day)) for affiliate in affiliates], states)
        for affiliates, states in amendment.schedule_groups()
    ]


@require_perm(ADD)
@require_http_methods(["GET", "POST"])
def amendment_new(request: HttpRequest) -> HttpResponse:
    agreement = None
    if request.GET.get("agreement", "").isdigit():
        agreement = Agreement.objects.filter(pk=request.GET["agreement"]).first()
    entry = AmendmentEntry(request.POST or None, agreement=agreement)
    return _entry(request, entry, "Amendment saved. Preview and generate it, then record each signature.")


@require_perm(CHANGE)
@require_http_methods(["GET", "POST"])
def amendment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = AmendmentEntry(request.POST or None, instance=get_object_or_404(Amendment, pk=pk))
    return _entry(request, entry, "Amendment saved.")


def _entry(request: HttpRequest, entry: AmendmentEntry, done: str) -> HttpResponse:
    if request.method == "POST" and entry.is_valid():
        try:
            with transaction.atomic():
                saved = entry.save(by=request.user)
        except ValidationError as error:
            entry.add_errors(error)
        else:
            messages.success(request, done)
            return redirect(saved)
    return render(
        request,
        "amendments/amendment_form.html",
        {
            "nav": "amendments",
            "entry": entry,
            "subject": entry.instance if entry.editing else None,
            "usocs": _usocs_in_force(entry),
            "competitive_suggestions": affiliate_suggestions(Affiliate.Kind.COMPETITIVE),
            "all_suggestions": affiliate_suggestions(),
        },
    )


def _usocs_in_force(entry: AmendmentEntry) -> list:
    """The datalist for deleted USOCs: what the chosen agreements carry just before the effective date."""
    form = entry.form
    if form.is_bound:
        agreements = list(form.cleaned_data.get("agreements") or []) if hasattr(form, "cleaned_data") else []
        effective_on = form.cleaned_data.get("effective_on") if hasattr(form, "cleaned_data") else None
    else:
        chosen = form.initial.get("agreements") or []
        agreements = list(Agreement.objects.filter(pk__in=[getattr(a, "pk", a) for a in chosen]))
        effective_on = entry.instance.effective_on
    # Before an effective date is typed, what the agreements carry today is the best guess.
    before = effective_on or timezone.localdate()
    found = {}
    for agreement in agreements:
        for element in rate_elements_as_of(agreement, before, inclusive=False):
            found.setdefault(element.usoc, element)
    return sorted(found.values(), key=lambda e: e.usoc)


@require_perm(CHANGE, "amendments.change_signature")
@require_http_methods(["GET", "POST"])
def signature_edit(request: HttpRequest, pk: int, sig_pk: int) -> HttpResponse:
    signature = get_object_or_404(
        Signature.objects.select_related("amendment", "party"), pk=sig_pk, amendment_id=pk
    )
    form = SignatureDateForm(request.POST or None, instance=signature)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.record_signature(
                    signature,
                    form.cleaned_data["signed_on"],
                    annotation=form.cleaned_data["annotation"],
                    by=request.user,
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{signature.party}: signed {say_date(signature.signed_on)} by {signature.signer_name}.",
            )
            return redirect(signature.amendment)
    return render(
        request,
        "amendments/signature_form.html",
        {"nav": "amendments", "signature": signature, "amendment": signature.amendment, "form": form},
    )


@require_POST
@require_perm(CHANGE, FILE)
def file_everywhere(request: HttpRequest, pk: int) -> HttpResponse:
    """One step: a filing in every state of Attachment A, each starting its § 252(e)(4) clock."""
    amendment = get_object_or_404(Amendment, pk=pk)
    form = FileEverywhereForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                created = services.file_everywhere(
                    amendment, form.cleaned_data["submitted_on"], by=request.user
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if created:
                states = ", ".join(f.state_id for f in created)
                messages.success(
                    request, f"Filed in {len(created)} states: {states}. Record each docket number below."
                )
            else:
                messages.info(request, "The amendment is already filed in every state of Attachment A.")
            return redirect(amendment)
    return amendment_page(request, load_amendment(pk), file_form=form)
