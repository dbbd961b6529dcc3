"""The one door through which deadlines and reminders change.

- ``sync_deadlines``: make a trigger's stored deadlines equal to what the rules compute now,
  in the caller's transaction, recording what moved.
- ``schedule_reminders``: the outbox rows for deadlines' people and lead times.
- ``waive``: counsel waives a deadline, with a reason.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from deadlines import schedule
from deadlines.models import (
    MISSED_LEAD,
    Deadline,
    DeadlineKind,
    Reminder,
    ReminderPolicy,
    TriggerChange,
    iso,
)

DEFAULT_LEAD_DAYS = {
    DeadlineKind.WINDOW_OPENS: [14, 7, 1, 0],
    DeadlineKind.WINDOW_CLOSES: [30, 14, 7, 3, 1, 0],
}
OTHER_LEAD_DAYS = [14, 7, 1, 0]


def lead_days_by_kind() -> dict[str, tuple[list[int], bool]]:
    """Lead times and escalation per kind: the admin's policy, else the defaults."""
    policies = {p.kind: (p.days(), p.escalate_when_missed) for p in ReminderPolicy.objects.all()}
    return {
        kind: policies.get(kind, (DEFAULT_LEAD_DAYS.get(kind, OTHER_LEAD_DAYS), True))
        for kind in DeadlineKind.values
    }


def _trigger_filter(trigger) -> dict:
    from agreements.models import ArbitrationPetition, NegotiationRequest, StateFiling

    if isinstance(trigger, NegotiationRequest):
        return {"request": trigger}
    if isinstance(trigger, ArbitrationPetition):
        return {"petition": trigger}
    if isinstance(trigger, StateFiling):
        return {"filing": trigger}
    raise TypeError(f"{trigger!r} does not trigger deadlines")


def _specs_for(trigger) -> list[schedule.DeadlineSpec]:
    from agreements.models import ArbitrationPetition, NegotiationRequest

    if isinstance(trigger, NegotiationRequest):
        return schedule.request_deadlines(trigger)
    if isinstance(trigger, ArbitrationPetition):
        return schedule.petition_deadlines(trigger)
    return schedule.filing_deadlines(trigger)


def _people(trigger):
    """(counsel user, paralegal user) responsible by default: the request's, for all its triggers."""
    request = getattr(trigger, "request", None) if not hasattr(trigger, "counsel") else trigger
    if request is None:
        return None, None
    return (request.counsel.user if request.counsel_id else None), request.paralegal


@transaction.atomic
def sync_deadlines(trigger, *, by=None, reason: str = "") -> list[dict]:
    """Make the trigger's deadlines what the rules say now; return the ones whose dates moved.

    1. Compute the desired deadlines from the trigger's records.
    2. Create the missing ones; update moved ones (history keeps old → new with ``reason``);
       supersede stored ones the rules no longer produce.
    3. Re-plan the reminders of every deadline created or moved.
    """
    owner = _trigger_filter(trigger)
    wanted = {(spec.state, spec.kind): spec for spec in _specs_for(trigger)}
    stored = {(d.state_id, d.kind): d for d in Deadline.objects.select_for_update().filter(**owner)}
    counsel, paralegal = _people(trigger)
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


# Deadlines that are "met" merely because their day came; a petition or a decision meets the others.
MET_BY_TIME = (DeadlineKind.WINDOW_OPENS, DeadlineKind.DEEMED_APPROVAL, DeadlineKind.RURAL_EXEMPTION)


def _status_follows_time(deadline: Deadline) -> bool:
    if deadline.status in (Deadline.Status.SUPERSEDED, Deadline.Status.MISSED, Deadline.Status.OPEN):
        return True
    return deadline.status == Deadline.Status.MET and deadline.kind in MET_BY_TIME


def _fill_people(deadline: Deadline, counsel, paralegal) -> bool:
    """Give a deadline the matter's people when it has none yet; True if that changed anything."""
    changed = False
    if deadline.responsible_counsel_id is None and counsel is not None:
        deadline.responsible_counsel, changed = counsel, True
    if deadline.responsible_paralegal_id is None and paralegal is not None:
        deadline.responsible_paralegal, changed = paralegal, True
    return changed


def _same(deadline: Deadline, spec) -> bool:
    return (
        deadline.citation == spec.citation
        and deadline.trigger_date == spec.trigger_date
        and deadline.opens_on == spec.opens_on
        and deadline.estimated == spec.estimated
        and deadline.closure == spec.closure
    )


