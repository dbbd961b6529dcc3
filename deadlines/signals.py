"""What the deadline engine tells the apps above it, which own the triggers it cannot name."""

from __future__ import annotations

from django.dispatch import Signal

# A commission's closure days changed (keyword arguments: state_code, by, reason). Each receiver
# recomputes the live deadlines of the triggers it owns in that state, in the sender's
# transaction, and returns how many triggers it recomputed.
closures_changed = Signal()
