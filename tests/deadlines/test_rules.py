import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deadlines.calculator import compute_schedule
from deadlines.calendar import CommissionCalendar, default_closures
from deadlines.rules import (
    DELIVERY_METHODS,
    DayZero,
    add_months,
    agreed_window,
    arbitration_window,
    day_zero,
    deemed_approval,
    fcc_preemption_due,
    judge_filing_day,
    judge_petition,
    plausible_receipt,
    request_window,
    resolution_due,
    response_act_on,
    response_due,
    rural_exemption_due,
    safe_window,
)
from jurisdictions.codes import JURISDICTIONS

MISSOURI = CommissionCalendar("MO", added_closures=default_closures("MO", range(1996, 2102)))
FEDERAL = CommissionCalendar(None)


# --- The worked example (DOMAIN.md): the KMC letter of Thursday 9 September 2004 ---------------


def test_worked_example_received_thursday_9_september_2004():
    window = arbitration_window(date(2004, 9, 9), MISSOURI)
    assert window.opens.due == date(2005, 1, 22)
    assert (window.opens.weekday, window.opens.closure) == ("Saturday", "Saturday")
    assert window.first_filing_day == date(2005, 1, 24)  # Monday
    assert window.closes.due == date(2005, 2, 16)  # Wednesday
    assert window.closes.closure is None
    assert window.last_safe_filing_day == date(2005, 2, 16)
    assert window.state_roll_forward_day is None
    assert window.days_long == 26
    assert window.opens.citation == window.closes.citation == "47 U.S.C. § 252(b)(1)"
    resolution = resolution_due(date(2004, 9, 9), MISSOURI)
    assert (resolution.due, resolution.weekday) == (date(2005, 6, 9), "Thursday")


def test_worked_example_received_friday_10_september_2004_moves_every_date_one_day():
    window = arbitration_window(date(2004, 9, 10), MISSOURI)
    assert window.opens.due == date(2005, 1, 23)  # Sunday
    assert window.first_filing_day == date(2005, 1, 24)
    assert window.closes.due == date(2005, 2, 17)
    assert resolution_due(date(2004, 9, 10), MISSOURI).due == date(2005, 6, 10)


# --- Month ends -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2005, 5, 31), 9, date(2006, 2, 28)),
        (date(2007, 5, 31), 9, date(2008, 2, 29)),  # leap year
        (date(2005, 6, 30), 9, date(2006, 3, 30)),
        (date(2004, 12, 31), 9, date(2005, 9, 30)),
        (date(2004, 4, 30), 9, date(2005, 1, 30)),
        (date(2005, 1, 31), 13, date(2006, 2, 28)),
        (date(2008, 2, 29), -12, date(2007, 2, 28)),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


def test_resolution_due_at_month_end():
    assert resolution_due(date(2005, 5, 31), FEDERAL).due == date(2006, 2, 28)
    assert resolution_due(date(2007, 5, 31), FEDERAL).due == date(2008, 2, 29)
    assert resolution_due(date(2007, 5, 31), FEDERAL).citation == "47 U.S.C. § 252(b)(4)(C)"


# --- Missouri closures ----------------------------------------------------------------------------


def test_window_closing_on_lincolns_birthday_monday():
    # Received Tue 5 Sep 2006: 25 (to 30 Sep) + 31 + 30 + 31 + 31 (to 31 Jan) + 12 = day 160 =
    # Mon 12 Feb 2007, Lincoln's Birthday; the weekend before it leaves Fri 9 Feb as the last safe
    # day. Day 135 = 117 (to 31 Dec) + 18 = Thu 18 Jan 2007, a business day.
    window = arbitration_window(date(2006, 9, 5), MISSOURI)
    assert window.closes.due == date(2007, 2, 12)
    assert window.closes.closure == "Lincoln's Birthday"
    assert window.last_safe_filing_day == date(2007, 2, 9)
    assert window.state_roll_forward_day == date(2007, 2, 13)  # the labelled, non-safe option
    assert window.opens.due == window.first_filing_day == date(2007, 1, 18)
    # Without the commission's added closure the package calendar would call 12 Feb safe.
    assert arbitration_window(date(2006, 9, 5), CommissionCalendar("MO")).last_safe_filing_day == date(
        2007, 2, 12
    )


