from datetime import date

import holidays
import pytest

from deadlines.calendar import CommissionCalendar, default_closures

LINCOLN_2005 = date(2005, 2, 12)  # a Saturday
MISSOURI = CommissionCalendar("MO", added_closures=default_closures("MO", range(2004, 2016)))


def test_installed_package_lacks_missouri_lincolns_birthday():
    # Pins the installed `holidays` (0.109): DOMAIN.md's premise for added closures. If a
    # newer release adds it, default_closures still agrees, but revisit the seed data.
    missouri = holidays.US(subdiv="MO")
    assert LINCOLN_2005 not in missouri
    assert date(2007, 2, 12) not in missouri
    assert date(2005, 5, 9) in missouri  # it does have Truman Day (observed), so the subdiv took
    assert holidays.US(subdiv="IL").get(LINCOLN_2005) == "Lincoln's Birthday"


def test_added_closure_makes_lincolns_birthday_a_closure():
    plain = CommissionCalendar("MO")
    assert plain.holiday_name(LINCOLN_2005) is None
    assert plain.closure_name(LINCOLN_2005) == "Saturday"
    assert MISSOURI.holiday_name(LINCOLN_2005) == "Lincoln's Birthday"
    assert MISSOURI.closure_name(LINCOLN_2005) == "Saturday"  # the weekend is named first
    assert plain.is_business_day(date(2007, 2, 12))  # Monday
    assert MISSOURI.closure_name(date(2007, 2, 12)) == "Lincoln's Birthday"
    assert not MISSOURI.is_business_day(date(2007, 2, 12))


def test_default_closures_keeps_weekend_dates_as_is():
    closures = default_closures("mo", range(2005, 2007))
    assert closures == {LINCOLN_2005: "Lincoln's Birthday", date(2006, 2, 12): "Lincoln's Birthday"}
    assert default_closures("TX", range(2005, 2007)) == {}
    with pytest.raises(ValueError, match="not a US state code"):
        default_closures("Missouri", range(2005, 2006))


def test_weekends_and_federal_holidays():
    federal = CommissionCalendar(None)
    assert federal.closure_name(date(2005, 1, 22)) == "Saturday"
    assert federal.closure_name(date(2005, 1, 23)) == "Sunday"
    assert federal.holiday_name(date(2005, 1, 23)) is None
    assert federal.closure_name(date(2005, 1, 17)) == "Martin Luther King Jr. Day"
    assert federal.closure_name(date(2005, 12, 26)) == "Christmas Day (observed)"
    assert federal.is_business_day(date(2005, 1, 24))


def test_removed_holiday_opens_the_commission():
    open_on_columbus_day = CommissionCalendar("MO", removed_holidays=frozenset({date(2005, 10, 10)}))
    assert CommissionCalendar("MO").closure_name(date(2005, 10, 10)) == "Columbus Day"
    assert open_on_columbus_day.is_business_day(date(2005, 10, 10))


def test_business_day_searches():
    # Thu 10 Feb 2005 .. Tue 22 Feb 2005 in Missouri: Sat 12 (Lincoln), Mon 21 (Washington's Birthday).
    assert MISSOURI.first_business_day_on_or_after(date(2005, 1, 22)) == date(2005, 1, 24)
    assert MISSOURI.first_business_day_on_or_after(date(2005, 1, 24)) == date(2005, 1, 24)
    assert MISSOURI.first_business_day_on_or_after(date(2005, 2, 19)) == date(2005, 2, 22)
    assert MISSOURI.last_business_day_on_or_before(date(2005, 2, 21)) == date(2005, 2, 18)
    assert MISSOURI.last_business_day_on_or_before(date(2005, 2, 18)) == date(2005, 2, 18)
    assert MISSOURI.next_business_day_after(date(2004, 9, 9)) == date(2004, 9, 10)
    assert MISSOURI.next_business_day_after(date(2004, 9, 10)) == date(2004, 9, 13)
    assert MISSOURI.add_business_days(date(2005, 2, 17), 0) == date(2005, 2, 17)
    assert MISSOURI.add_business_days(date(2005, 2, 17), 2) == date(2005, 2, 22)
    assert MISSOURI.add_business_days(date(2005, 2, 22), -2) == date(2005, 2, 17)
    # Mon 12 Feb 2007 is Lincoln's Birthday: the business day before it is Friday the 9th.
    assert MISSOURI.add_business_days(date(2007, 2, 13), -1) == date(2007, 2, 9)


def test_calendar_is_hashable_and_normalised():
    a = CommissionCalendar("mo", added_closures={LINCOLN_2005: "Lincoln's Birthday"})
    b = CommissionCalendar("MO", added_closures=[(LINCOLN_2005, "Lincoln's Birthday")])
    assert a == b
    assert hash(a) == hash(b)
    assert a.state == "MO"
    assert a.added_closures == ((LINCOLN_2005, "Lincoln's Birthday"),)
    assert CommissionCalendar("").state is None
    with pytest.raises(ValueError, match="not a US state code"):
        CommissionCalendar("ZZ")


def test_added_closure_wins_over_removed_holiday():
    day = date(2005, 10, 10)
    calendar = CommissionCalendar("MO", added_closures={day: "Staff day"}, removed_holidays=frozenset({day}))
    assert calendar.closure_name(day) == "Staff day"


def test_endless_closures_raise_instead_of_looping():
    start = date(2005, 1, 1)
    every_day = {date.fromordinal(start.toordinal() + i): "Closed" for i in range(800)}
    with pytest.raises(ValueError, match="no business day"):
        CommissionCalendar("MO", added_closures=every_day).first_business_day_on_or_after(start)
