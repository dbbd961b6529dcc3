"""Which days a state commission is open, for counting filing days.

Pure Python on purpose: the lead feeds it plain values read from the admin-editable
closure table, so it can be tested and reused (management commands, tasks) without a
database.

The base is the ``holidays`` package's US calendar for the state, which is not a
commission's closure calendar (DOMAIN.md, "Holidays"): it lacks some closures (Missouri's
Lincoln's Birthday) and has days on which some offices stay open. ``added_closures`` and
``removed_holidays`` correct it per commission.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

import holidays

from jurisdictions.codes import normalise_state_code

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# A guard, not a rule: an administrator who closes every day of a year would otherwise
# send the business-day searches into an endless loop.
_MAX_SEARCH_DAYS = 366

ClosurePairs = tuple[tuple[date, str], ...]


@cache
def _package_holidays(state: str | None) -> holidays.HolidayBase:
    # Building the object is the slow part; years are then expanded lazily on lookup.
    return holidays.US(subdiv=state) if state else holidays.US()


@dataclass(frozen=True)
class CommissionCalendar:
    """A commission's closure calendar: weekends, package holidays, and the admin's corrections.

    ``added_closures`` may be given as any ``Mapping[date, str]`` or iterable of
    ``(date, name)`` pairs; it is stored as a sorted tuple of pairs so the calendar stays
    hashable (usable as a cache key) and compares by value. ``removed_holidays`` likewise
    accepts any iterable of dates and is stored as a frozenset. An added closure wins over a
    removed holiday on the same day, since it is the more specific statement.
    """

    state: str | None = None
    added_closures: Mapping[date, str] | ClosurePairs = ()
    removed_holidays: frozenset[date] = frozenset()
    _added: dict[date, str] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        state = normalise_state_code(self.state) if self.state else None
        pairs = tuple(sorted(dict(self.added_closures).items()))
        # Frozen dataclass: normalising the inputs needs object.__setattr__.
        object.__setattr__(self, "state", state)
        object.__setattr__(self, "added_closures", pairs)
        object.__setattr__(self, "removed_holidays", frozenset(self.removed_holidays))
        object.__setattr__(self, "_added", dict(pairs))

    def holiday_name(self, day: date) -> str | None:
        """The holiday closing the commission on ``day`` (weekends aside), else None."""
        if day in self._added:
            return self._added[day]
        if day in self.removed_holidays:
            return None
        return _package_holidays(self.state).get(day)

    def closure_name(self, day: date) -> str | None:
        """Why the commission is closed on ``day`` ("Saturday", "Sunday" or the holiday), else None."""
        if day.weekday() >= 5:
            return WEEKDAY_NAMES[day.weekday()]
        return self.holiday_name(day)

    def is_business_day(self, day: date) -> bool:
        return self.closure_name(day) is None

    def first_business_day_on_or_after(self, day: date) -> date:
        return self._search(day, timedelta(days=1))

    def last_business_day_on_or_before(self, day: date) -> date:
        return self._search(day, timedelta(days=-1))

    def next_business_day_after(self, day: date) -> date:
        return self.first_business_day_on_or_after(day + timedelta(days=1))

    def add_business_days(self, day: date, n: int) -> date:
        """The ``n``-th business day after ``day`` (before it when ``n`` < 0); ``day`` itself when 0."""
        step = timedelta(days=1 if n >= 0 else -1)
        for _ in range(abs(n)):
            day = self._search(day + step, step)
        return day

    def _search(self, day: date, step: timedelta) -> date:
        for _ in range(_MAX_SEARCH_DAYS):
            if self.is_business_day(day):
                return day
            day += step
        calendar = self.state or "federal"
        raise ValueError(f"The {calendar} calendar has no business day within a year of {day}.")


def default_closures(state: str, years: Iterable[int]) -> dict[date, str]:
    """Known commission closures the ``holidays`` package lacks, to seed the admin table.

    Missouri: Lincoln's Birthday, 12 February (RSMo 9.010). Missouri observes it on the date
    itself, so a 12 February falling on a weekend is kept as is, not moved to a weekday.
    """
    if normalise_state_code(state) == "MO":
        return {date(year, 2, 12): "Lincoln's Birthday" for year in years}
    return {}
