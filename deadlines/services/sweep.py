"""The reminder sweep: claim due outbox rows by compare-and-set, send them, mark them sent.

Several sweeps may run at once (two beats by mistake, a slow sweep overlapping the next): each
claims rows with one UPDATE whose WHERE re-checks that the row is still due, so a row is claimed
by one sweep only. A sweep that dies after claiming leaves rows whose lease expires; the next
sweep claims them again. A sweep that dies after sending but before marking sends a duplicate
once the lease expires — rare, and better than a lost reminder.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import F
from django.utils import timezone

from deadlines.models import MISSED_LEAD, Notification, Reminder

log = logging.getLogger(__name__)
DUE = {"status__in": [Reminder.Status.PENDING, Reminder.Status.CLAIMED]}


def claim_due(now: datetime, batch: int, lease: timedelta) -> tuple[uuid.UUID, list[Reminder]]:
    """Claim up to ``batch`` due reminders for this sweep (three queries, whatever the table's size).

    1. Read the ids of the oldest due rows through the partial index on ``next_attempt_at``.
    2. UPDATE them to claimed with this sweep's token, only where they are still due: a row
       another sweep claimed meanwhile has a lease in the future and is skipped.
    3. Read back exactly the rows that carry this sweep's token.
    """
    ids = list(
        Reminder.objects.filter(**DUE, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:batch]
    )
    token = uuid.uuid4()
    if not ids:
        return token, []
    Reminder.objects.filter(pk__in=ids, **DUE, next_attempt_at__lte=now).update(
        status=Reminder.Status.CLAIMED,
        claim_token=token,
        next_attempt_at=now + lease,
        attempts=F("attempts") + 1,
    )
    claimed = list(
        Reminder.objects.filter(claim_token=token, status=Reminder.Status.CLAIMED)
        .select_related(
            "recipient",
            "deadline__state",
            "deadline__request",
            "deadline__petition",
            "deadline__filing__amendment",
            "deadline__filing__agreement__competitive_party",
            "deadline__filing__agreement__incumbent_party",
        )
        # The matter's name in the message lists its states: one query for all, not one per reminder.
        .prefetch_related("deadline__request__states")
    )
    return token, claimed


def message_for(reminder: Reminder) -> tuple[str, str]:
    d = reminder.deadline
    when = d.act_on.strftime("%A %B %-d, %Y")
    matter = str(d.trigger)
    if reminder.lead_days == MISSED_LEAD:
        subject = f"MISSED: {d.get_kind_display()} — {d.state_id} — {matter}"
    elif reminder.lead_days == 0:
        subject = f"TODAY: {d.get_kind_display()} — {d.state_id} — {matter}"
    else:
        subject = f"In {reminder.lead_days} days: {d.get_kind_display()} — {d.state_id} — {matter}"
    lines = [
        f"{d.get_kind_display()} ({d.citation})",
        f"Matter: {matter}",
        f"State: {d.state_id}",
        f"Statutory date: {d.due_on:%A %B %-d, %Y}" + (f" (falls on {d.closure})" if d.closure else ""),
        f"Business day to act: {when}",
    ]
    if d.estimated:
        lines.append(
            "Receipt of the request is not confirmed: these dates are the safe window of an estimate."
        )
    lines.append(f"Record: {settings.SITE_URL}{d.get_absolute_url()}")
    return subject[:250], "\n".join(lines)


def deliver(now: datetime | None = None, batch: int | None = None) -> dict[str, int]:
    """One pass of the outbox: claim, send by e-mail and in the app, mark sent."""
    now = now or timezone.now()
    batch = batch or settings.REMINDER_BATCH_SIZE
    lease = timedelta(seconds=settings.REMINDER_LEASE_SECONDS)
    token, claimed = claim_due(now, batch, lease)
    if not claimed:
        return {"claimed": 0, "sent": 0, "failed": 0}
    _fault_point("after_claim")
    sent: list[tuple[Reminder, str]] = []
    failed = 0
    connection = get_connection()
    try:
        connection.open()
        for reminder in claimed:
            subject, body = message_for(reminder)
            address = reminder.recipient.email
            try:
                if address:
                    EmailMessage(subject, body, to=[address], connection=connection).send()
                sent.append((reminder, subject))
            except Exception as exc:  # noqa: BLE001 - one bad address must not stop the batch
                failed += 1
                log.warning("reminder %s not sent: %s", reminder.pk, exc)
                Reminder.objects.filter(pk=reminder.pk, claim_token=token).update(last_error=str(exc)[:300])
    finally:
        connection.close()
    _fault_point("after_send")
    done = Reminder.objects.filter(pk__in=[r.pk for r, _ in sent], claim_token=token).update(
        status=Reminder.Status.SENT, sent_at=timezone.now(), next_attempt_at=None
    )
    Notification.objects.bulk_create(
        [
            Notification(user=r.recipient, deadline=r.deadline, reminder=r, message=subject)
            for r, subject in sent
        ],
        ignore_conflicts=True,
    )
    return {"claimed": len(claimed), "sent": done, "failed": failed}


def _fault_point(name: str) -> None:
    """Fault injection for the crash tests: ``TRACKER_FAULT=after_claim:30`` sleeps 30 s there."""
    fault = os.environ.get("TRACKER_FAULT", "")
    if fault.startswith(name + ":"):
        log.warning("fault point %s: sleeping", name)
        time.sleep(float(fault.split(":", 1)[1]))
