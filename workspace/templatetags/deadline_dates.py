"""Dates as counsel read them on the deadline pages: the weekday always, and whether the commission is
closed that day.

``{% dated day closure %}`` → "Sat 22 Jan 2005 — weekend"; ``{{ n|days_left }}`` → "22 days", "today",
"3 days overdue". The date itself is always written by :func:`jurisdictions.dates.say_date`.
"""

from __future__ import annotations

from datetime import date

from django import template
from django.utils.html import format_html

from jurisdictions.dates import say_date

register = template.Library()

WEEKEND = ("Saturday", "Sunday")


@register.filter
def closure_label(closure: str | None) -> str:
    """ "weekend" for a Saturday or Sunday, else the holiday's name: counsel know which day of the week it is."""
    if not closure:
        return ""
    return "weekend" if closure in WEEKEND else closure


@register.simple_tag
def dated(day: date | None, closure: str | None = None) -> str:
    """The date with its weekday, flagged when the commission is closed on it."""
    if not closure:
        return format_html('<time datetime="{}">{}</time>', day.isoformat() if day else "", say_date(day))
    return format_html(
        '<time datetime="{}">{}</time><span class="closure"> — {}</span>',
        day.isoformat() if day else "",
        say_date(day),
        closure_label(closure),
    )


@register.filter
def days_left(days: int | None) -> str:
    if days is None:
        return ""
    if days == 0:
        return "today"
    if days < 0:
        return f"{-days} day{'s' if days != -1 else ''} overdue"
    return f"{days} day{'s' if days != 1 else ''}"
