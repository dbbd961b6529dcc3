"""The record pages' tags: a date in its <time> element, and whether a form has errors."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils.html import format_html

from jurisdictions.dates import NO_DATE, say_date

register = template.Library()


@register.filter
def day(value: date | None) -> str:
    """<time datetime="2005-01-22">Sat 22 Jan 2005</time>; an empty value is a dash."""
    if not value:
        return NO_DATE
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), say_date(value))


@register.filter
def field_has_errors(form) -> bool:
    return bool(form.is_bound and form.errors)