def test_window_opening_on_a_weekend_and_closing_on_lincolns_birthday():
    # Received Thu 5 Sep 2013: day 135 = 117 (to 31 Dec) + 18 = Sat 18 Jan 2014; Mon 20 Jan is
    # Martin Luther King Jr. Day, so the first filing day is Tue 21 Jan. Day 160 = Wed 12 Feb 2014,
    # Lincoln's Birthday, so the last safe day is Tue 11 Feb.
    window = arbitration_window(date(2013, 9, 5), MISSOURI)
    assert (window.opens.due, window.opens.closure) == (date(2014, 1, 18), "Saturday")
    assert window.first_filing_day == date(2014, 1, 21)
    assert (window.closes.due, window.closes.closure) == (date(2014, 2, 12), "Lincoln's Birthday")
    assert window.last_safe_filing_day == date(2014, 2, 11)
    assert window.state_roll_forward_day == date(2014, 2, 13)


def test_window_opening_on_the_saturday_before_mlk_day():
    # Received Thu 2 Sep 2004: day 135 = 28 + 31 + 30 + 31 + 15 = Sat 15 Jan 2005; Mon 17 Jan is
    # Martin Luther King Jr. Day; day 160 = Wed 9 Feb 2005.
    window = arbitration_window(date(2004, 9, 2), MISSOURI)
    assert window.opens.due == date(2005, 1, 15)
    assert window.first_filing_day == date(2005, 1, 18)
    assert window.closes.due == window.last_safe_filing_day == date(2005, 2, 9)


def test_last_safe_day_never_rolls_forward_past_a_saturday_close():
    # Received Sun 7 Sep 2014: day 160 = 23 + 31 + 30 + 31 + 31 + 14 = Sat 14 Feb 2015. Thu 12 Feb
    # is Lincoln's Birthday but Fri 13 is open; Mon 16 is Washington's Birthday.
    window = arbitration_window(date(2014, 9, 7), MISSOURI)
    assert (window.closes.due, window.closes.closure) == (date(2015, 2, 14), "Saturday")
    assert window.last_safe_filing_day == date(2015, 2, 13)
    assert window.state_roll_forward_day == date(2015, 2, 17)


# --- Receipt uncertainty -----------------------------------------------------------------------


def test_overnight_letter_of_thursday_9_september_2004():
    earliest, latest = plausible_receipt(date(2004, 9, 9), "overnight", MISSOURI)
    assert earliest == latest == date(2004, 9, 10)
    window = safe_window(earliest, latest, MISSOURI)
    assert window == arbitration_window(date(2004, 9, 10), MISSOURI)
    assert (window.opens.due, window.closes.due) == (date(2005, 1, 23), date(2005, 2, 17))


def test_overnight_letter_of_friday_10_september_2004():
    earliest, latest = plausible_receipt(date(2004, 9, 10), "overnight", MISSOURI)
    assert (earliest, latest) == (date(2004, 9, 11), date(2004, 9, 13))  # Sat, Mon
    window = safe_window(earliest, latest, MISSOURI)
    # Opens 135 days after Mon 13 Sep: 17 + 31 + 30 + 31 + 26 = Wed 26 Jan 2005.
    # Closes 160 days after Sat 11 Sep: 19 + 31 + 30 + 31 + 31 + 18 = Fri 18 Feb 2005.
    assert window.opens.due == window.first_filing_day == date(2005, 1, 26)
    assert window.closes.due == window.last_safe_filing_day == date(2005, 2, 18)
    assert (window.received, window.received_latest) == (earliest, latest)
    assert window.days_long == 24
    # Confirming receipt on Monday 13 Sep gives the plain window, wider at the far end.
    confirmed = arbitration_window(date(2004, 9, 13), MISSOURI)
    assert (confirmed.opens.due, confirmed.closes.due) == (date(2005, 1, 26), date(2005, 2, 20))
    assert confirmed.last_safe_filing_day == date(2005, 2, 18)  # Sun 20; Sat 19 before it


@pytest.mark.parametrize("method", ["hand", "email", "fax"])
def test_same_day_methods(method):
    assert plausible_receipt(date(2004, 9, 9), method, MISSOURI) == (date(2004, 9, 9), date(2004, 9, 9))


@pytest.mark.parametrize("method", ["mail", "certified_mail"])
def test_mail_takes_up_to_five_business_days(method):
    # Thu 9 Sep 2004 + 5 business days: Fri 10, Mon 13, Tue 14, Wed 15, Thu 16.
    assert plausible_receipt(date(2004, 9, 9), method, MISSOURI) == (date(2004, 9, 10), date(2004, 9, 16))


def test_unknown_delivery_method_and_reversed_range():
    with pytest.raises(ValueError, match="Unknown delivery method"):
        plausible_receipt(date(2004, 9, 9), "pigeon", MISSOURI)
    with pytest.raises(ValueError, match="after latest"):
        safe_window(date(2004, 9, 13), date(2004, 9, 11), MISSOURI)


# --- Judging a petition and the other clocks -----------------------------------------------


