"""Watching a deadline: a person who is not responsible for it asks to be reminded of it too."""

from __future__ import annotations

from django.db import transaction

from deadlines.models import Deadline
from deadlines.services import schedule_reminders


@transaction.atomic
def toggle_watch(deadline: Deadline, user) -> bool:
    """Start or stop watching; True when ``user`` now watches. Reminders are re-planned either way.

    Reminders already sent are kept, and their uniqueness stops a new watcher-plan from sending
    anyone a lead time twice.
    """
    deadline = Deadline.objects.select_for_update().select_related("state").get(pk=deadline.pk)
    watching = deadline.watchers.filter(pk=user.pk).exists()
    if watching:
        deadline.watchers.remove(user)
    else:
        deadline.watchers.add(user)
    schedule_reminders([deadline])
    return not watching
