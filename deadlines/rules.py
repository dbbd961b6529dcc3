"""The statutory clocks of 47 U.S.C. §§ 251–252, as small pure functions.

Day 0 is the trigger date; day N is trigger + N calendar days (DOMAIN.md, "The statutory
clocks"). Every raw statutory date is kept as computed and carries the reason the
commission is closed on it, if any, so the UI can flag it; business-day adjustments are
separate fields and never replace the raw date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from deadlines.calendar import WEEKDAY_NAMES, CommissionCalendar

CITE_ARBITRATION_WINDOW = "47 U.S.C. § 252(b)(1)"
CITE_RESPONSE = "47 U.S.C. § 252(b)(3)"
CITE_RESOLUTION = "47 U.S.C. § 252(b)(4)(C)"
CITE_APPROVAL = "47 U.S.C. § 252(e)(4)"
CITE_RURAL_EXEMPTION = "47 U.S.C. § 251(f)(1)(B)"
CITE_FCC_PREEMPTION = "47 U.S.C. § 252(e)(5); 47 CFR 51.801–51.803"

ARBITRATION_OPENS_DAY = 135  # § 252(b)(1): "from the 135th ..."
ARBITRATION_CLOSES_DAY = 160  # § 252(b)(1): "... to the 160th day (inclusive)"
RESPONSE_DAYS = 25  # § 252(b)(3), from the commission's receipt of the petition
RESOLUTION_MONTHS = 9  # § 252(b)(4)(C), from the incumbent's receipt of the request
APPROVAL_DAYS = {"negotiated": 90, "adopted": 90, "arbitrated": 30}  # § 252(e)(4)
RURAL_EXEMPTION_DAYS = 120  # § 251(f)(1)(B)
FCC_PREEMPTION_DAYS = 90  # § 252(e)(5), 47 CFR 51.801–51.803

DELIVERY_METHODS = ("hand", "email", "fax", "overnight", "certified_mail", "mail")
# Latest plausible delivery of (certified) mail, in business days after the letter date.
MAIL_DELIVERY_BUSINESS_DAYS = 5

PetitionStatus = Literal["premature", "timely", "untimely"]


def add_months(day: date, months: int) -> date:
    """Same day of the month ``months`` later; the month's last day if that day does not exist.

    31 May 2005 + 9 months = 28 February 2006; 31 May 2007 + 9 months = 29 February 2008.
    """
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    first_of_next = date(year + (month0 + 1) // 12, (month0 + 1) % 12 + 1, 1)
    last_day = (first_of_next - timedelta(days=1)).day
    return date(year, month0 + 1, min(day.day, last_day))


@dataclass(frozen=True)
class StatutoryDate:
    """A raw statutory date; ``closure`` says why the commission is closed on it ("Saturday",
    "Lincoln's Birthday"), or is None on a business day."""

    kind: str
    citation: str
    due: date
    closure: str | None

    @property
    def weekday(self) -> str:
        return WEEKDAY_NAMES[self.due.weekday()]


def _statutory(kind: str, citation: str, due: date, calendar: CommissionCalendar) -> StatutoryDate:
    return StatutoryDate(kind, citation, due, calendar.closure_name(due))


@dataclass(frozen=True)
class ArbitrationWindow:
    """The § 252(b)(1) window: raw day 135 and day 160, plus the business days to file on.

    ``received`` is day 0 of day 160 and ``received_latest`` day 0 of day 135; they are the
    same date unless receipt is an unconfirmed range (see ``safe_window``).

    ``last_safe_filing_day`` is never after ``closes``: no rule found extends the federal
    window past a weekend or holiday (Texas 16 TAC § 21.9 expressly excludes it from its
    roll-forward).

    ``state_roll_forward_day`` is NON-SAFE: the first business day after a ``closes`` that
    falls on a closure, which a state's general roll-forward rule might allow. Show it only as
    a labelled, non-safe option; never file on it by default.
    """

    received: date
    received_latest: date
    opens: StatutoryDate
    closes: StatutoryDate
    first_filing_day: date
    last_safe_filing_day: date
    state_roll_forward_day: date | None

    @property
    def days_long(self) -> int:
        """Calendar days in the window, both ends counted (26 for a confirmed receipt)."""
        return (self.closes.due - self.opens.due).days + 1

    @property
    def has_safe_filing_day(self) -> bool:
        """False when a wide receipt range or a run of closures leaves no business day to file."""
        return self.first_filing_day <= self.last_safe_filing_day


def safe_window(earliest: date, latest: date, calendar: CommissionCalendar) -> ArbitrationWindow:
    """The window that is safe whichever plausible receipt date is the true one.

    It opens 135 days after the *latest* plausible receipt and closes 160 days after the
    *earliest*, so a petition filed inside it is timely on every assumption (DOMAIN.md,
    "Receipt uncertainty"). With ``earliest == latest`` it is the plain window.
    """
    if earliest > latest:
        raise ValueError(f"Earliest receipt {earliest} is after latest receipt {latest}.")
    opens = _statutory(
        "window_opens", CITE_ARBITRATION_WINDOW, latest + timedelta(days=ARBITRATION_OPENS_DAY), calendar
    )
    closes = _statutory(
        "window_closes", CITE_ARBITRATION_WINDOW, earliest + timedelta(days=ARBITRATION_CLOSES_DAY), calendar
    )
    return ArbitrationWindow(
        received=earliest,
        received_latest=latest,
        opens=opens,
        closes=closes,
        first_filing_day=calendar.first_business_day_on_or_after(opens.due),
        last_safe_filing_day=calendar.last_business_day_on_or_before(closes.due),
        state_roll_forward_day=(
            calendar.first_business_day_on_or_after(closes.due) if closes.closure else None
        ),
    )


def arbitration_window(received: date, calendar: CommissionCalendar) -> ArbitrationWindow:
    """§ 252(b)(1): petition from day 135 to day 160 (inclusive) after the incumbent's receipt."""
    return safe_window(received, received, calendar)


