"""The in-app copies of reminders, as their recipient reads them."""

from __future__ import annotations

from django.utils import timezone

from accounts.actors import Actor
from deadlines.models import Notification


def mark_read(*, by: Actor, notification_id: int | None = None) -> int:
    """Mark one of ``by``'s unread notifications read, or all of them; return how many were marked.

    Another user's notification, or one already read, is left alone and counts nothing.
    """
    unread = Notification.objects.filter(user=by, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
