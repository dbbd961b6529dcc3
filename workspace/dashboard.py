"""The deadline dashboard's questions, each answered by a query whose count does not grow with the rows.

- ``filtered``: the deadlines a counsel asked to see (state, carrier, responsible counsel, "mine").
- ``TABLES``: the five tables — windows open now, opening within 30 days, closing within 14 days,
  missed, awaiting approval — each a condition and an order.
- ``counts``: every table's total in one aggregate query.
- ``first_ids``, ``window_ids``, ``month``: which rows each table, the timeline and the month
  calendar show, as narrow id queries (the month's counts per day come with its ids).
- ``fetch``: those rows with everything a row shows (matter, state, trigger), in one wide query.

"Today" is the calendar day in settings.TIME_ZONE for every row, so that a row's "days left" and
the table it sits in always agree; the commissions' own zones differ from it by a few hours at most.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import CharField, Count, F, OuterRef, Q, QuerySet, Subquery, Value, Window
from django.db.models.functions import Coalesce, NullIf, RowNumber

from deadlines.models import ACT_BY_KINDS, Deadline, DeadlineKind
from jurisdictions.dates import say_date

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from carriers.models import Carrier

OPENING_DAYS = 30
CLOSING_DAYS = 14
ROWS_PER_TABLE = 25
ACTIVE = Deadline.ACTIVE
# What a calendar shows: everything that was or is a live date, not the replaced or waived ones.
NOT_ON_CALENDAR = (Deadline.Status.SUPERSEDED, Deadline.Status.WAIVED)


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    empty: str
    where: Callable[[date], Q]
    order: tuple[str, ...]


TABLES: dict[str, Table] = {
    table.key: table
    for table in (
        Table(
            "open",
            "Arbitration windows open now",
            "No arbitration window is open.",
            # By the dates, not only the status: between two sweeps a window that opened today is still
            # "upcoming" in the table, and it belongs here all the same.
            lambda today: Q(
                kind=DeadlineKind.WINDOW_CLOSES, status__in=ACTIVE, opens_on__lte=today, due_on__gte=today
            ),
            ("act_on", "pk"),
        ),
        Table(
            "opening",
            f"Windows opening in the next {OPENING_DAYS} days",
            f"No window opens in the next {OPENING_DAYS} days.",
            lambda today: Q(
                kind=DeadlineKind.WINDOW_OPENS,
                status__in=ACTIVE,
                act_on__gte=today,
                act_on__lte=today + timedelta(days=OPENING_DAYS),
            ),
            ("act_on", "pk"),
        ),
        Table(
            "closing",
            f"Closing in the next {CLOSING_DAYS} days",
            f"Nothing you must act on closes in the next {CLOSING_DAYS} days.",
            lambda today: Q(
                kind__in=ACT_BY_KINDS, status__in=ACTIVE, act_on__lte=today + timedelta(days=CLOSING_DAYS)
            ),
            ("act_on", "pk"),
        ),
        Table(
            "missed",
            "Missed",
            "Nothing has been missed.",
            lambda today: Q(status=Deadline.Status.MISSED),
            ("-act_on", "-pk"),
        ),
        Table(
            "approval",
            "Filings awaiting approval",
            "No filing is awaiting approval.",
            lambda today: Q(kind=DeadlineKind.DEEMED_APPROVAL, status__in=ACTIVE),
            ("act_on", "pk"),
        ),
    )
}


def filtered(
    *,
    user: User | None = None,
    state: str | None = None,
    carrier: Carrier | None = None,
    counsel: User | None = None,
    mine: bool = False,
) -> QuerySet[Deadline]:
    """Deadlines narrowed by the dashboard's filters; each filter is a subquery, so no row is doubled."""
    from agreements.models import Agreement, RequestParty
    from amendments.models import Amendment

    qs = Deadline.objects.all()
    if state:
        qs = qs.filter(state_id=state)
    if counsel is not None:
        qs = qs.filter(responsible_counsel=counsel)
    if mine and user is not None:
        watched = Deadline.watchers.through.objects.filter(user=user).values("deadline_id")
        qs = qs.filter(Q(responsible_counsel=user) | Q(responsible_paralegal=user) | Q(pk__in=watched))
    if carrier is not None:
        requests = RequestParty.objects.filter(affiliate__carrier=carrier).values("request_id")
        agreements = Agreement.objects.filter(
            Q(competitive_party__carrier=carrier) | Q(incumbent_party__carrier=carrier)
        ).values("pk")
        amendments = Amendment.objects.filter(
            Q(agreements__in=agreements)
            | Q(signatures__party__carrier=carrier)
            | Q(schedule__affiliate__carrier=carrier)
        ).values("pk")
        qs = qs.filter(
            Q(request__in=requests)
            | Q(petition__request__in=requests)
            | Q(filing__agreement__in=agreements)
            | Q(filing__amendment__in=amendments)
        )
    return qs


