"""Counsel's pages: the deadline dashboard, the deadline list and record, notifications, calendar feeds.

Every view needs a login (global middleware) except the calendar feed, whose secret URL is its
credential; each checks its own permission. Every state change goes through ``deadlines.services``.
"""

from __future__ import annotations

import hashlib
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST, require_safe

from agreements import triggers
from agreements.models import NegotiationRequest
from deadlines import services
from deadlines.commission import calendar_for
from deadlines.models import CalendarFeed, Deadline, Notification, TriggerChange
from jurisdictions.dates import say_date
from workspace import dashboard, feeds
from workspace.forms.deadlines import DeadlineFilters, WaiveForm, parse_day, parse_month
from workspace.permissions import require_perm
from workspace.pictures import month_grid, timeline

VIEW = "deadlines.view_deadline"
WAIVE = "deadlines.waive_deadline"
VIEW_REQUEST = "agreements.view_negotiationrequest"
PER_PAGE = 50
CALENDAR_ROWS = 40


def today() -> date:
    """The day every dashboard row counts from (see ``workspace.dashboard``)."""
    return timezone.localdate()


def _filtered(request: HttpRequest) -> tuple[DeadlineFilters, dict, QuerySet[Deadline]]:
    filters = DeadlineFilters(request.GET)
    values = filters.values()
    return filters, values, dashboard.filtered(user=request.user, **values)


def _keep(request: HttpRequest, *names: str) -> dict[str, str]:
    """Parameters the filter form carries along as hidden fields, so filtering keeps the page's place."""
    return {name: request.GET[name] for name in names if request.GET.get(name)}


@require_GET
@require_perm(VIEW)
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard: five tables, a timeline of the arbitration windows and a month calendar."""
    now = today()
    filters, values, qs = _filtered(request)
    totals = dashboard.counts(qs, now)
    table_ids = {key: dashboard.first_ids(qs, key, now) for key in dashboard.TABLES}
    window_ids = dashboard.window_ids(qs, now)
    first = parse_month(request.GET.get("month"), now)
    per_day, month_ids = dashboard.month(qs, first, limit=CALENDAR_ROWS)
    found = dashboard.fetch([*window_ids, *month_ids, *(pk for ids in table_ids.values() for pk in ids)])

    def rows_of(ids: list[int]) -> list[dashboard.Row]:
        return [dashboard.row(found[pk], now) for pk in ids if pk in found]

    tables = [
        {
            "table": table,
            "rows": rows_of(table_ids[key]),
            "count": totals[key],
            "approval": key == "approval",
        }
        for key, table in dashboard.TABLES.items()
    ]
    return render(
        request,
        "deadlines/dashboard.html",
        {
            "nav": "dashboard",
            "today": now,
            "filters": filters,
            "keep": _keep(request, "month"),
            "tables": tables,
            "limit": dashboard.ROWS_PER_TABLE,
            # A row deleted between the two queries is left out rather than failing the page.
            "timeline": timeline([found[pk] for pk in window_ids if pk in found], now),
            "month": month_grid(first, per_day, now, values["state"]),
            "month_rows": rows_of(month_ids),
            "month_total": sum(per_day.values()),
        },
    )


@require_GET
@require_perm(VIEW)
def deadline_list(request: HttpRequest) -> HttpResponse:
    """Every row of one dashboard table, or of a day or month of the calendar, 50 to a page."""
    now = today()
    filters, _, qs = _filtered(request)
    key = request.GET.get("table")
    day = parse_day(request.GET.get("day"))
    if key in dashboard.TABLES:
        title = dashboard.TABLES[key].title
        rows = dashboard.table_rows(qs, key, now)
    elif day:
        title = f"Deadlines on {say_date(day)}"
        rows = dashboard.with_matter(dashboard.on_calendar(qs, day, day)).order_by("state_id", "pk")
    elif request.GET.get("month"):
        first = parse_month(request.GET.get("month"), now)
        title = f"Deadlines in {first:%B %Y}"
        rows = dashboard.with_matter(dashboard.on_calendar(qs, *dashboard.month_bounds(first))).order_by(
            "act_on", "state_id", "pk"
        )
    else:
        title = "All active deadlines"
        rows = dashboard.with_matter(qs.filter(status__in=Deadline.ACTIVE)).order_by("act_on", "pk")
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "deadlines/list.html",
        {
            "nav": "dashboard",
            "today": now,
            "title": title,
            "filters": filters,
            "page": page,
            "rows": [dashboard.row(d, now) for d in page],
            "table_key": key if key in dashboard.TABLES else "",
            "keep": _keep(request, "table", "day", "month"),
            "approval": key == "approval",
        },
    )


HISTORY_FIELDS = [
    ("status", "status"),
    ("due_on", "statutory date"),
    ("act_on", "business day to act"),
    ("opens_on", "window opens"),
    ("closure", "closed on the statutory date"),
    ("estimated", "receipt estimated"),
]


def _shown(value) -> str:
    """A stored value as counsel read it: dates with their weekday, yes/no, status labels."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool) or value in ("True", "False"):
        return "yes" if value in (True, "True") else "no"
    if isinstance(value, date):
        return say_date(value)
    if isinstance(value, str):
        try:
            return say_date(date.fromisoformat(value))
        except ValueError:
            return dict(Deadline.Status.choices).get(value, value)
    return str(value)


