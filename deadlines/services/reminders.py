"""Who is reminded of a deadline, and when: the outbox rows of its people and lead times."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.actors import Actor
from deadlines.models import MISSED_LEAD, Deadline, DeadlineKind, Reminder, ReminderPolicy

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


def counsel_users() -> QuerySet[User]:
    return User.objects.filter(
        Q(groups__name="Counsel") | Q(counsel__isnull=False), is_active=True
    ).distinct()


def send_time(deadline: Deadline, lead_days: int) -> datetime:
    """REMINDER_SEND_HOUR in the commission's zone, ``lead_days`` before the business day to act."""
    zone = ZoneInfo(deadline.state.time_zone)
    day = deadline.act_on - timedelta(days=lead_days)
    return datetime.combine(day, time(settings.REMINDER_SEND_HOUR), tzinfo=zone)


def schedule_reminders(deadlines: list[Deadline]) -> int:
    """Replace the pending reminders of these deadlines with one per lead time and person.

    Lead times already past when the deadline is created or moved are not sent late, except
    the latest of them, so a person always hears of a deadline that is still ahead. A pending
    escalation of a missed deadline is not a lead time and is left to be sent.
    """
    if not deadlines:
        return 0
    now = timezone.now()
    Reminder.objects.filter(deadline__in=deadlines, status=Reminder.Status.PENDING, lead_days__gte=0).delete()
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


def _recipients(deadline: Deadline) -> list[User]:
    people = [deadline.responsible_counsel, deadline.responsible_paralegal, *deadline.watchers.all()]
    unique = {user.pk: user for user in people if user is not None and user.is_active}
    return list(unique.values())


def cancel_reminders_of_inactive(owner: dict | None = None) -> int:
    """Pending reminders of deadlines that are met, waived or superseded are never sent.

    ``owner`` narrows the deadlines looked at, as filter arguments (``{"request": request}``,
    ``{"pk__in": ids}``).
    """
    inactive = Deadline.objects.exclude(status__in=Deadline.ACTIVE)
    if owner:
        inactive = inactive.filter(**owner)
    return Reminder.objects.filter(
        deadline__in=inactive, status=Reminder.Status.PENDING, lead_days__gte=0
    ).update(status=Reminder.Status.CANCELLED, next_attempt_at=None)


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


def save_reminder_policy(policy: ReminderPolicy, *, by: Actor) -> ReminderPolicy:
    """An administrator's lead times for a kind; reminders already planned keep theirs until re-planned."""
    policy.full_clean()
    policy.save()
    return policy


def delete_reminder_policy(policy: ReminderPolicy, *, by: Actor) -> None:
    """Without a policy, the kind falls back to the default lead times."""
    policy.delete()
