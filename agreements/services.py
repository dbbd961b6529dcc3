"""State changes of requests, petitions and filings; each one recomputes its deadlines in the same
transaction and records who changed which trigger date, from what to what, and why."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from agreements.models import ArbitrationPetition, ExtensionAgreement, NegotiationRequest, StateFiling
from deadlines import rules, services
from deadlines.commission import calendar_for
from deadlines.models import Deadline, DeadlineKind
from deadlines.tasks import enqueue_sweep

REQUEST_TRIGGERS = (
    "sent_on",
    "received_on",
    "receipt_confirmed",
    "deemed_received_on",
    "bona_fide_notice_received_on",
    "delivery_method",
)
FILING_TRIGGERS = ("submitted_on",)


def _require_reason(reason: str) -> str:
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why this date changes; the reason is kept in the history."})
    return reason.strip()


def _after_commit() -> None:
    transaction.on_commit(enqueue_sweep)


@transaction.atomic
def save_request(
    request: NegotiationRequest, *, by, reason: str = "", before: dict | None = None
) -> list[dict]:
    """Save a request (new or edited) and, when a trigger date changed, recompute and record why.

    ``before`` holds the stored trigger values; without it they are read from the database.
    """
    if before is None:
        before = _stored(NegotiationRequest, request.pk, REQUEST_TRIGGERS)
    if before and any(old not in (None, "", False) for old, _ in trigger_changes(request, before).values()):
        # Correcting a date already on record needs a why; entering one for the first time does not.
        reason = _require_reason(reason)
    request.full_clean()
    request._change_reason = reason or None
    request._history_user = by
    request.save()
    return request_saved(request, before, by=by, reason=reason)


def trigger_changes(request: NegotiationRequest, before: dict) -> dict:
    return {
        f: (before.get(f), getattr(request, f))
        for f in REQUEST_TRIGGERS
        if before.get(f) != getattr(request, f)
    }


def request_saved(request: NegotiationRequest, before: dict, *, by, reason: str) -> list[dict]:
    """After a request and its states are saved: recompute its deadlines and record the change."""
    moved = services.sync_deadlines(request, by=by, reason=reason)
    if before:
        for field, (old, new) in trigger_changes(request, before).items():
            services.record_change(request, field, old, new, by=by, reason=reason, moved=moved)
    _after_commit()
    return moved


def _stored(model, pk, fields) -> dict:
    if not pk:
        return {}
    return model.objects.filter(pk=pk).values(*fields).first() or {}


@transaction.atomic
def record_receipt(
    request: NegotiationRequest, received_on: date, *, confirmed: bool, by, reason: str, proof=None
) -> list[dict]:
    """Receipt by the incumbent: day 0. Confirming it narrows an estimated window to the true one."""
    before = _stored(NegotiationRequest, request.pk, REQUEST_TRIGGERS)
    request.received_on = received_on
    request.receipt_confirmed = confirmed
    if proof is not None:
        request.receipt_proof = proof
    if request.status in (NegotiationRequest.Status.DRAFT, NegotiationRequest.Status.SENT):
        request.status = NegotiationRequest.Status.RECEIVED
    return save_request(request, by=by, reason=reason, before=before)


@transaction.atomic
def mark_sent(request: NegotiationRequest, sent_on: date, *, tracking_number: str = "", by) -> list[dict]:
    before = _stored(NegotiationRequest, request.pk, REQUEST_TRIGGERS)
    request.sent_on = sent_on
    request.tracking_number = tracking_number or request.tracking_number
    if request.status == NegotiationRequest.Status.DRAFT:
        request.status = NegotiationRequest.Status.SENT
    return save_request(request, by=by, reason="letter sent", before=before)


@transaction.atomic
def record_extension(extension: ExtensionAgreement, *, by, reason: str) -> list[dict]:
    """An agreement of the parties moves the clocks: the latest deemed request date replaces receipt."""
    reason = _require_reason(reason)
    extension.recorded_by = by
    extension.full_clean()
    extension._change_reason = reason
    extension._history_user = by
    extension.save()
    request = NegotiationRequest.objects.select_for_update().get(pk=extension.request_id)
    before = _stored(NegotiationRequest, request.pk, REQUEST_TRIGGERS)
    deemed = (
        request.extensions.filter(kind=ExtensionAgreement.Kind.DEEMED_REQUEST_DATE)
        .order_by("agreed_on", "id")
        .last()
    )
    request.deemed_received_on = deemed.deemed_request_date if deemed else None
    moved = save_request(request, by=by, reason=reason, before=before)
    if before.get("deemed_received_on") == request.deemed_received_on:
        # A window or a waiver changes no date of the request itself: record the agreement as the change.
        services.record_change(
            request, extension.get_kind_display(), "", _describe(extension), by=by, reason=reason, moved=moved
        )
    return moved


def _describe(extension: ExtensionAgreement) -> str:
    if extension.kind == ExtensionAgreement.Kind.AGREED_WINDOW:
        return f"{extension.window_opens_on.isoformat()} to {extension.window_closes_on.isoformat()}"
    if extension.kind == ExtensionAgreement.Kind.DEEMED_REQUEST_DATE:
        return extension.deemed_request_date.isoformat()
    return f"waived {extension.agreed_on.isoformat()}"


@transaction.atomic
def record_petition(petition: ArbitrationPetition, *, by) -> str:
    """A petition filed: judged against the window, the response clock starts, the window is met."""
    petition.full_clean()
    petition._history_user = by
    petition.save()
    request = petition.request
    closes = Deadline.objects.filter(
        request=request, state=petition.state, kind=DeadlineKind.WINDOW_CLOSES
    ).first()
    verdict = judge(petition)
    if closes and verdict == "timely":
        closes.status = Deadline.Status.MET
        closes._change_reason = f"petition filed {petition.filed_on.isoformat()}"
        closes._history_user = by
        closes.save()
        services.cancel_reminders_of_inactive({"pk": closes.pk})
    if request.status not in (NegotiationRequest.Status.CONCLUDED, NegotiationRequest.Status.WITHDRAWN):
        request.status = NegotiationRequest.Status.ARBITRATION
        request._history_user = by
        request.save(update_fields=["status"])
    services.sync_deadlines(petition, by=by, reason="petition filed")
    _after_commit()
    return verdict


def judge(petition: ArbitrationPetition) -> str:
    """premature / timely / untimely against the window stored for the petition's state."""
    request = petition.request
    closes = Deadline.objects.filter(
        request=request, state=petition.state, kind=DeadlineKind.WINDOW_CLOSES
    ).first()
    if closes is None:
        day0 = request.trigger_date or request.letter_date
        window = rules.arbitration_window(day0, calendar_for(petition.state_id))
        return rules.judge_petition(petition.filed_on, window)
    if petition.filed_on < closes.opens_on:
        return "premature"
    return "untimely" if petition.filed_on > closes.due_on else "timely"


