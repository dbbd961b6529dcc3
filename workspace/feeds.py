"""Deadlines as iCalendar (RFC 5545) for Outlook and Google Calendar: a user's feed, a matter's download.

Each active deadline is one all-day event on the business day to act, with alarms before it. The UID
is stable per deadline and the SEQUENCE is the number of its recorded revisions, so a deadline that
moves (receipt confirmed, an extension agreed) updates the event in the client instead of doubling it.
Escaping and line folding are the ``icalendar`` package's.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from icalendar import Alarm, Calendar, Event, vDuration

from deadlines.models import Deadline, DeadlineKind
from jurisdictions.dates import say_date
from workspace.dashboard import matter_label, with_matter

PRODID = "-//ICA tracker//Section 252 deadlines//EN"
REFRESH = timedelta(hours=1)

# What the event's title says one must do (or what happens) on the day.
SUMMARIES = {
    DeadlineKind.WINDOW_OPENS: "First day to petition for arbitration",
    DeadlineKind.WINDOW_CLOSES: "Last safe day to petition",
    DeadlineKind.RESOLUTION_DUE: "Commission must resolve open issues",
    DeadlineKind.RESPONSE_DUE: "Response to arbitration petition due",
    DeadlineKind.DEEMED_APPROVAL: "Deemed approved if the commission does not act",
    DeadlineKind.RURAL_EXEMPTION: "Rural exemption decision due",
}
ALARM_DAYS = {DeadlineKind.WINDOW_CLOSES: (14, 7, 1)}
DEFAULT_ALARM_DAYS = (7, 1)


def short_citation(citation: str) -> str:
    """ "47 U.S.C. § 252(b)(1)" → "§ 252(b)(1)": the title has little room, the description has the rest."""
    return citation.replace("47 U.S.C. ", "")


def for_calendar(qs: QuerySet[Deadline]) -> QuerySet[Deadline]:
    """Active deadlines with their matter and their revision count, in one query."""
    revisions = Deadline.history.model.objects.filter(id=OuterRef("pk")).order_by().values("id")
    return (
        with_matter(qs.filter(status__in=Deadline.ACTIVE))
        .annotate(
            revisions=Subquery(revisions.annotate(n=Count("*")).values("n")[:1]),
            revised_at=Subquery(revisions.annotate(at=Max("history_date")).values("at")[:1]),
        )
        .order_by("act_on", "pk")
    )


def user_deadlines(user) -> QuerySet[Deadline]:
    """The deadlines ``user`` is responsible for (counsel or paralegal) or watches."""
    watched = Deadline.watchers.through.objects.filter(user=user).values("deadline_id")
    return for_calendar(
        Deadline.objects.filter(
            Q(responsible_counsel=user) | Q(responsible_paralegal=user) | Q(pk__in=watched)
        )
    )


def request_deadlines(request) -> QuerySet[Deadline]:
    """A matter's deadlines: the request's own and its arbitration petitions'."""
    return for_calendar(Deadline.objects.filter(Q(request=request) | Q(petition__request=request)))


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def summary(deadline: Deadline) -> str:
    return (
        f"{SUMMARIES.get(deadline.kind, deadline.get_kind_display())} ({short_citation(deadline.citation)})"
        f" — {deadline.state_id} — {matter_label(deadline)}"
    )


def description(deadline: Deadline, url: str) -> str:
    statutory = f"Statutory date: {say_date(deadline.due_on)}"
    if deadline.closure:
        statutory += f" — the commission is closed ({deadline.closure})"
    lines = [
        f"{deadline.get_kind_display()}, {deadline.citation}",
        f"Matter: {matter_label(deadline)}",
        f"State: {deadline.state.label} — {deadline.state.commission}",
        statutory,
        f"Business day to act: {say_date(deadline.act_on)}",
    ]
    if deadline.opens_on:
        lines.append(f"Window opens (day 135): {say_date(deadline.opens_on)}")
    if deadline.estimated:
        lines.append(
            "Receipt of the request is not confirmed: these dates are the safe window of an estimate."
        )
    lines.append(f"Record: {url}")
    return "\n".join(lines)


def event(deadline: Deadline, base_url: str, stamp: datetime) -> Event:
    url = base_url + deadline.get_absolute_url()
    item = Event()
    revised_at = getattr(deadline, "revised_at", None)
    item.add("uid", f"deadline-{deadline.pk}@{_host()}")
    # Without a METHOD, DTSTAMP is the time the event last changed (RFC 5545, 3.8.7.2).
    item.add("dtstamp", revised_at.astimezone(UTC).replace(microsecond=0) if revised_at else stamp)
    item.add("dtstart", deadline.act_on)
    item.add("dtend", deadline.act_on + timedelta(days=1))
    item.add("summary", " ".join(summary(deadline).split()))
    item.add("description", description(deadline, url))
    item.add("url", url)
    item.add("location", f"{deadline.state.commission} ({deadline.state_id})")
    item.add("sequence", getattr(deadline, "revisions", None) or 0)
    if revised_at:
        item.add("last-modified", revised_at.astimezone(UTC))
    item.add("status", "TENTATIVE" if deadline.estimated else "CONFIRMED")
    item.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy all day
    item.add("categories", [deadline.state_id, SUMMARIES.get(deadline.kind, deadline.kind)])
    for days in ALARM_DAYS.get(deadline.kind, DEFAULT_ALARM_DAYS):
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", timedelta(days=-days))
        alarm.add("description", f"In {days} day{'s' if days != 1 else ''}: {summary(deadline)}")
        item.add_component(alarm)
    return item


def calendar(deadlines: Iterable[Deadline], *, name: str, base_url: str) -> bytes:
    """A VCALENDAR of one all-day event per deadline, serialised (CRLF, folded, escaped)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # An X- property is not escaped as TEXT: a line break in a matter's name must not reach it.
    cal.add("x-wr-calname", " ".join(name.split()))
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    # An X- property is not typed by the package: write the duration as RFC 5545 spells it.
    cal.add("x-published-ttl", vDuration(REFRESH).to_ical().decode())
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    for deadline in deadlines:
        cal.add_component(event(deadline, base_url, stamp))
    return cal.to_ical()
