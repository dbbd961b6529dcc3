"""State changes of requests, petitions and filings; each one recomputes its deadlines in the same
transaction and records who changed which trigger date, from what to what, and why.

Which deadlines follow is decided in ``agreements.clocks``; the deadline engine
(``deadlines.services``) writes them. A sweep is asked for once per change, after the commit.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction

from accounts.actors import Actor
from agreements import clocks
from agreements.clocks import judge
from agreements.models import (
    Agreement,
    ArbitrationPetition,
    Attachment,
    CarbonCopy,
    ExtensionAgreement,
    NegotiationRequest,
    RateElement,
    RequestParty,
    Section,
    StateFiling,
)
from agreements.triggers import FILING_TRIGGERS, REQUEST_TRIGGERS
from carriers.models import Affiliate, Contact
from carriers.services import save_contact
from deadlines import services as deadline_services
from deadlines.models import Deadline, DeadlineKind
from deadlines.rules import PetitionStatus
from deadlines.tasks import enqueue_sweep
from jurisdictions.models import State

# One affiliate on one side of the letter: (RequestParty.Role, affiliate).
Party = tuple[str, Affiliate]


def _require_reason(reason: str) -> str:
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why this date changes; the reason is kept in the history."})
    return reason.strip()


def _sweep_after_commit() -> None:
    transaction.on_commit(enqueue_sweep)


def _sync(clock: clocks.Clocks, *, by: Actor, reason: str) -> list[dict]:
    return deadline_services.sync_deadlines(
        clock.owner, clock.specs, people=clock.people, by=by, reason=reason
    )


def _stored(model: type[models.Model], pk: int | None, fields) -> dict:
    if not pk:
        return {}
    return model.objects.filter(pk=pk).values(*fields).first() or {}


# -- the request ----------------------------------------------------------------------------------


@transaction.atomic
def save_request(
    request: NegotiationRequest,
    *,
    states: list[State] | None = None,
    parties: list[Party] | None = None,
    cc: list[Contact] | None = None,
    by: Actor,
    reason: str = "",
) -> list[dict]:
    """Save a request (new or edited) with its states, parties and cc list; return the deadlines that moved.

    ``states``, ``parties`` (in the letter's order) and ``cc`` (contacts in the letter's order; an
    unsaved one is created) replace what is stored; None leaves that part as stored, as the
    events of a request (receipt, sending, an extension) do.

    1. Read the stored trigger values; correcting one already on record needs a reason.
    2. Check and save the request, then its states, parties and cc lines.
    3. Recompute its deadlines once, with everything saved; record each changed trigger with
       the deadlines it moved; ask for a sweep once the transaction commits.
    """
    before = _stored(NegotiationRequest, request.pk, REQUEST_TRIGGERS)
    if before and any(old not in (None, "", False) for old, _ in trigger_changes(request, before).values()):
        # Correcting a date already on record needs a why; entering one for the first time does not.
        reason = _require_reason(reason)
    request.full_clean()
    request._change_reason = reason or None
    request._history_user = by
    request.save()
    if states is not None:
        request.states.set(states)
    if parties is not None:
        _save_parties(request, parties)
    if cc is not None:
        _save_cc(request, cc, by=by)
    moved = _sync(clocks.of_request(request), by=by, reason=reason or ("" if before else "request entered"))
    if before:
        for field, (old, new) in trigger_changes(request, before).items():
            deadline_services.record_change(
                {"request": request}, field, old, new, by=by, reason=reason, moved=moved
            )
    _sweep_after_commit()
    return moved


def trigger_changes(request: NegotiationRequest, before: dict) -> dict:
    """Each trigger field whose value differs from ``before``: field → (old, new)."""
    return {
        f: (before.get(f), getattr(request, f))
        for f in REQUEST_TRIGGERS
        if before.get(f) != getattr(request, f)
    }


def _save_parties(request: NegotiationRequest, parties: list[Party]) -> None:
    """Numbered in the letter's order within each side; a party no longer named is removed."""
    existing = {p.affiliate_id: p for p in request.parties.all()}
    numbered: Counter[str] = Counter()
    keep = set()
    for role, affiliate in parties:
        numbered[role] += 1
        party = existing.get(affiliate.pk) or RequestParty(request=request, affiliate=affiliate)
        if party.pk is None or (party.role, party.order) != (role, numbered[role]):
            party.role, party.order = role, numbered[role]
            party.full_clean()
            party.save()
        keep.add(affiliate.pk)
    request.parties.exclude(affiliate_id__in=keep).delete()