def _history(deadline: Deadline) -> list[dict]:
    """The deadline's saved versions, newest first, each with what changed from the one before."""
    entries, before = [], None
    # In the order the versions were saved: the ids are that order even when clocks disagree.
    for record in deadline.history.select_related("history_user").order_by("history_id"):
        changes = [
            (label, _shown(getattr(before, name)), _shown(getattr(record, name)))
            for name, label in HISTORY_FIELDS
            if before is not None and getattr(before, name) != getattr(record, name)
        ]
        if before is None or changes:
            entries.append({"record": record, "changes": changes, "created": before is None})
        before = record
    return list(reversed(entries))


def _trigger_changes(deadline: Deadline) -> list[dict]:
    """Who changed a date of this deadline's trigger (the request, petition or filing), and why."""
    if deadline.request_id:
        owner = {"request_id": deadline.request_id}
    elif deadline.petition_id:
        owner = {"petition_id": deadline.petition_id}
    else:
        owner = {"filing_id": deadline.filing_id}
    return [
        {
            "change": change,
            "field": triggers.label(change.field),
            "old": _shown(change.old_value),
            "new": _shown(change.new_value),
        }
        for change in TriggerChange.objects.filter(**owner).select_related("changed_by")
    ]


def _detail(request: HttpRequest, pk: int, waive_form: WaiveForm | None = None, status: int = 200):
    now = today()
    deadline = get_object_or_404(
        dashboard.with_matter(
            Deadline.objects.select_related("responsible_counsel", "responsible_paralegal")
        ),
        pk=pk,
    )
    watchers = list(deadline.watchers.order_by("username"))
    calendar = calendar_for(deadline.state_id)
    can_waive = request.user.has_perm(WAIVE) and deadline.status in Deadline.ACTIVE
    return render(
        request,
        "deadlines/detail.html",
        {
            "nav": "dashboard",
            "today": now,
            "deadline": deadline,
            "row": dashboard.row(deadline, now),
            # The other dates of the record are flagged too when the commission is closed on them.
            "opens_closure": calendar.closure_name(deadline.opens_on) if deadline.opens_on else "",
            "trigger_closure": calendar.closure_name(deadline.trigger_date),
            "watchers": watchers,
            "watching": any(user.pk == request.user.pk for user in watchers),
            "reminders": deadline.reminders.select_related("recipient").order_by("-lead_days", "id"),
            "history": _history(deadline),
            "trigger_changes": _trigger_changes(deadline),
            "can_waive": can_waive,
            "waive_form": waive_form or (WaiveForm() if can_waive else None),
        },
        status=status,
    )


@require_GET
@require_perm(VIEW)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


@require_POST
@require_perm(VIEW, WAIVE)
def waive(request: HttpRequest, pk: int) -> HttpResponse:
    """Counsel waives a deadline with a reason kept in its history; its pending reminders are cancelled."""
    deadline = get_object_or_404(Deadline, pk=pk)
    form = WaiveForm(request.POST)
    if deadline.status not in Deadline.ACTIVE:
        form.add_error(
            None, f"This deadline is {deadline.get_status_display().lower()}; it cannot be waived."
        )
    if not form.is_valid():
        return _detail(request, pk, waive_form=form, status=400)
    services.waive(deadline, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, f"Waived: {deadline.get_kind_display()} in {deadline.state_id}.")
    return redirect(deadline)


