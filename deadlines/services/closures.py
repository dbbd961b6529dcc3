"""A commission's closure days, as the administrator corrects them; its live deadlines follow."""

from __future__ import annotations

from django.db import transaction

from accounts.actors import Actor
from deadlines.models import ClosureDay
from deadlines.signals import closures_changed


@transaction.atomic
def resync_state(state_code: str, *, by: Actor, reason: str) -> int:
    """A commission's closure days changed: its live deadlines' business days are recomputed.

    The engine cannot name the triggers, so it asks their owners (``signals.closures_changed``)
    and returns the number of triggers they recomputed.
    """
    answers = closures_changed.send(sender=ClosureDay, state_code=state_code, by=by, reason=reason)
    return sum(count for _, count in answers if isinstance(count, int))


@transaction.atomic
def save_closure_day(closure: ClosureDay, *, by: Actor) -> int:
    """Save a closure day (or a holiday the commission is open on); return the triggers recomputed."""
    closure.full_clean()
    closure._history_user = by
    closure.save()
    return resync_state(closure.state_id, by=by, reason=f"closure day {closure} saved")


@transaction.atomic
def delete_closure_day(closure: ClosureDay, *, by: Actor) -> int:
    """Remove a closure day; return the triggers recomputed."""
    state_code, described = closure.state_id, str(closure)
    closure._history_user = by
    closure.delete()
    return resync_state(state_code, by=by, reason=f"closure day {described} removed")