def _save_cc(request: NegotiationRequest, cc: list[Contact], *, by: Actor) -> None:
    """The cc lines in the letter's order; a contact typed with the request is created first."""
    contact_ids = []
    for contact in cc:
        if contact.pk is None:
            save_contact(contact, by=by)
        contact_ids.append(contact.pk)
    existing = {line.contact_id: line for line in request.cc_lines.all()}
    for order, contact_id in enumerate(contact_ids, start=1):
        line = existing.get(contact_id) or CarbonCopy(request=request, contact_id=contact_id)
        if line.pk is None or line.order != order:
            line.order = order
            line.save()
    request.cc_lines.exclude(contact_id__in=contact_ids).delete()


@transaction.atomic
def record_receipt(
    request: NegotiationRequest, received_on: date, *, confirmed: bool, by: Actor, reason: str, proof=None
) -> list[dict]:
    """Receipt by the incumbent: day 0. Confirming it narrows an estimated window to the true one."""
    request.received_on = received_on
    request.receipt_confirmed = confirmed
    if proof is not None:
        request.receipt_proof = proof
    if request.status in (NegotiationRequest.Status.DRAFT, NegotiationRequest.Status.SENT):
        request.status = NegotiationRequest.Status.RECEIVED
    return save_request(request, by=by, reason=reason)


@transaction.atomic
def mark_sent(
    request: NegotiationRequest, sent_on: date, *, tracking_number: str = "", by: Actor
) -> list[dict]:
    request.sent_on = sent_on
    request.tracking_number = tracking_number or request.tracking_number
    if request.status == NegotiationRequest.Status.DRAFT:
        request.status = NegotiationRequest.Status.SENT
    return save_request(request, by=by, reason="letter sent")


@transaction.atomic
def record_extension(extension: ExtensionAgreement, *, by: Actor, reason: str) -> list[dict]:
    """An agreement of the parties moves the clocks: the latest deemed request date replaces receipt."""
    reason = _require_reason(reason)
    extension.recorded_by = by
    extension.full_clean()
    extension._change_reason = reason
    extension._history_user = by
    extension.save()
    request = NegotiationRequest.objects.select_for_update().get(pk=extension.request_id)
    stored_deemed = request.deemed_received_on
    deemed = (
        request.extensions.filter(kind=ExtensionAgreement.Kind.DEEMED_REQUEST_DATE)
        .order_by("agreed_on", "id")
        .last()
    )
    request.deemed_received_on = deemed.deemed_request_date if deemed else None
    moved = save_request(request, by=by, reason=reason)
    if stored_deemed == request.deemed_received_on:
        # A window or a waiver changes no date of the request itself: record the agreement as the change.
        deadline_services.record_change(
            {"request": request},
            extension.get_kind_display(),
            "",
            _describe(extension),
            by=by,
            reason=reason,
            moved=moved,
        )
    return moved


def _describe(extension: ExtensionAgreement) -> str:
    if extension.kind == ExtensionAgreement.Kind.AGREED_WINDOW:
        return f"{extension.window_opens_on.isoformat()} to {extension.window_closes_on.isoformat()}"
    if extension.kind == ExtensionAgreement.Kind.DEEMED_REQUEST_DATE:
        return extension.deemed_request_date.isoformat()
    return f"waived {extension.agreed_on.isoformat()}"


@transaction.atomic
def recompute_request(request: NegotiationRequest, *, by: Actor, reason: str) -> list[dict]:
    """Recompute a request's deadlines from its records as they are (a seed, an upgrade): nothing else changes."""
    return _sync(clocks.of_request(request), by=by, reason=reason)