def _back(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and safe else default


@require_POST
@require_perm(VIEW)
def watch(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = get_object_or_404(Deadline, pk=pk)
    if services.toggle_watch(deadline, by=request.user):
        messages.success(request, "You are watching this deadline: its reminders will reach you too.")
    else:
        messages.success(request, "You no longer watch this deadline.")
    return redirect(_back(request, deadline.get_absolute_url()))


@require_GET
@require_perm(VIEW)
def notifications(request: HttpRequest) -> HttpResponse:
    """The user's in-app reminders, newest first, unread ones highlighted."""
    mine = (
        Notification.objects.filter(user=request.user)
        .select_related("deadline__state")
        .order_by("-created_at", "-id")
    )
    page = Paginator(mine, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "deadlines/notifications.html", {"page": page, "nav": "notifications"})


@require_POST
@require_perm(VIEW)
def mark_read(request: HttpRequest) -> HttpResponse:
    """Mark one notification (``id``) or all of the user's unread ones as read."""
    one = request.POST.get("id", "")
    if one and not one.isdigit():
        marked = 0  # not a notification of anyone's
    else:
        marked = services.mark_read(by=request.user, notification_id=int(one) if one else None)
    if not one:
        messages.success(request, f"Marked {marked} notification{'s' if marked != 1 else ''} as read.")
    return redirect(_back(request, reverse("deadlines:notifications")))


def _feed_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("deadlines:feed", args=[token]))


@require_GET
@require_perm(VIEW)
def calendar_page(request: HttpRequest) -> HttpResponse:
    return _calendar_page(request)


def _calendar_page(request: HttpRequest, url: str = "") -> HttpResponse:
    feed = CalendarFeed.objects.filter(user=request.user).first()
    response = render(
        request,
        "deadlines/calendar.html",
        {
            "nav": "calendar",
            "feed": feed,
            "feed_url": url,
            "webcal_url": url.replace("https://", "webcal://").replace("http://", "webcal://") if url else "",
            "count": feeds.user_deadlines(request.user).count(),
        },
    )
    # The page may carry the secret URL: keep it out of caches and the browser's back-forward store.
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@require_perm(VIEW)
def calendar_issue(request: HttpRequest) -> HttpResponse:
    """Make (or replace) the user's feed and show its URL this once; the old URL stops working."""
    replaced = CalendarFeed.objects.filter(user=request.user).exists()
    token = services.issue_feed(request.user, by=request.user)
    messages.success(
        request,
        "A new calendar URL was made; the old one no longer works."
        if replaced
        else "Your calendar URL was made.",
    )
    return _calendar_page(request, url=_feed_url(request, token))


@require_POST
@require_perm(VIEW)
def calendar_revoke(request: HttpRequest) -> HttpResponse:
    if services.revoke_feed(request.user, by=request.user):
        messages.success(request, "Your calendar URL was revoked: calendars subscribed to it stop updating.")
    return redirect("deadlines:calendar")


NOT_FOUND = b"Not found.\n"


@login_not_required  # calendar clients cannot log in: the secret token is the credential
@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The user's deadlines as iCalendar; any unknown or revoked token gets the same bare 404.

    Clients poll it every few minutes: an unchanged calendar answers 304 to its ETag.
    """
    user = services.feed_owner(token)
    if user is None or not user.has_perm(VIEW):
        return HttpResponseNotFound(NOT_FOUND, content_type="text/plain; charset=utf-8")
    body = feeds.calendar(
        feeds.user_deadlines(user),
        name=f"ICA deadlines — {user.get_full_name() or user.get_username()}",
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache", "X-Robots-Tag": "noindex"}
    if etag in request.headers.get("If-None-Match", ""):
        return HttpResponseNotModified(headers=headers)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8", headers=headers)
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    return response


@require_safe
@require_perm(VIEW, VIEW_REQUEST)
def matter_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """One request's deadlines (and its petitions') as an .ics file to import."""
    matter = get_object_or_404(NegotiationRequest, pk=pk)
    body = feeds.calendar(
        feeds.request_deadlines(matter),
        name=f"{matter.collective_name} → {matter.addressee_short_name or matter.addressee_name}",
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="request-{matter.pk}-deadlines.ics"'
    return response