def _display_name(path: str) -> Coalesce:
    """An affiliate as documents name it: its short name, else its legal name."""
    return Coalesce(NullIf(F(f"{path}__short_name"), Value("")), F(f"{path}__legal_name"))


def with_matter(qs: QuerySet[Deadline]) -> QuerySet[Deadline]:
    """Everything a row shows, joined or annotated into the one query that fetches the rows.

    A filing names the parties of its agreement; an amendment's filing, those of the first agreement
    it amends (a subquery, not a prefetch, so an empty table costs the same as a full one).
    """
    from agreements.models import Agreement

    amended = Agreement.objects.filter(amendments=OuterRef("filing__amendment_id")).order_by("dated", "pk")
    return qs.select_related(
        "state",
        "request",
        "petition__request",
        "filing__agreement",
        "filing__amendment",
    ).annotate(
        filing_competitive=Coalesce(
            _display_name("filing__agreement__competitive_party"),
            Subquery(amended.annotate(n=_display_name("competitive_party")).values("n")[:1]),
            output_field=CharField(),
        ),
        filing_incumbent=Coalesce(
            _display_name("filing__agreement__incumbent_party"),
            Subquery(amended.annotate(n=_display_name("incumbent_party")).values("n")[:1]),
            output_field=CharField(),
        ),
    )


def matter_label(deadline: Deadline) -> str:
    """For whom: "KMC Telecom → CenturyTel", "Petition in MO: …", "Amendment … — KMC Telecom / BellSouth"."""
    request = deadline.request or (deadline.petition.request if deadline.petition_id else None)
    if request is not None:
        label = f"{request.collective_name} → {request.addressee_short_name or request.addressee_name}"
        return f"Petition in {deadline.petition.state_id}: {label}" if deadline.petition_id else label
    filing = deadline.filing
    parties = " / ".join(
        name
        for name in (getattr(deadline, "filing_competitive", ""), getattr(deadline, "filing_incumbent", ""))
        if name
    )
    if filing.amendment_id:
        amendment = filing.amendment
        what = amendment.number or f"Amendment effective {say_date(amendment.effective_on)}"
    else:
        what = "Agreement"
    return f"{what} — {parties}" if parties else what


def counts(qs: QuerySet[Deadline], today: date) -> dict[str, int]:
    """How many rows each table has, in one aggregate query."""
    return qs.aggregate(**{key: Count("pk", filter=table.where(today)) for key, table in TABLES.items()})


def table_rows(qs: QuerySet[Deadline], key: str, today: date) -> QuerySet[Deadline]:
    table = TABLES[key]
    return with_matter(qs.filter(table.where(today))).order_by(*table.order)


def first_ids(qs: QuerySet[Deadline], key: str, today: date, limit: int = ROWS_PER_TABLE) -> list[int]:
    """The ids of a table's first rows: a narrow query the planner answers from the deadline indexes."""
    table = TABLES[key]
    return list(qs.filter(table.where(today)).order_by(*table.order).values_list("pk", flat=True)[:limit])


