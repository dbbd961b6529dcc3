"""A submission to one state commission: its page, and recording its docket and decision."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from agreements import services
from agreements.models import Agreement, StateFiling
from deadlines.models import Deadline
from workspace.forms.requests import FilingForm, add_service_errors
from workspace.permissions import require_perm

VIEW = "agreements.view_statefiling"
CHANGE = "agreements.change_statefiling"


def load_filing(pk: int) -> StateFiling:
    return get_object_or_404(
        StateFiling.objects.select_related(
            "state",
            "agreement__competitive_party",
            "agreement__incumbent_party",
            "amendment",
        ).prefetch_related(
            Prefetch(
                "amendment__agreements",
                queryset=Agreement.objects.select_related("competitive_party", "incumbent_party"),
            )
        ),
        pk=pk,
    )


@require_GET
@require_perm(VIEW)
def filing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    filing = load_filing(pk)
    return render(
        request,
        "agreements/filing_detail.html",
        {
            "nav": "agreements" if filing.agreement_id else "amendments",
            "filing": filing,
            "deadlines": list(
                filing.deadlines.exclude(status=Deadline.Status.SUPERSEDED).select_related("state")
            ),
            "changes": list(filing.trigger_changes.select_related("changed_by")),
            "can_change": request.user.has_perm(CHANGE),
        },
    )


@require_perm(CHANGE)
@require_http_methods(["GET", "POST"])
def filing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Docket number, decision and order; a changed submission date moves the deemed-approval date."""
    filing = load_filing(pk)
    form = FilingForm(request.POST or None, instance=filing)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.save_filing(
                    form.save(commit=False), by=request.user, reason=form.cleaned_data["reason"]
                )
                if filing.amendment_id:
                    from amendments.services import settle_status

                    settle_status(filing.amendment, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Filing in {filing.state_id} saved.")
            return redirect(filing)
    return render(
        request,
        "agreements/filing_form.html",
        {"nav": "agreements" if filing.agreement_id else "amendments", "filing": filing, "form": form},
    )