@pytest.mark.parametrize(
    ("day", "status"), [(134, "premature"), (135, "timely"), (160, "timely"), (161, "untimely")]
)
def test_judge_petition(day, status):
    received = date(2004, 9, 9)
    window = arbitration_window(received, MISSOURI)
    assert judge_petition(received + timedelta(days=day), window) == status


def test_deemed_approval_response_rural_and_fcc():
    submitted = date(2005, 3, 1)
    assert deemed_approval(submitted, "negotiated", MISSOURI).due == date(2005, 5, 30)  # Memorial Day
    assert deemed_approval(submitted, "negotiated", MISSOURI).closure == "Memorial Day"
    assert deemed_approval(submitted, "adopted", MISSOURI).due == date(2005, 5, 30)
    assert deemed_approval(submitted, "arbitrated", MISSOURI).due == date(2005, 3, 31)
    with pytest.raises(ValueError, match="Unknown agreement origin"):
        deemed_approval(submitted, "imposed", MISSOURI)
    response = response_due(date(2005, 1, 24), MISSOURI)
    assert (response.due, response.citation) == (date(2005, 2, 18), "47 U.S.C. § 252(b)(3)")
    assert rural_exemption_due(date(2005, 1, 3), MISSOURI).due == date(2005, 5, 3)
    assert fcc_preemption_due(date(2005, 1, 3), MISSOURI).due == date(2005, 4, 3)


def test_compute_schedule_is_json_ready():
    schedule = compute_schedule(
        date(2004, 9, 9),
        MISSOURI,
        petition_filed=date(2005, 1, 24),
        submitted=date(2005, 3, 1),
        origin="arbitrated",
    )
    assert schedule == {
        "received": "2004-09-09",
        "received_closure": None,
        "window_opens": "2005-01-22",
        "window_opens_closure": "Saturday",
        "window_closes": "2005-02-16",
        "window_closes_closure": None,
        "first_filing_day": "2005-01-24",
        "first_filing_day_closure": None,
        "last_safe_filing_day": "2005-02-16",
        "last_safe_filing_day_closure": None,
        "resolution_due": "2005-06-09",
        "resolution_due_closure": None,
        "response_due": "2005-02-18",
        "response_due_closure": None,
        "deemed_approved_on": "2005-03-31",
        "deemed_approved_on_closure": None,
        "petition_status": "timely",
    }
    assert json.loads(json.dumps(schedule)) == schedule


def test_compute_schedule_minimal_and_with_roll_forward():
    schedule = compute_schedule(date(2006, 9, 5), MISSOURI)
    assert schedule["window_closes_closure"] == "Lincoln's Birthday"
    assert schedule["state_roll_forward_day"] == "2007-02-13"
    assert "petition_status" not in schedule
    assert "response_due" not in schedule
    with pytest.raises(ValueError, match="or neither"):
        compute_schedule(date(2006, 9, 5), MISSOURI, submitted=date(2007, 1, 2))


# --- Properties over any receipt date and commission ------------------------------------------

CALENDARS = st.sampled_from(sorted(JURISDICTIONS)).map(
    lambda code: CommissionCalendar(code, added_closures=default_closures(code, range(1996, 2102)))
) | st.just(FEDERAL)
RECEIPTS = st.dates(min_value=date(1996, 2, 8), max_value=date(2100, 12, 31))
PROPERTY_SETTINGS = settings(max_examples=200, deadline=None)


@PROPERTY_SETTINGS
@given(received=RECEIPTS, calendar=CALENDARS)
def test_window_properties(received, calendar):
    window = arbitration_window(received, calendar)
    assert window.closes.due - window.opens.due == timedelta(days=25)
    assert window.days_long == 26
    assert window.opens.due <= window.first_filing_day
    assert calendar.is_business_day(window.first_filing_day)
    assert window.first_filing_day - window.opens.due < timedelta(days=10)
    assert window.last_safe_filing_day <= window.closes.due
    assert calendar.is_business_day(window.last_safe_filing_day)
    assert window.has_safe_filing_day
    assert judge_petition(window.first_filing_day, window) == "timely"
    assert judge_petition(window.last_safe_filing_day, window) == "timely"
    if window.state_roll_forward_day is None:
        assert window.last_safe_filing_day == window.closes.due
    else:
        assert window.state_roll_forward_day > window.closes.due


@PROPERTY_SETTINGS
@given(received=RECEIPTS)
def test_resolution_is_nine_calendar_months(received):
    # Nine months is 273 days (31 May -> 28 Feb: 30+31+31+30+31+30+31+31+28) to 276 days
    # (1 May -> 1 Feb: 31+30+31+31+30+31+30+31+31); a brute force over 1996-2100 agrees.
    due = resolution_due(received, FEDERAL).due
    assert 273 <= (due - received).days <= 276
    last_of_month = add_months(due.replace(day=1), 1) - timedelta(days=1)
    assert due.day == min(received.day, last_of_month.day)


