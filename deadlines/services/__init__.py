"""The one door through which deadlines, their reminders and everything else of the deadlines app change.

- ``sync_deadlines``: make a trigger's stored deadlines equal to the specs its owner computed,
  in the caller's transaction, recording what moved (``record_change``).
- ``meet``, ``waive``, ``assign_people``: a deadline met, waived, or given its people.
- ``advance_statuses``: deadlines moving along as days pass.
- ``schedule_reminders`` and the sweep (``deliver``): the reminders outbox.
- ``send_weekly_digests``, calendar feeds, watching, notifications, closure days.

Modules outside ``deadlines.services`` read the deadlines models and call these to change them.
"""

from deadlines.services.closures import delete_closure_day, resync_state, save_closure_day
from deadlines.services.digest import send_weekly_digests
from deadlines.services.feeds import feed_owner, issue_feed, revoke_feed
from deadlines.services.notifications import mark_read
from deadlines.services.records import assign_people, meet, record_change, sync_deadlines, waive
from deadlines.services.reminders import (
    cancel_reminders_of_inactive,
    counsel_users,
    delete_reminder_policy,
    escalate,
    lead_days_by_kind,
    save_reminder_policy,
    schedule_reminders,
    send_time,
)
from deadlines.services.status import advance_statuses
from deadlines.services.sweep import claim_due, deliver
from deadlines.services.watching import toggle_watch

__all__ = [
    "advance_statuses",
    "assign_people",
    "cancel_reminders_of_inactive",
    "claim_due",
    "counsel_users",
    "delete_closure_day",
    "delete_reminder_policy",
    "deliver",
    "escalate",
    "feed_owner",
    "issue_feed",
    "lead_days_by_kind",
    "mark_read",
    "meet",
    "record_change",
    "resync_state",
    "revoke_feed",
    "save_closure_day",
    "save_reminder_policy",
    "schedule_reminders",
    "send_time",
    "send_weekly_digests",
    "sync_deadlines",
    "toggle_watch",
    "waive",
]
