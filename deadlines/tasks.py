"""Celery tasks. Beat only triggers them; what is due, and whether it was sent, lives in the database."""

from __future__ import annotations

import logging
from smtplib import SMTPException

from celery import shared_task
from django.db import OperationalError

from deadlines import services

log = logging.getLogger(__name__)
TRANSIENT = (OperationalError, SMTPException, ConnectionError, TimeoutError)


@shared_task(
    name="deadlines.sweep",
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=120,
    time_limit=180,
)
def sweep_task() -> dict:
    """Advance deadline statuses, then deliver due reminders until the outbox has no due row."""
    counts = services.advance_statuses()
    delivered = {"claimed": 0, "sent": 0, "failed": 0}
    for _ in range(20):  # bounded: a huge backlog is finished by the next beat
        result = services.deliver()
        for key in delivered:
            delivered[key] += result[key]
        if result["claimed"] == 0:
            break
    log.info("sweep: %s %s", counts, delivered)
    return {**counts, **delivered}


@shared_task(
    name="deadlines.weekly_digest",
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=300,
    time_limit=360,
)
def weekly_digest_task() -> int:
    return services.send_weekly_digests()


def enqueue_sweep() -> None:
    """After a commit, ask a worker for a sweep now; if the broker is down, beat's next run does it."""
    try:
        sweep_task.delay()
    except Exception as exc:  # noqa: BLE001 - the database already holds what is due
        log.warning("could not enqueue a sweep (%s); the next scheduled sweep will deliver", exc)