def judge_petition(filed_on: date, window: ArbitrationWindow) -> PetitionStatus:
    """Against the raw day 135 and day 160, both inclusive (§ 252(b)(1))."""
    if filed_on < window.opens.due:
        return "premature"
    if filed_on > window.closes.due:
        return "untimely"
    return "timely"


def resolution_due(received: date, calendar: CommissionCalendar) -> StatutoryDate:
    """§ 252(b)(4)(C): the commission resolves open issues within 9 months of the incumbent's receipt."""
    return _statutory("resolution_due", CITE_RESOLUTION, add_months(received, RESOLUTION_MONTHS), calendar)


def response_due(petition_received: date, calendar: CommissionCalendar) -> StatutoryDate:
    """§ 252(b)(3): a party responds within 25 days after the commission receives the petition."""
    return _statutory(
        "response_due", CITE_RESPONSE, petition_received + timedelta(days=RESPONSE_DAYS), calendar
    )


def deemed_approval(submitted: date, origin: str, calendar: CommissionCalendar) -> StatutoryDate:
    """§ 252(e)(4): deemed approved if the commission does not act within 90 days of submission
    (negotiated, or adopted under § 252(i)) or 30 days (arbitrated)."""
    if origin not in APPROVAL_DAYS:
        raise ValueError(f"Unknown agreement origin {origin!r}; expected one of {', '.join(APPROVAL_DAYS)}.")
    return _statutory(
        "deemed_approval", CITE_APPROVAL, submitted + timedelta(days=APPROVAL_DAYS[origin]), calendar
    )


def rural_exemption_due(notice_received: date, calendar: CommissionCalendar) -> StatutoryDate:
    """§ 251(f)(1)(B): the commission decides within 120 days of receiving notice of a bona fide request."""
    return _statutory(
        "rural_exemption_due",
        CITE_RURAL_EXEMPTION,
        notice_received + timedelta(days=RURAL_EXEMPTION_DAYS),
        calendar,
    )


