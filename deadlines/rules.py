"""The statutory clocks of 47 U.S.C. §§ 251–252, as small pure functions: which date counts.

Day 0 is the trigger date; day N is trigger + N calendar days (DOMAIN.md, "The statutory
clocks"). Every raw statutory date is kept as computed and carries the reason the
commission is closed on it, if any, so the UI can flag it; business-day adjustments are
separate fields and never replace the raw date.

The app (``agreements.clocks``) and ``manage.py section252`` (``deadlines.calculator``) both
count from here, so a date is decided in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, NamedTuple

from deadlines.calendar import WEEKDAY_NAMES, CommissionCalendar

CITE_ARBITRATION_WINDOW = "47 U.S.C. § 252(b)(1)"
CITE_RESPONSE = "47 U.S.C. § 252(b)(3)"
CITE_RESOLUTION = "47 U.S.C. § 252(b)(4)(C)"
CITE_APPROVAL = "47 U.S.C. § 252(e)(4)"
CITE_RURAL_EXEMPTION = "47 U.S.C. § 251(f)(1)(B)"
CITE_FCC_PREEMPTION = "47 U.S.C. § 252(e)(5); 47 CFR 51.801–51.803"
# An agreement of the parties that sets the window's dates itself keeps the statute's citation, marked.
AGREED_WINDOW_SUFFIX = " (agreed window)"

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


def agreed_window(
    window: ArbitrationWindow, opens_on: date, closes_on: date, calendar: CommissionCalendar
) -> ArbitrationWindow:
    """The window with day 135 and day 160 replaced by the dates the parties agreed in writing.

    The citation stays § 252(b)(1), suffixed " (agreed window)"; the business days to file on
    follow the agreed dates as they follow the statutory ones. Day 0 is kept as it was.
    """
    opens = StatutoryDate(
        window.opens.kind,
        window.opens.citation + AGREED_WINDOW_SUFFIX,
        opens_on,
        calendar.closure_name(opens_on),
    )
    closes = StatutoryDate(
        window.closes.kind,
        window.closes.citation + AGREED_WINDOW_SUFFIX,
        closes_on,
        calendar.closure_name(closes_on),
    )
    return ArbitrationWindow(
        received=window.received,
        received_latest=window.received_latest,
        opens=opens,
        closes=closes,
        first_filing_day=calendar.first_business_day_on_or_after(opens_on),
        last_safe_filing_day=calendar.last_business_day_on_or_before(closes_on),
        state_roll_forward_day=calendar.first_business_day_on_or_after(closes_on) if closes.closure else None,
    )


def judge_filing_day(filed_on: date, opens_on: date, closes_on: date) -> PetitionStatus:
    """premature / timely / untimely against the window's raw first and last day, both inclusive
    (§ 252(b)(1)): the one judgement, for a computed window and a stored one alike."""
    if filed_on < opens_on:
        return "premature"
    if filed_on > closes_on:
        return "untimely"
    return "timely"


def judge_petition(filed_on: date, window: ArbitrationWindow) -> PetitionStatus:
    """Against the raw day 135 and day 160, both inclusive (§ 252(b)(1))."""
    return judge_filing_day(filed_on, window.opens.due, window.closes.due)


def resolution_due(received: date, calendar: CommissionCalendar) -> StatutoryDate:
    """§ 252(b)(4)(C): the commission resolves open issues within 9 months of the incumbent's receipt."""
    return _statutory("resolution_due", CITE_RESOLUTION, add_months(received, RESOLUTION_MONTHS), calendar)


def response_due(petition_received: date, calendar: CommissionCalendar) -> StatutoryDate:
    """§ 252(b)(3): a party responds within 25 days after the commission receives the petition."""
    return _statutory(
        "response_due", CITE_RESPONSE, petition_received + timedelta(days=RESPONSE_DAYS), calendar
    )


def response_act_on(response: StatutoryDate, calendar: CommissionCalendar) -> date:
    """The business day to respond by: the last one on or before day 25 (§ 252(b)(3)).

    As for the window's close, no rule found carries the federal day past a weekend or holiday,
    so the safe day is the one before, never the one after.
    """
    return calendar.last_business_day_on_or_before(response.due)


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


class DayZero(NamedTuple):
    """Day 0 of a request's clocks: a range while receipt is unproven, and whether it is an estimate."""

    earliest: date
    latest: date
    estimated: bool


def day_zero(
    *,
    deemed_received_on: date | None,
    received_on: date | None,
    receipt_confirmed: bool,
    sent_on: date | None,
    delivery_method: str,
    calendar: CommissionCalendar,
) -> DayZero | None:
    """Which date counts as day 0 of § 252(b), in order of precedence; None before the letter has gone out.

    1. A deemed request date the parties agreed in writing replaces receipt: exact.
    2. A confirmed receipt date: exact.
    3. A receipt date entered but not proven: trusted as the estimate, flagged as one.
    4. Otherwise the plausible-receipt range of the sent date and delivery method
       (``plausible_receipt``), an estimate.
    5. Nothing sent: no day 0.
    """
    if deemed_received_on:
        return DayZero(deemed_received_on, deemed_received_on, False)
    if received_on and receipt_confirmed:
        return DayZero(received_on, received_on, False)
    if received_on:
        return DayZero(received_on, received_on, True)
    if not sent_on:
        return None
    earliest, latest = plausible_receipt(sent_on, delivery_method, calendar)
    return DayZero(earliest, latest, True)


def request_window(
    day0: DayZero, calendar: CommissionCalendar, agreed: tuple[date, date] | None = None
) -> tuple[ArbitrationWindow, bool]:
    """The window a request's petition is filed in, and whether its dates are an estimate.

    1. The safe window of day 0's range (``safe_window``); an estimate when day 0 is one.
    2. An agreed window, (opens_on, closes_on), replaces day 135 and day 160 (``agreed_window``);
       the parties fixed those dates themselves, so they are not an estimate whatever day 0 is.
    """
    window = safe_window(day0.earliest, day0.latest, calendar)
    if agreed is None:
        return window, day0.estimated
    return agreed_window(window, agreed[0], agreed[1], calendar), False