def window_ids(qs: QuerySet[Deadline], today: date, limit: int = 12) -> list[int]:
    """Arbitration windows open now or opening within 30 days, for the timeline (day 135 to day 160)."""
    return list(
        qs.filter(
            kind=DeadlineKind.WINDOW_CLOSES,
            status__in=ACTIVE,
            opens_on__lte=today + timedelta(days=OPENING_DAYS),
            due_on__gte=today,
        )
        .order_by("opens_on", "act_on", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def month_bounds(first: date) -> tuple[date, date]:
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first, following - timedelta(days=1)


def on_calendar(qs: QuerySet[Deadline], start: date, end: date) -> QuerySet[Deadline]:
    return qs.exclude(status__in=NOT_ON_CALENDAR).filter(act_on__gte=start, act_on__lte=end)


def month(qs: QuerySet[Deadline], first: date, limit: int = 40) -> tuple[dict[date, int], list[int]]:
    """Deadlines per day of the month and the ids of its first ``limit`` rows, in one pass.

    Each row is numbered in the month's order and counted in its day with window functions; the
    query returns the first ``limit`` rows plus the first row of every other day (for its count),
    so one scan serves both the calendar's marks and its list.
    """
    start, end = month_bounds(first)
    rows = (
        on_calendar(qs, start, end)
        .annotate(
            position=Window(RowNumber(), order_by=[F("act_on"), F("state_id"), F("pk")]),
            on_day=Window(Count("pk"), partition_by=[F("act_on")]),
            # The same order within the day as ``position``: one sort serves all three windows.
            first_of_day=Window(RowNumber(), partition_by=[F("act_on")], order_by=[F("state_id"), F("pk")]),
        )
        .filter(Q(position__lte=limit) | Q(first_of_day=1))
        .order_by()  # at most limit + 31 rows come back: sorting them here spares the database a sort of all
        .values_list("pk", "act_on", "on_day", "position")
    )
    per_day: dict[date, int] = {}
    listed: list[int] = []
    for pk, day, on_day, position in sorted(rows, key=lambda row: row[3]):
        per_day[day] = on_day
        if position <= limit:
            listed.append(pk)
    return per_day, listed


def fetch(ids) -> dict[int, Deadline]:
    """Every row a page shows, from all its tables at once, in one query with all a row needs.

    The wide query (a dozen joins, two subqueries) is planned once per page instead of once per
    table. With no rows at all it still runs (no deadline has id 0), so an empty dashboard costs
    the same number of queries as a full one.
    """
    wanted = set(ids) or {0}
    return {deadline.pk: deadline for deadline in with_matter(Deadline.objects.filter(pk__in=wanted))}


# What the row's date means for each kind: counsel act on the first two, the commission on the others.
ACT_LABELS = {
    DeadlineKind.WINDOW_OPENS: "First filing day",
    DeadlineKind.WINDOW_CLOSES: "Last safe filing day",
    DeadlineKind.RESPONSE_DUE: "Last safe day to respond",
}


@dataclass(frozen=True)
class Row:
    """One deadline as a dashboard row: what, for whom, where, under which citation, when, how long."""

    deadline: Deadline
    what: str
    matter: str
    state: str
    citation: str
    act_on: date
    act_label: str
    act_closure: str
    due_on: date
    closure: str
    days: int
    estimated: bool
    url: str
    trigger_url: str


def row(deadline: Deadline, today: date) -> Row:
    # The business day to act differs from the statutory date only when the latter is a closed day.
    act_closure = deadline.closure if deadline.act_on == deadline.due_on else ""
    return Row(
        deadline=deadline,
        what=deadline.get_kind_display(),
        matter=matter_label(deadline),
        state=deadline.state_id,
        citation=deadline.citation,
        act_on=deadline.act_on,
        act_label=ACT_LABELS.get(deadline.kind, "Due (the commission's date)"),
        act_closure=act_closure,
        due_on=deadline.due_on,
        closure=deadline.closure,
        days=(deadline.act_on - today).days,
        estimated=deadline.estimated,
        url=deadline.get_absolute_url(),
        trigger_url=deadline.trigger.get_absolute_url(),
    )
