"""State changes of amendments: saving one with its parts, signatures, filing it, and its status.

Views call these; filings themselves go through ``agreements.services`` (which starts their clocks).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.actors import Actor
from agreements import services as agreement_services
from agreements.models import Agreement, StateFiling
from amendments.as_amended import check_deleted_usocs
from amendments.models import (
    Amendment,
    Provision,
    RateElementChange,
    Recital,
    ScheduledAffiliate,
    SectionChange,
    Signature,
    check_effective_date,
)
from documents.drafting import clause_values, compose_provisions, rate_change_facts, section_change_facts
from documents.models import StandardClause
from jurisdictions.models import State


@dataclass
class AmendmentParts:
    """The rows of an amendment as the form lists them, in order, and the rows taken off it.

    ``provisions`` keep the numbers typed for them (the admin edits them one by one); the workspace
    leaves the list empty and redrafts them from ``clauses`` instead.
    """

    recitals: list[Recital] = field(default_factory=list)
    rate_changes: list[RateElementChange] = field(default_factory=list)
    section_changes: list[SectionChange] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    schedule: list[tuple[ScheduledAffiliate, list[State]]] = field(default_factory=list)
    provisions: list[Provision] = field(default_factory=list)
    removed: list = field(default_factory=list)


@transaction.atomic
def save_amendment(
    amendment: Amendment,
    *,
    agreements: list[Agreement],
    parts: AmendmentParts,
    clauses: list[StandardClause] | None,
    by: Actor,
) -> Amendment:
    """Save an amendment with everything on its form, all or nothing.

    1. Check the amendment against the agreements it amends (effective date, USOCs it deletes).
    2. Save it and the agreements it amends; delete the rows taken off the form.
    3. Save each part in the order shown (``order`` follows the form); provisions keep their numbers.
    4. With ``clauses``, redraft the numbered provisions from the changes and those clauses.
    """
    problems = check_effective_date(amendment.effective_on, agreements)
    if problems:
        raise ValidationError({"effective_on": problems})
    deleted = [c.usoc for c in parts.rate_changes if c.action == RateElementChange.Action.DELETE]
    problems = check_deleted_usocs(deleted, agreements, before=amendment.effective_on)
    if problems:
        raise ValidationError({"rate_changes": problems})
    amendment.full_clean()
    amendment._history_user = by
    amendment.save()
    amendment.agreements.set(agreements)
    for row in parts.removed:
        row.delete()
    for rows in (parts.recitals, parts.rate_changes, parts.section_changes, parts.signatures):
        for order, row in enumerate(rows, start=1):
            row.amendment = amendment
            row.order = order
            row._history_user = by
            row.save()
    for order, (entry, states) in enumerate(parts.schedule, start=1):
        entry.amendment = amendment
        entry.order = order
        entry.save()
        entry.states.set(states)
    for provision in parts.provisions:
        provision.amendment = amendment
        provision.save()
    if clauses is not None:
        redraft_provisions(amendment, clauses)
    settle_status(amendment, by=by)
    return amendment


def redraft_provisions(amendment: Amendment, clauses: list[StandardClause]) -> list[Provision]:
    """Numbered provisions from the structured changes, then the chosen standard clauses, filled in."""
    fresh = Amendment.objects.get(pk=amendment.pk)  # no stale prefetched changes
    agreements = list(
        fresh.agreements.select_related("competitive_party", "incumbent_party").order_by("dated", "id")
    )
    texts = compose_provisions(
        rate_change_facts(fresh),
        section_change_facts(fresh),
        [clause.text for clause in sorted(clauses, key=lambda c: (c.order, c.key))],
        clause_values(agreements, fresh.effective_on),
    )
    fresh.provisions.all().delete()
    return Provision.objects.bulk_create(
        [Provision(amendment=fresh, number=number, text=text) for number, text in enumerate(texts, start=1)]
    )


@transaction.atomic
def record_signature(
    signature: Signature, signed_on: date, *, annotation: str | None = None, by: Actor
) -> Signature:
    """One party signed; when every party has, the amendment is signed."""
    signature.signed_on = signed_on
    if annotation is not None:
        signature.annotation = annotation
    signature.full_clean()
    signature._history_user = by
    signature.save()
    settle_status(signature.amendment, by=by)
    return signature


@transaction.atomic
def file_everywhere(amendment: Amendment, submitted_on: date | None, *, by: Actor) -> list[StateFiling]:
    """Submit the amendment in every state of its Attachment A (§ 252(e)), one filing per state."""
    if not amendment.covered_states():
        raise ValidationError(
            {"submitted_on": "Attachment A lists no states yet; add its affiliates and their states first."}
        )
    created = agreement_services.file_in_every_state(amendment, submitted_on, by=by)
    settle_status(amendment, by=by)
    return created


# Statuses only move forward: a rejected filing does not un-sign an amendment.
PROGRESS = [
    Amendment.Status.DRAFT,
    Amendment.Status.SIGNED,
    Amendment.Status.FILED,
    Amendment.Status.APPROVED,
]
APPROVED = (StateFiling.Decision.APPROVED, StateFiling.Decision.DEEMED_APPROVED)


def status_from_records(current: str, signed: list[bool], filings: list[StateFiling]) -> str:
    """Approved when every filing is approved; filed once submitted; signed once every party signed."""
    if filings and all(f.decision in APPROVED for f in filings):
        found = Amendment.Status.APPROVED
    elif any(f.submitted_on for f in filings):
        found = Amendment.Status.FILED
    elif signed and all(signed):
        found = Amendment.Status.SIGNED
    else:
        found = Amendment.Status.DRAFT
    return max(current, found, key=PROGRESS.index)


def settle_status(amendment: Amendment, *, by: Actor) -> str:
    signed = [s.signed_on is not None for s in Signature.objects.filter(amendment=amendment)]
    filings = list(StateFiling.objects.filter(amendment=amendment))
    status = status_from_records(amendment.status, signed, filings)
    if status != amendment.status:
        amendment.status = status
        amendment._history_user = by
        amendment.save(update_fields=["status"])
    return status


@transaction.atomic
def delete_amendment(amendment: Amendment, *, by: Actor) -> None:
    """Delete an amendment with its parts and filings; a generated document of it keeps it (PROTECT)."""
    amendment._history_user = by
    amendment.delete()
