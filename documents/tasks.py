"""Rendering in the Celery worker: bounded in time, and in memory by the worker's process recycling.

``CELERY_WORKER_MAX_TASKS_PER_CHILD`` (settings) replaces a worker process after 50 tasks, which
returns whatever WeasyPrint and Pango held on to; the time limits below stop a render that runs away.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.actors import Actor
from documents.services import generate_document, load_subject, snapshot_of

logger = logging.getLogger(__name__)

RENDER_SOFT_TIME_LIMIT = 90
RENDER_TIME_LIMIT = 120


@shared_task(
    name="documents.render_document",
    soft_time_limit=RENDER_SOFT_TIME_LIMIT,
    time_limit=RENDER_TIME_LIMIT,
    acks_late=True,
    ignore_result=True,
)
def render_document(subject_kind: str, subject_id: int, fmt: str, user_id: int | None) -> int:
    """Generate a final document for the subject; returns the GeneratedDocument's id."""
    subject = load_subject(subject_kind, subject_id)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    document = generate_document(subject, subject_kind, fmt, user)
    logger.info("Worker generated document #%s", document.pk)
    return document.pk


def enqueue_generation(subject, kind: str, fmt: str, user: Actor) -> None:
    """Generate in the Celery worker once the current transaction commits (JSON-serialisable ids only)."""
    snapshot_of(subject, kind)  # refuse now, in the request, what the worker would refuse later
    user_id = user.pk if getattr(user, "pk", None) else None
    transaction.on_commit(lambda: render_document.delay(kind, subject.pk, fmt, user_id))
