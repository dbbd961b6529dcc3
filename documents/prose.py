"""Small pieces of legal English the documents share: lists of names, dates as the documents write them."""

from __future__ import annotations

import re
from datetime import date

_LONG_RUN = re.compile(r"(\S{40})(?=\S)")


def join_names(names: list[str]) -> str:
    """“A”, “A and B”, “A, B, and C” — the serial comma the seed letter uses."""
    names = [name for name in names if name]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def long_date(day: date | str | None) -> str:
    """September 9, 2004."""
    day = as_date(day)
    return f"{day:%B} {day.day}, {day.year}" if day else ""


def short_date(day: date | str | None) -> str:
    """8/26/04, as the seed's signature blocks date a signature."""
    day = as_date(day)
    return f"{day.month}/{day.day}/{day:%y}" if day else ""


def as_date(day: date | str | None) -> date | None:
    if isinstance(day, str):
        return date.fromisoformat(day) if day else None
    return day


def breakable(text: str) -> str:
    """Let the PDF layout break a very long unbroken run of characters.

    WeasyPrint's cost to wrap one unbroken word grows with the square of its length (a 20,000
    character word takes seconds); a zero-width space every 40 characters keeps it linear. Real
    words, USOCs and e-mail addresses are far shorter and are left alone.
    """
    return _LONG_RUN.sub("\\1\u200b", text)
