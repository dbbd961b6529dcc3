"""What every workspace page needs to draw its header: the role's abilities and unread notifications."""

from __future__ import annotations


def workspace(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from deadlines.models import Notification

    return {
        "unread_notifications": Notification.objects.filter(user=user, read_at__isnull=True).count(),
        "can_edit": user.has_perm("agreements.change_negotiationrequest"),
        "can_confirm": user.has_perm("agreements.confirm_dates"),
    }
