"""Watching a deadline: a person who is not responsible for it asks to be reminded of it too."""

from __future__ import annotations

from django.db import transaction

from accounts.actors import Actor
from deadlines.models import Deadline
from deadlines.services.reminders import schedule_reminders


@transaction.atomic
def toggle_watch(deadline: Deadline, *, by: Actor) -> bool:
    """Start or stop ``by`` watching; True when they now watch. Reminders are re-planned either way.

    Reminders already sent are kept, and their uniqueness stops a new watcher-plan from sending
    anyone a lead time twice.
    """
    deadline = Deadline.objects.select_for_update().select_related("state").get(pk=deadline.pk)
    watching = deadline.watchers.filter(pk=by.pk).exists()
    if watching:
        deadline.watchers.remove(by)
    else:
        deadline.watchers.add(by)
    schedule_reminders([deadline])
    return not watching
