"""Deadlines as records: made equal to what their trigger's owner computed, met, waived, assigned.

Every change is saved row by row, so the history keeps who changed the deadline and why.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import models, transaction
from django.utils import timezone

from accounts.actors import Actor
from deadlines.models import Deadline, DeadlineKind, TriggerChange, iso
from deadlines.services.reminders import cancel_reminders_of_inactive, schedule_reminders
from deadlines.services.status import advance_statuses
from deadlines.specs import DeadlineSpec

# The foreign keys by which a deadline (and a recorded change) names its trigger.
OWNER_FIELDS = ("request", "petition", "filing")

# Deadlines that are "met" merely because their day came; a petition or a decision meets the others.
MET_BY_TIME = (DeadlineKind.WINDOW_OPENS, DeadlineKind.DEEMED_APPROVAL, DeadlineKind.RURAL_EXEMPTION)


def _checked(owner: dict[str, models.Model]) -> dict[str, models.Model]:
    if len(owner) != 1 or next(iter(owner)) not in OWNER_FIELDS:
        raise TypeError(f"A deadline's owner is one of {', '.join(OWNER_FIELDS)}, not {owner!r}.")
    return owner


@transaction.atomic
def sync_deadlines(
    owner: dict[str, models.Model],
    specs: list[DeadlineSpec],
    *,
    people: tuple[User | None, User | None],
    by: Actor,
    reason: str,
) -> list[dict]:
    """Make the owner's stored deadlines the ``specs``; return the ones whose dates moved.

    ``owner`` names the trigger as the deadline's foreign key (``{"request": request}``);
    ``people`` are the (counsel, paralegal) users given to deadlines that have none yet.

    1. Lock the owner's stored deadlines and pair them with the specs by (state, kind).
    2. Create the missing ones; update moved ones (history keeps old → new with ``reason``);
       supersede stored ones the specs no longer hold.
    3. Re-plan the reminders of every deadline created or moved, cancel those of inactive ones,
       and bring the statuses of the touched ones up to today.
    """
    owner = _checked(owner)
    wanted = {(spec.state, spec.kind): spec for spec in specs}
    stored = {(d.state_id, d.kind): d for d in Deadline.objects.select_for_update().filter(**owner)}
    counsel, paralegal = people
    moved: list[dict] = []
    touched: list[Deadline] = []
    for key, spec in wanted.items():
        deadline = stored.pop(key, None)
        status = Deadline.Status.WAIVED if spec.waived else None
        if deadline is None:
            deadline = Deadline(
                **owner,
                state_id=spec.state,
                kind=spec.kind,
                responsible_counsel=counsel,
                responsible_paralegal=paralegal,
            )
        elif (deadline.due_on, deadline.act_on) != (spec.due_on, spec.act_on):
            moved.append(
                {"kind": spec.kind, "state": spec.state, "old": iso(deadline.due_on), "new": iso(spec.due_on)}
            )
        elif (
            _same(deadline, spec)
            and (status is None or deadline.status == status)
            and not _fill_people(deadline, counsel, paralegal)
        ):
            continue
        _fill_people(deadline, counsel, paralegal)
        for field in ("citation", "trigger_date", "due_on", "act_on", "opens_on", "estimated"):
            setattr(deadline, field, getattr(spec, field))
        deadline.closure = spec.closure
        if status:
            deadline.status = status
        elif _status_follows_time(deadline):
            deadline.status = Deadline.Status.UPCOMING  # re-derived from the new dates below
        deadline.status_changed_at = timezone.now()
        deadline._change_reason = reason or "computed"
        deadline._history_user = by
        deadline.save()
        touched.append(deadline)
    for deadline in stored.values():
        if deadline.status != Deadline.Status.SUPERSEDED:
            deadline.status = Deadline.Status.SUPERSEDED
            deadline._change_reason = reason or "no longer applies"
            deadline._history_user = by
            deadline.save()
    schedule_reminders(touched)
    cancel_reminders_of_inactive(owner)
    advance_statuses(deadline_ids=[d.pk for d in touched])
    return moved


def _status_follows_time(deadline: Deadline) -> bool:
    if deadline.status in (Deadline.Status.SUPERSEDED, Deadline.Status.MISSED, Deadline.Status.OPEN):
        return True
    return deadline.status == Deadline.Status.MET and deadline.kind in MET_BY_TIME


def _fill_people(deadline: Deadline, counsel: User | None, paralegal: User | None) -> bool:
    """Give a deadline the matter's people when it has none yet; True if that changed anything."""
    changed = False
    if deadline.responsible_counsel_id is None and counsel is not None:
        deadline.responsible_counsel, changed = counsel, True
    if deadline.responsible_paralegal_id is None and paralegal is not None:
        deadline.responsible_paralegal, changed = paralegal, True
    return changed


def _same(deadline: Deadline, spec: DeadlineSpec) -> bool:
    return (
        deadline.citation == spec.citation
        and deadline.trigger_date == spec.trigger_date
        and deadline.opens_on == spec.opens_on
        and deadline.estimated == spec.estimated
        and deadline.closure == spec.closure
    )


def record_change(
    owner: dict[str, models.Model], field: str, old, new, *, by: Actor, reason: str, moved: list[dict]
) -> TriggerChange:
    """Who changed a date that drives the owner's deadlines, from what to what, why, and what moved."""
    return TriggerChange.objects.create(
        **_checked(owner),
        field=field,
        old_value=_text(old),
        new_value=_text(new),
        reason=reason,
        changed_by=by,
        deadlines_moved=moved,
    )


def _text(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


@transaction.atomic
def meet(deadlines: models.QuerySet[Deadline], *, by: Actor, reason: str) -> int:
    """Mark these deadlines met (a timely petition, a commission's decision); return how many changed.

    Each is saved with ``by`` and ``reason`` in its history, and its pending reminders are cancelled.
    """
    met = [d for d in deadlines.select_for_update() if d.status != Deadline.Status.MET]
    for deadline in met:
        deadline.status = Deadline.Status.MET
        deadline.status_changed_at = timezone.now()
        deadline._change_reason = reason
        deadline._history_user = by
        deadline.save()
    if met:
        cancel_reminders_of_inactive({"pk__in": [d.pk for d in met]})
    return len(met)


@transaction.atomic
def waive(deadline: Deadline, *, by: Actor, reason: str) -> Deadline:
    if not reason.strip():
        raise ValueError("Say why the deadline is waived (e.g. the parties' written waiver).")
    deadline.status = Deadline.Status.WAIVED
    deadline.status_changed_at = timezone.now()
    deadline._change_reason = reason
    deadline._history_user = by
    deadline.save()
    cancel_reminders_of_inactive({"pk": deadline.pk})
    return deadline


@transaction.atomic
def assign_people(deadline: Deadline, *, watchers: list[User], by: Actor, reason: str) -> Deadline:
    """Save the deadline's responsible people (as set on it) and its watchers; re-plan its reminders."""
    deadline._change_reason = reason
    deadline._history_user = by
    deadline.save()
    deadline.watchers.set(watchers)
    schedule_reminders([deadline])
    return deadline