# -- petitions ------------------------------------------------------------------------------------


@transaction.atomic
def record_petition(petition: ArbitrationPetition, *, by: Actor) -> PetitionStatus:
    """A petition filed: judged against the window, the response clock starts, a timely one meets the window."""
    petition.full_clean()
    petition._history_user = by
    petition.save()
    request = petition.request
    verdict = judge(petition)
    if verdict == "timely":
        deadline_services.meet(
            Deadline.objects.filter(
                request=request, state_id=petition.state_id, kind=DeadlineKind.WINDOW_CLOSES
            ).exclude(status=Deadline.Status.SUPERSEDED),
            by=by,
            reason=f"petition filed {petition.filed_on.isoformat()}",
        )
    if request.status not in (NegotiationRequest.Status.CONCLUDED, NegotiationRequest.Status.WITHDRAWN):
        request.status = NegotiationRequest.Status.ARBITRATION
        request._history_user = by
        request.save(update_fields=["status"])
    _sync(clocks.of_petition(petition), by=by, reason="petition filed")
    _sweep_after_commit()
    return verdict


# -- filings --------------------------------------------------------------------------------------


@transaction.atomic
def save_filing(
    filing: StateFiling, *, by: Actor, reason: str = "", before: dict | None = None
) -> list[dict]:
    """Submission to a commission starts the § 252(e)(4) clock; a decision meets it.

    ``before`` holds the stored trigger values; without it they are read from the database.
    """
    moved = _save_filing(filing, by=by, reason=reason, before=before)
    _sweep_after_commit()
    return moved


def _save_filing(filing: StateFiling, *, by: Actor, reason: str, before: dict | None = None) -> list[dict]:
    if before is None:
        before = _stored(StateFiling, filing.pk, FILING_TRIGGERS)
    if before.get("submitted_on") and before["submitted_on"] != filing.submitted_on:
        reason = _require_reason(reason)
    filing.full_clean()
    filing._change_reason = reason or None
    filing._history_user = by
    filing.save()
    return _filing_clocks(filing, before, by=by, reason=reason)


@transaction.atomic
def filing_saved(filing: StateFiling, before: dict, *, by: Actor, reason: str) -> list[dict]:
    """After a filing was saved with its agreement or amendment (an admin inline): its clocks follow.

    ``before`` holds its stored trigger values from before the save (empty for a new filing).
    """
    moved = _filing_clocks(filing, before, by=by, reason=reason)
    _sweep_after_commit()
    return moved


def _filing_clocks(filing: StateFiling, before: dict, *, by: Actor, reason: str) -> list[dict]:
    moved = _sync(clocks.of_filing(filing), by=by, reason=reason or "submitted")
    if filing.decision != StateFiling.Decision.PENDING:
        deadline_services.meet(
            Deadline.objects.filter(filing=filing, status__in=Deadline.ACTIVE),
            by=by,
            reason=f"commission decision: {filing.get_decision_display().lower()}",
        )
    old = before.get("submitted_on")
    if before and old != filing.submitted_on:
        deadline_services.record_change(
            {"filing": filing}, "submitted_on", old, filing.submitted_on, by=by, reason=reason, moved=moved
        )
    return moved


@transaction.atomic
def file_in_every_state(amendment, submitted_on: date | None, *, by: Actor) -> list[StateFiling]:
    """One filing per state of the amendment's Attachment A (§ 252(e): submitted in every state)."""
    existing = set(amendment.filings.values_list("state_id", flat=True))
    created = []
    for state in amendment.covered_states():
        if state.code in existing:
            continue
        filing = StateFiling(amendment=amendment, state=state, submitted_on=submitted_on)
        _save_filing(filing, by=by, reason="filed in every state of Attachment A")
        created.append(filing)
    if created:
        _sweep_after_commit()
    return created


# -- a commission's calendar changed --------------------------------------------------------------