def record_change(trigger, field: str, old, new, *, by, reason: str, moved: list[dict]) -> TriggerChange:
    return TriggerChange.objects.create(
        **_trigger_filter(trigger),
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


def send_time(deadline: Deadline, lead_days: int) -> datetime:
    """REMINDER_SEND_HOUR in the commission's zone, ``lead_days`` before the business day to act."""
    zone = ZoneInfo(deadline.state.time_zone)
    day = deadline.act_on - timedelta(days=lead_days)
    return datetime.combine(day, time(settings.REMINDER_SEND_HOUR), tzinfo=zone)


def schedule_reminders(deadlines: list[Deadline]) -> int:
    """Replace the pending reminders of these deadlines with one per lead time and person.

    Lead times already past when the deadline is created or moved are not sent late, except
    the latest of them, so a person always hears of a deadline that is still ahead.
    """
    if not deadlines:
        return 0
    now = timezone.now()
    Reminder.objects.filter(deadline__in=deadlines, status=Reminder.Status.PENDING).delete()
    policy = lead_days_by_kind()
    fallback = None
    rows = []
    for deadline in deadlines:
        if deadline.status not in Deadline.ACTIVE:
            continue
        people = _recipients(deadline)
        if not people:
            fallback = fallback if fallback is not None else list(counsel_users())
            people = fallback
        due = [(lead, send_time(deadline, lead)) for lead in policy[deadline.kind][0]]
        future = [(lead, at) for lead, at in due if at >= now]
        past = [(lead, at) for lead, at in due if at < now]
        if past and deadline.act_on >= now.date():
            future.append((past[-1][0], now))
        for user in people:
            rows += [
                Reminder(deadline=deadline, lead_days=lead, recipient=user, next_attempt_at=at)
                for lead, at in future
            ]
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _recipients(deadline: Deadline) -> list:
    people = [deadline.responsible_counsel, deadline.responsible_paralegal, *deadline.watchers.all()]
    unique = {user.pk: user for user in people if user is not None and user.is_active}
    return list(unique.values())


def counsel_users():
    User = get_user_model()
    return User.objects.filter(
        Q(groups__name="Counsel") | Q(counsel__isnull=False), is_active=True
    ).distinct()


def cancel_reminders_of_inactive(owner: dict | None = None) -> int:
    """Pending reminders of deadlines that are met, waived or superseded are never sent."""
    inactive = Deadline.objects.exclude(status__in=Deadline.ACTIVE)
    if owner:
        inactive = inactive.filter(**owner)
    return Reminder.objects.filter(
        deadline__in=inactive, status=Reminder.Status.PENDING, lead_days__gte=0
    ).update(status=Reminder.Status.CANCELLED, next_attempt_at=None)


def advance_statuses(now: datetime | None = None, deadline_ids: list[int] | None = None) -> dict[str, int]:
    """Move deadlines along as days pass, set-based, one pass per commission time zone.

    1. A window whose day 135 has come: the closing deadline reads "window open", the opening one "met".
    2. A deadline a party acts by, past its statutory date: missed, and every counsel is told once.
    3. A commission's deadline past its date (9 months, deemed approval, rural decision): met by
       operation of law or, for the 9-month date, missed by the commission, which counsel must know.
    """
    from deadlines.commission import local_today
    from jurisdictions.models import State

    now = now or timezone.now()
    counts = {"opened": 0, "missed": 0, "passed": 0}
    active = Deadline.objects.filter(status__in=Deadline.ACTIVE)
    if deadline_ids is not None:
        active = active.filter(pk__in=deadline_ids)
    zones = (
        State.objects.filter(deadlines__status__in=Deadline.ACTIVE)
        .values_list("time_zone", flat=True)
        .distinct()
    )
    newly_missed: list[int] = []
    for zone in sorted(set(zones)):
        today = local_today(zone, now)
        here = active.filter(state__time_zone=zone)
        counts["opened"] += here.filter(
            kind=DeadlineKind.WINDOW_CLOSES,
            status=Deadline.Status.UPCOMING,
            opens_on__lte=today,
            due_on__gte=today,
        ).update(status=Deadline.Status.OPEN, status_changed_at=now)
        counts["opened"] += here.filter(kind=DeadlineKind.WINDOW_OPENS, due_on__lte=today).update(
            status=Deadline.Status.MET, status_changed_at=now
        )
        missed = here.filter(
            kind__in=[DeadlineKind.WINDOW_CLOSES, DeadlineKind.RESPONSE_DUE, DeadlineKind.RESOLUTION_DUE],
            due_on__lt=today,
        )
        ids = list(missed.values_list("pk", flat=True))
        counts["missed"] += Deadline.objects.filter(pk__in=ids, status__in=Deadline.ACTIVE).update(
            status=Deadline.Status.MISSED, status_changed_at=now
        )
        newly_missed += ids
        counts["passed"] += here.filter(
            kind__in=[DeadlineKind.DEEMED_APPROVAL, DeadlineKind.RURAL_EXEMPTION], due_on__lt=today
        ).update(status=Deadline.Status.MET, status_changed_at=now)
    if newly_missed:
        escalate(newly_missed, now)
    cancel_reminders_of_inactive()
    return counts


def escalate(deadline_ids: list[int], now: datetime) -> int:
    """One escalation reminder per missed deadline and counsel, unique like every reminder."""
    policy = lead_days_by_kind()
    deadlines = Deadline.objects.filter(pk__in=deadline_ids).only("pk", "kind")
    counsel = list(counsel_users().only("pk"))
    rows = [
        Reminder(deadline_id=d.pk, lead_days=MISSED_LEAD, recipient_id=user.pk, next_attempt_at=now)
        for d in deadlines
        if policy[d.kind][1]
        for user in counsel
    ]
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


@transaction.atomic
def waive(deadline: Deadline, *, by, reason: str) -> Deadline:
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
def resync_state(state_code: str, *, by=None, reason: str) -> int:
    """A commission's closure days changed: recompute the business days of its live deadlines."""
    from agreements.models import ArbitrationPetition, NegotiationRequest, StateFiling

    live = Deadline.objects.filter(state_id=state_code, status__in=Deadline.ACTIVE)
    triggers = [
        *NegotiationRequest.objects.filter(pk__in=live.values("request_id")),
        *ArbitrationPetition.objects.filter(pk__in=live.values("petition_id")),
        *StateFiling.objects.filter(pk__in=live.values("filing_id")),
    ]
    for trigger in triggers:
        sync_deadlines(trigger, by=by, reason=reason)
    return len(triggers)