@transaction.atomic
def save_filing(filing: StateFiling, *, by, reason: str = "", before: dict | None = None) -> list[dict]:
    """Submission to a commission starts the § 252(e)(4) clock; a decision meets it."""
    if before is None:
        before = _stored(StateFiling, filing.pk, FILING_TRIGGERS)
    if before and before.get("submitted_on") and before.get("submitted_on") != filing.submitted_on:
        reason = _require_reason(reason)
    filing.full_clean()
    filing._change_reason = reason or None
    filing._history_user = by
    filing.save()
    return filing_saved(filing, before, by=by, reason=reason)


def filing_saved(filing: StateFiling, before: dict, *, by, reason: str) -> list[dict]:
    moved = services.sync_deadlines(filing, by=by, reason=reason or "submitted")
    if filing.decision != StateFiling.Decision.PENDING:
        Deadline.objects.filter(filing=filing, status__in=Deadline.ACTIVE).update(status=Deadline.Status.MET)
        services.cancel_reminders_of_inactive({"filing": filing})
    old = before.get("submitted_on")
    if before and old != filing.submitted_on:
        services.record_change(
            filing, "submitted_on", old, filing.submitted_on, by=by, reason=reason, moved=moved
        )
    _after_commit()
    return moved


@transaction.atomic
def file_in_every_state(amendment, submitted_on: date | None, *, by) -> list[StateFiling]:
    """One filing per state of the amendment's Attachment A (§ 252(e): submitted in every state)."""
    existing = set(amendment.filings.values_list("state_id", flat=True))
    created = []
    for state in amendment.covered_states():
        if state.code in existing:
            continue
        filing = StateFiling(amendment=amendment, state=state, submitted_on=submitted_on)
        save_filing(filing, by=by, reason="filed in every state of Attachment A")
        created.append(filing)
    return created
