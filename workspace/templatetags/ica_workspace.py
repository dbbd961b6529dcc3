"""Dates as the workspace shows them: the raw date, and its weekday where a deadline hangs on it."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def day(value: date | None) -> str:
    """<time datetime="2005-01-22">Jan 22, 2005</time>; an empty value is a dash."""
    if not value:
        return "—"
    return format_html(
        '<time datetime="{}">{} {}, {}</time>', value.isoformat(), f"{value:%b}", value.day, value.year
    )


@register.filter
def weekday(value: date | None) -> str:
    return f"{value:%A}" if value else ""


@register.filter
def day_and_weekday(value: date | None) -> str:
    """Saturday, Jan 22, 2005 — for a date a paralegal must not misread."""
    if not value:
        return "—"
    return format_html(
        '<time datetime="{}">{}, {} {}, {}</time>',
        value.isoformat(),
        f"{value:%A}",
        f"{value:%b}",
        value.day,
        value.year,
    )


@register.filter
def field_has_errors(form) -> bool:
    return bool(form.is_bound and form.errors)