@PROPERTY_SETTINGS
@given(earliest=RECEIPTS, spread=st.integers(min_value=0, max_value=25), calendar=CALENDARS)
def test_safe_window_is_never_wider_than_either_confirmed_window(earliest, spread, calendar):
    latest = earliest + timedelta(days=spread)
    window = safe_window(earliest, latest, calendar)
    assert window.opens.due >= arbitration_window(earliest, calendar).opens.due
    assert window.opens.due == arbitration_window(latest, calendar).opens.due
    assert window.closes.due <= arbitration_window(latest, calendar).closes.due
    assert window.closes.due == arbitration_window(earliest, calendar).closes.due
    assert window.days_long == 26 - spread
    if spread == 0:
        assert window == arbitration_window(earliest, calendar)


@PROPERTY_SETTINGS
@given(letter=RECEIPTS, method=st.sampled_from(DELIVERY_METHODS), calendar=CALENDARS)
def test_plausible_receipt_is_an_ordered_range_on_or_after_the_letter(letter, method, calendar):
    earliest, latest = plausible_receipt(letter, method, calendar)
    assert letter <= earliest <= latest
    assert (latest - letter).days <= 21
    assert safe_window(earliest, latest, calendar).has_safe_filing_day


# --- Which date counts as day 0, the agreed window, the response's business day --------------


def _day_zero(**given):
    facts = {
        "deemed_received_on": None,
        "received_on": None,
        "receipt_confirmed": False,
        "sent_on": None,
        "delivery_method": "overnight",
        "calendar": MISSOURI,
    }
    return day_zero(**{**facts, **given})


def test_day_zero_precedence():
    sent, received, deemed = date(2004, 9, 9), date(2004, 9, 10), date(2004, 11, 1)
    assert _day_zero() is None  # the letter has not gone out
    assert _day_zero(sent_on=sent) == DayZero(date(2004, 9, 10), date(2004, 9, 10), True)
    assert _day_zero(sent_on=sent, delivery_method="mail") == DayZero(
        date(2004, 9, 10), date(2004, 9, 16), True
    )
    assert _day_zero(sent_on=sent, received_on=received) == DayZero(received, received, True)
    assert _day_zero(sent_on=sent, received_on=received, receipt_confirmed=True) == DayZero(
        received, received, False
    )
    assert _day_zero(
        sent_on=sent, received_on=received, receipt_confirmed=True, deemed_received_on=deemed
    ) == DayZero(deemed, deemed, False)


def test_an_agreed_window_replaces_day_135_and_day_160():
    # CPUC A.05-05-027: "from May 1, 2005 through May 26, 2005"; 1 May 2005 is a Sunday.
    estimate = _day_zero(sent_on=date(2004, 9, 9))
    window, estimated = request_window(estimate, MISSOURI, (date(2005, 5, 1), date(2005, 5, 26)))
    assert not estimated
    assert (window.opens.due, window.opens.closure, window.first_filing_day) == (
        date(2005, 5, 1),
        "Sunday",
        date(2005, 5, 2),
    )
    assert window.closes.due == window.last_safe_filing_day == date(2005, 5, 26)
    assert window.opens.citation == window.closes.citation == "47 U.S.C. § 252(b)(1) (agreed window)"
    assert window.received == estimate.earliest
    plain, estimated = request_window(estimate, MISSOURI)
    assert estimated
    assert plain == safe_window(estimate.earliest, estimate.latest, MISSOURI)
    assert agreed_window(plain, date(2005, 5, 1), date(2005, 5, 26), MISSOURI) == window


def test_the_response_is_due_on_the_last_business_day_on_or_before_day_25():
    # 16 February 2005 + 25 = Sunday 13 March 2005: respond by Friday 11 March.
    response = response_due(date(2005, 2, 16), MISSOURI)
    assert (response.due, response.closure) == (date(2005, 3, 13), "Sunday")
    assert response_act_on(response, MISSOURI) == date(2005, 3, 11)
    assert response_act_on(response_due(date(2005, 1, 24), MISSOURI), MISSOURI) == date(2005, 2, 18)


@pytest.mark.parametrize(
    ("filed", "status"),
    [(date(2005, 1, 21), "premature"), (date(2005, 1, 22), "timely"), (date(2005, 2, 17), "untimely")],
)
def test_judging_against_stored_dates_is_the_same_judgement(filed, status):
    window = arbitration_window(date(2004, 9, 9), MISSOURI)
    assert judge_filing_day(filed, window.opens.due, window.closes.due) == status
    assert judge_petition(filed, window) == status
