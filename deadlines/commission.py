"""A commission's calendar as the administrator has corrected it: the package plus ClosureDay rows."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from deadlines.calendar import CommissionCalendar
from deadlines.models import ClosureDay


def calendars_for(state_codes) -> dict[str, CommissionCalendar]:
    """One query for all the states' closure days, then a calendar per state."""
    codes = sorted(set(state_codes))
    added: dict[str, dict[date, str]] = defaultdict(dict)
    removed: dict[str, set[date]] = defaultdict(set)
    for row in ClosureDay.objects.filter(state_id__in=codes).only("state_id", "day", "name", "open"):
        if row.open:
            removed[row.state_id].add(row.day)
        else:
            added[row.state_id][row.day] = row.name
    return {
        code: CommissionCalendar(code, added_closures=added[code], removed_holidays=frozenset(removed[code]))
        for code in codes
    }


def calendar_for(state_code: str) -> CommissionCalendar:
    return calendars_for([state_code])[state_code]


def local_today(time_zone: str, now: datetime | None = None) -> date:
    """The calendar day at the commission's seat: a filing day is a day in that zone."""
    return (now or timezone.now()).astimezone(ZoneInfo(time_zone)).date()
