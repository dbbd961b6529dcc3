"""The one way the tracker writes a date: "Sat 22 Jan 2005".

Every page, message, feed and picture says a date through :func:`say_date`. The weekday is always
there because a deadline that falls on a Saturday is a different deadline: counsel must never have
to work out which day of the week a date is. The generated documents (letters, amendments) keep
their own typography, copied from the real documents ("September 9, 2004"), in documents/prose.py.
"""

from __future__ import annotations

from datetime import date

# Spelled here rather than through strftime's %a/%b, which follow the process's locale.
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NO_DATE = "—"


def say_date(day: date | None) -> str:
    """ "Sat 22 Jan 2005"; "—" when there is no date."""
    if day is None:
        return NO_DATE
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"
