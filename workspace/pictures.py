"""The dashboard's pictures as plain geometry, drawn by an inline SVG template: no JavaScript.

- ``timeline``: one lane per arbitration window, a bar from day 135 to day 160 (both inclusive),
  the last safe filing day marked, today a vertical line, each lane's closed days shaded with its
  own commission's calendar.
- ``month_grid``: a month of days, closed days shaded, days with deadlines marked.

The closure calendars come from one query (``calendars_for``) for every state drawn; the shading is
computed here, never by a query per lane or per day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from deadlines.calendar import CommissionCalendar
from deadlines.commission import calendars_for
from deadlines.models import Deadline
from jurisdictions.dates import MONTHS, say_date
from workspace.dashboard import matter_label
from workspace.templatetags.deadline_dates import closure_label
from workspace.templatetags.deadline_dates import days_left as days_left_label

PLOT_WIDTH = 430
LANE_HEIGHT = 40
AXIS_HEIGHT = 24
BOTTOM_HEIGHT = 18  # room for the "today" label under the lanes
MARGIN = 8
MIN_TICK_SPACING = 48


@dataclass(frozen=True)
class Span:
    x: float
    width: float
    title: str


@dataclass
class Lane:
    y: float
    label: str
    aria: str
    url: str
    days_left: str
    bar: Span
    safe: Span
    closed: list[Span] = field(default_factory=list)


@dataclass
class Timeline:
    width: int
    height: int
    start: date
    end: date
    lanes: list[Lane]
    today_x: float
    ticks: list[tuple[float, str]]
    description: str
    lanes_bottom: int = 0
    lane_height: int = LANE_HEIGHT
    axis_height: int = AXIS_HEIGHT


def closed_reasons(calendar: CommissionCalendar, day: date) -> list[str]:
    """Why the commission is closed: ["weekend"], ["Memorial Day"], or a holiday on a weekend as both."""
    name = calendar.closure_name(day)
    if not name:
        return []
    holiday = calendar.holiday_name(day)
    return list(dict.fromkeys([closure_label(name), *([holiday] if holiday else [])]))


def _closed_spans(calendar: CommissionCalendar, start: date, days: int, x_of, day_width: float) -> list[Span]:
    """Runs of closed days as rectangles: a weekend is one rectangle, not two."""
    spans: list[Span] = []
    run_start, length, names = None, 0, []
    for offset in range(days + 1):
        day = start + timedelta(days=offset)
        reasons = closed_reasons(calendar, day) if offset < days else []
        if reasons and run_start is None:
            run_start, length, names = day, 1, list(reasons)
        elif reasons:
            length += 1
            names += reasons
        elif run_start is not None:
            label = ", ".join(dict.fromkeys(names))
            title = f"Commission closed {say_date(run_start)}" + (
                f" to {say_date(day - timedelta(days=1))}" if length > 1 else ""
            )
            spans.append(Span(x_of(run_start), length * day_width, f"{title} ({label})"))
            run_start = None
    return spans


def timeline(windows: list[Deadline], today: date) -> Timeline | None:
    """Lay out the windows over the days from the earliest opening (or today) to the latest closing."""
    if not windows:
        return None
    start = min([today, *(w.opens_on for w in windows)]) - timedelta(days=2)
    end = max([today, *(w.due_on for w in windows)]) + timedelta(days=3)
    days = (end - start).days
    day_width = PLOT_WIDTH / days

    def x_of(day: date) -> float:
        return round(MARGIN + (day - start).days * day_width, 2)

    calendars = calendars_for({w.state_id for w in windows})
    lanes = []
    for index, window in enumerate(windows):
        y = AXIS_HEIGHT + index * LANE_HEIGHT
        matter = matter_label(window)
        days_left = (window.act_on - today).days
        aria = (
            f"{window.state_id}, {matter}: window from {say_date(window.opens_on)} (day 135) to "
            f"{say_date(window.due_on)} (day 160); last safe filing day {say_date(window.act_on)}, "
            f"{days_left} days from today"
        )
        lanes.append(
            Lane(
                y=y,
                label=f"{window.state_id} · {matter}",
                aria=aria,
                url=window.get_absolute_url(),
                days_left=days_left_label(days_left),
                bar=Span(
                    x_of(window.opens_on),
                    x_of(window.due_on + timedelta(days=1)) - x_of(window.opens_on),
                    f"Day 135 {say_date(window.opens_on)} to day 160 {say_date(window.due_on)}",
                ),
                safe=Span(x_of(window.act_on), day_width, f"Last safe filing day {say_date(window.act_on)}"),
                closed=_closed_spans(calendars[window.state_id], start, days, x_of, day_width),
            )
        )
    # A label every week when there is room for it, else every second or fourth week (on Mondays).
    weeks = next((n for n in (1, 2, 4) if 7 * n * day_width >= MIN_TICK_SPACING), 8)
    ticks = []
    day = start + timedelta(days=(7 - start.weekday()) % 7)
    while day <= end:
        # A label centred too near an edge would be cut off.
        if MIN_TICK_SPACING / 2 <= x_of(day) <= PLOT_WIDTH + 2 * MARGIN - MIN_TICK_SPACING / 2:
            ticks.append((x_of(day), f"{day.day} {MONTHS[day.month - 1]}"))
        day += timedelta(days=7 * weeks)
    lanes_bottom = AXIS_HEIGHT + len(windows) * LANE_HEIGHT
    return Timeline(
        width=PLOT_WIDTH + 2 * MARGIN,
        height=lanes_bottom + BOTTOM_HEIGHT,
        lanes_bottom=lanes_bottom,
        start=start,
        end=end,
        lanes=lanes,
        today_x=x_of(today) + day_width / 2,
        ticks=ticks,
        description=(
            f"{len(windows)} arbitration window(s) from {say_date(start)} to {say_date(end)}; "
            f"today is {say_date(today)}. Shaded days: the commission is closed."
        ),
    )


CELL_WIDTH = 46
CELL_HEIGHT = 40
HEADER_HEIGHT = 24


@dataclass(frozen=True)
class Cell:
    day: date
    x: int
    y: int
    closure: str
    count: int
    today: bool
    aria: str


@dataclass
class MonthGrid:
    first: date
    title: str
    width: int
    height: int
    weekdays: list[tuple[int, str]]
    cells: list[Cell]
    previous: str
    next: str
    calendar_note: str
    cell_width: int = CELL_WIDTH
    cell_height: int = CELL_HEIGHT


def month_grid(first: date, per_day: dict[date, int], today: date, state: str | None = None) -> MonthGrid:
    """A Monday-first month; closed days from the chosen state's commission, else weekends and federal holidays."""
    calendar = calendars_for([state])[state] if state else CommissionCalendar()
    cells = []
    day, row = first, 0
    while day.month == first.month:
        column = day.weekday()
        closure = ", ".join(closed_reasons(calendar, day))
        count = per_day.get(day, 0)
        parts = [say_date(day)]
        if count:
            parts.append(f"{count} deadline{'s' if count != 1 else ''}")
        if closure:
            parts.append(f"closed ({closure})")
        if day == today:
            parts.append("today")
        cells.append(
            Cell(
                day=day,
                x=column * CELL_WIDTH,
                y=HEADER_HEIGHT + row * CELL_HEIGHT,
                closure=closure,
                count=count,
                today=day == today,
                aria=parts[0] + (": " + "; ".join(parts[1:]) if parts[1:] else ""),
            )
        )
        if column == 6:
            row += 1
        day += timedelta(days=1)
    rows = row + (1 if cells[-1].day.weekday() != 6 else 0)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return MonthGrid(
        first=first,
        title=f"{first:%B %Y}",
        width=7 * CELL_WIDTH,
        height=HEADER_HEIGHT + rows * CELL_HEIGHT,
        weekdays=[(i * CELL_WIDTH + CELL_WIDTH // 2, name) for i, name in enumerate("MTWTFSS")],
        cells=cells,
        previous=f"{previous:%Y-%m}",
        next=f"{following:%Y-%m}",
        calendar_note=(
            f"Shaded: the {state} commission is closed."
            if state
            else "Shaded: weekends and federal holidays; choose a state to see its commission's closures."
        ),
    )
