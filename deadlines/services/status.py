"""Deadlines moving along as days pass: window open, met by operation of law, missed."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from deadlines.commission import local_today
from deadlines.models import Deadline, DeadlineKind
from deadlines.services.reminders import cancel_reminders_of_inactive, escalate
from jurisdictions.models import State


def advance_statuses(now: datetime | None = None, deadline_ids: list[int] | None = None) -> dict[str, int]:
    """Move deadlines along as days pass, set-based, one pass per commission time zone.

    1. A window whose day 135 has come: the closing deadline reads "window open", the opening one "met".
    2. A deadline a party acts by, past its statutory date: missed, and every counsel is told once.
    3. A commission's deadline past its date (9 months, deemed approval, rural decision): met by
       operation of law or, for the 9-month date, missed by the commission, which counsel must know.
    """
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
