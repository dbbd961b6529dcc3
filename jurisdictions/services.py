"""The one door through which states and their commissions change."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from jurisdictions.models import State

# accounts.actors.Actor, spelled out: jurisdictions sits below accounts and imports nothing of it.
Actor = User | None


@transaction.atomic
def save_state(state: State, *, by: Actor) -> State:
    """Check and save a state: its code must be a US postal code, its zone a commission's seat."""
    state.full_clean()
    state.save()
    return state


@transaction.atomic
def delete_state(state: State, *, by: Actor) -> None:
    """Delete a state no record names (deadlines, filings and rate elements protect theirs)."""
    state.delete()