def fcc_preemption_due(notified: date, calendar: CommissionCalendar) -> StatutoryDate:
    """§ 252(e)(5), 47 CFR 51.801–51.803: the FCC acts within 90 days of notice that a state failed to act."""
    return _statutory(
        "fcc_preemption_due", CITE_FCC_PREEMPTION, notified + timedelta(days=FCC_PREEMPTION_DAYS), calendar
    )


def plausible_receipt(letter_date: date, method: str, calendar: CommissionCalendar) -> tuple[date, date]:
    """(earliest, latest) plausible receipt of a request, until receipt is confirmed.

    Assumptions, chosen to be conservative rather than typical:
    - hand, email, fax: received on the letter date;
    - overnight: earliest the next calendar day (Saturday delivery happens), latest the next
      business day;
    - certified_mail, mail: earliest the next calendar day, latest 5 business days later.
    Business days are the commission's, standing in for the incumbent's office calendar.
    """
    if method in ("hand", "email", "fax"):
        return letter_date, letter_date
    earliest = letter_date + timedelta(days=1)
    if method == "overnight":
        return earliest, calendar.next_business_day_after(letter_date)
    if method in ("certified_mail", "mail"):
        return earliest, calendar.add_business_days(letter_date, MAIL_DELIVERY_BUSINESS_DAYS)
    raise ValueError(f"Unknown delivery method {method!r}; expected one of {', '.join(DELIVERY_METHODS)}.")


@dataclass(frozen=True)
class Schedule:
    """Every clock that follows from one request, ready for display or JSON."""

    calendar: CommissionCalendar
    window: ArbitrationWindow
    resolution: StatutoryDate
    petition_filed: date | None = None
    response: StatutoryDate | None = None
    approval: StatutoryDate | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: ISO dates, each date key paired with ``<key>_closure`` (null on a business day)."""
        w = self.window
        dates: dict[str, date] = {
            "received": w.received,
            "window_opens": w.opens.due,
            "window_closes": w.closes.due,
            "first_filing_day": w.first_filing_day,
            "last_safe_filing_day": w.last_safe_filing_day,
            "resolution_due": self.resolution.due,
        }
        if w.state_roll_forward_day:
            dates["state_roll_forward_day"] = w.state_roll_forward_day
        if self.response:
            dates["response_due"] = self.response.due
        if self.approval:
            dates["deemed_approved_on"] = self.approval.due
        out: dict[str, Any] = {}
        for key, day in dates.items():
            out[key] = day.isoformat()
            out[f"{key}_closure"] = self.calendar.closure_name(day)
        if self.petition_filed:
            out["petition_status"] = judge_petition(self.petition_filed, w)
        return out


def build_schedule(
    received: date,
    calendar: CommissionCalendar,
    petition_filed: date | None = None,
    submitted: date | None = None,
    origin: str | None = None,
) -> Schedule:
    """The clocks for a request received on ``received`` (or its deemed request date).

    ``petition_filed`` is the date the commission received the petition, which starts the
    response clock; ``submitted`` and ``origin`` (keys of APPROVAL_DAYS) go together.
    """
    if (submitted is None) != (origin is None):
        raise ValueError("Give both the submission date and the agreement origin, or neither.")
    return Schedule(
        calendar=calendar,
        window=arbitration_window(received, calendar),
        resolution=resolution_due(received, calendar),
        petition_filed=petition_filed,
        response=response_due(petition_filed, calendar) if petition_filed else None,
        approval=deemed_approval(submitted, origin, calendar) if submitted and origin else None,
    )


def compute_schedule(
    received: date,
    calendar: CommissionCalendar,
    petition_filed: date | None = None,
    submitted: date | None = None,
    origin: str | None = None,
) -> dict[str, Any]:
    """``build_schedule(...).as_dict()``: backs ``manage.py section252 --json``."""
    return build_schedule(received, calendar, petition_filed, submitted, origin).as_dict()