def recompute_state(sender, *, state_code: str, by: Actor, reason: str, **kwargs) -> int:
    """Receiver of ``deadlines.signals.closures_changed``: recompute every request, petition and filing
    with a live deadline in the state, in the sender's transaction; return how many."""
    live = Deadline.objects.filter(state_id=state_code, status__in=Deadline.ACTIVE)
    triggers = [
        *map(clocks.of_request, NegotiationRequest.objects.filter(pk__in=live.values("request_id"))),
        *map(clocks.of_petition, ArbitrationPetition.objects.filter(pk__in=live.values("petition_id"))),
        *map(clocks.of_filing, StateFiling.objects.filter(pk__in=live.values("filing_id"))),
    ]
    for clock in triggers:
        _sync(clock, by=by, reason=reason)
    if triggers:
        _sweep_after_commit()
    return len(triggers)


# -- the records the admin edits directly: agreements, their attachments, sections and rate elements,
# and deleting what a deadline hangs on ------------------------------------------------------------


@transaction.atomic
def save_agreement(agreement: Agreement, *, states: list[State], by: Actor) -> Agreement:
    """Check and save an agreement and the states it covers; its history names ``by``."""
    agreement.full_clean()
    agreement._history_user = by
    agreement.save()
    agreement.states.set(states)
    return agreement


@transaction.atomic
def delete_agreement(agreement: Agreement, *, by: Actor) -> None:
    """Delete an agreement with its attachments, rate elements and filings (and their deadlines)."""
    agreement._history_user = by
    agreement.delete()


@transaction.atomic
def save_attachment(attachment: Attachment, *, by: Actor) -> Attachment:
    attachment.full_clean()
    attachment.save()
    return attachment


@transaction.atomic
def delete_attachment(attachment: Attachment, *, by: Actor) -> None:
    attachment.delete()


@transaction.atomic
def save_section(section: Section, *, by: Actor) -> Section:
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def delete_section(section: Section, *, by: Actor) -> None:
    section.delete()


@transaction.atomic
def save_rate_element(element: RateElement, *, by: Actor) -> RateElement:
    """Check and save a rate element: its USOC appears once per agreement (and state)."""
    element.full_clean()
    element.save()
    return element


@transaction.atomic
def delete_rate_element(element: RateElement, *, by: Actor) -> None:
    element.delete()


@transaction.atomic
def delete_request(request: NegotiationRequest, *, by: Actor) -> None:
    """Delete a request with its parties, cc lines, extensions, petitions and deadlines."""
    request._history_user = by
    request.delete()


@transaction.atomic
def delete_filing(filing: StateFiling, *, by: Actor) -> None:
    """Delete a filing; the § 252(e)(4) deadline it started goes with it."""
    filing._history_user = by
    filing.delete()


@transaction.atomic
def delete_petition(petition: ArbitrationPetition, *, by: Actor) -> None:
    """Delete a petition; the response deadline it started goes with it."""
    petition._history_user = by
    petition.delete()


@transaction.atomic
def delete_extension(extension: ExtensionAgreement, *, by: Actor) -> list[dict]:
    """Delete an extension agreement and recompute the request's clocks without it.

    1. Delete the extension.
    2. The latest remaining deemed request date, if any, becomes the request's again.
    3. Save the request through ``save_request`` (its deadlines recomputed once); when no date of
       the request moved, record the agreement's removal as the change.
    """
    reason = f"{extension.get_kind_display()} of {extension.agreed_on.isoformat()} deleted"
    request = NegotiationRequest.objects.select_for_update().get(pk=extension.request_id)
    extension._history_user = by
    extension._change_reason = reason
    extension.delete()
    stored_deemed = request.deemed_received_on
    deemed = (
        request.extensions.filter(kind=ExtensionAgreement.Kind.DEEMED_REQUEST_DATE)
        .order_by("agreed_on", "id")
        .last()
    )
    request.deemed_received_on = deemed.deemed_request_date if deemed else None
    moved = save_request(request, by=by, reason=reason)
    if stored_deemed == request.deemed_received_on:
        deadline_services.record_change(
            {"request": request},
            extension.get_kind_display(),
            _describe(extension),
            "",
            by=by,
            reason=reason,
            moved=moved,
        )
    return moved
