"""The deadline dashboard, the deadline list and record, waiving and watching, with the seed's real dates."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements import services
from agreements.models import ArbitrationPetition, NegotiationRequest, RequestParty
from carriers.models import Carrier
from deadlines.models import Deadline, Reminder
from tests import factories
from tests.workspace import deadline_setup as setup

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(seed):
    """On 25 January 2005: the seed request's receipt was confirmed in December, the amendment filed in
    Florida on 3 January, and the sweep has moved the statuses along."""
    return setup.live(seed)


def section(html: str, key: str) -> str:
    """The HTML of one dashboard table's section."""
    match = re.search(rf'<section id="table-{key}".*?</section>', html, re.S)
    assert match, f"no table {key}"
    return match.group(0)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&").replace("&#x27;", "'")


def get(client, user, url=None, **params):
    client.force_login(user)
    with time_machine.travel(setup.WINDOW_OPEN, tick=False):
        return client.get(url or reverse("deadlines:dashboard"), params)


def test_the_open_window_shows_its_last_safe_day_and_days_left(client, world):
    response = get(client, world["counsel"])
    assert response.status_code == 200
    opened = text(section(response.content.decode(), "open"))
    assert "Arbitration window closes (day 160)" in opened
    assert "KMC Telecom → CenturyTel" in opened
    assert "MO" in opened
    assert "47 U.S.C. § 252(b)(1)" in opened
    assert "Wed 16 Feb 2005" in opened
    assert "22 days" in opened
    closes = Deadline.objects.get(request=world["request"], kind="window_closes")
    assert f'href="{reverse("deadlines:detail", args=[closes.pk])}"' in section(
        response.content.decode(), "open"
    )
    assert f'href="{world["request"].get_absolute_url()}"' in section(response.content.decode(), "open")
    # The 9-month date is the commission's, not a party's: it is in no "closing" table.
    assert "Thu 9 Jun 2005" not in text(section(response.content.decode(), "closing"))


def test_a_window_opening_on_a_weekend_says_so_and_gives_the_first_filing_day(client, seed):
    world = setup.people(seed)
    setup.confirm_receipt(world, at=setup.DECEMBER)
    client.force_login(world["counsel"])
    with time_machine.travel(setup.BEFORE_WINDOW, tick=False):
        response = client.get(reverse("deadlines:dashboard"))
    opening = text(section(response.content.decode(), "opening"))
    assert "Arbitration window opens (day 135)" in opening
    assert "Mon 24 Jan 2005" in opening  # first filing day
    assert "statutory Sat 22 Jan 2005 — weekend" in opening
    assert "14 days" in opening
    assert "No arbitration window is open." in text(section(response.content.decode(), "open"))


def test_filings_awaiting_approval_show_docket_submission_and_deemed_date(client, world):
    approval = text(section(get(client, world["counsel"]).content.decode(), "approval"))
    # Submitted Monday 3 January 2005: day 90 is Sunday 3 April 2005.
    assert "Deemed approved on" in approval
    assert "Sun 3 Apr 2005 — weekend" in approval
    assert "Docket 050012-TP" in approval
    assert "submitted Mon 3 Jan 2005" in approval
    assert "Amendment effective Tue 14 Sep 2004 — KMC Telecom / BellSouth" in approval
    assert "FL" in approval
    assert "68 days" in approval


def test_a_holiday_is_named(client, world):
    # Submitted in Georgia on 1 March 2005, negotiated: day 90 is Monday 30 May 2005, Memorial Day.
    setup.file_amendment(world, "GA", submitted_on=date(2005, 3, 1))
    client.force_login(world["counsel"])
    with time_machine.travel(setup.WINDOW_OPEN + timedelta(days=50), tick=False):
        response = client.get(reverse("deadlines:dashboard"))
    assert "Mon 30 May 2005 — Memorial Day" in text(section(response.content.decode(), "approval"))


def test_missed_deadlines_are_listed_newest_first_with_their_count(client, world):
    # A second request whose window closed unused.
    late = factories.NegotiationRequestFactory(
        collective_name="Late CLEC", addressee_name="Incumbent, Inc.", letter_date=date(2004, 6, 1)
    )
    late.states.set(["MO"])
    client.force_login(world["counsel"])
    with time_machine.travel(setup.WINDOW_OPEN, tick=False):
        services.record_receipt(late, date(2004, 6, 1), confirmed=True, by=world["paralegal"], reason="proof")
        response = client.get(reverse("deadlines:dashboard"))
    missed = text(section(response.content.decode(), "missed"))
    assert "Missed 1" in missed
    assert "Late CLEC → Incumbent, Inc." in missed
    assert "Mon 8 Nov 2004" in missed  # day 160 after 1 June 2004
    assert "78 days overdue" in missed


def test_filters_by_state_carrier_counsel_and_mine(client, world):
    counsel, paralegal, partner = world["counsel"], world["paralegal"], world["partner"]
    centurytel = Carrier.objects.get(name="CenturyTel, Inc.")
    bellsouth = Carrier.objects.get(name="BellSouth Corporation")
    kmc = Carrier.objects.get(name="KMC Telecom Holdings, Inc.")

    def tables(user, **params) -> dict[str, bool]:
        """Which of the two matters' rows the dashboard shows."""
        html = get(client, user, **params).content.decode()
        return {
            "open": "Wed 16 Feb 2005" in text(section(html, "open")),
            "approval": "Sun 3 Apr 2005" in text(section(html, "approval")),
        }

    assert tables(counsel) == {"open": True, "approval": True}
    assert tables(counsel, state="MO") == {"open": True, "approval": False}
    assert tables(counsel, state="FL") == {"open": False, "approval": True}
    assert tables(counsel, carrier=centurytel.pk) == {"open": True, "approval": False}
    assert tables(counsel, carrier=bellsouth.pk) == {"open": False, "approval": True}
    assert tables(counsel, carrier=kmc.pk) == {"open": True, "approval": True}
    assert tables(counsel, counsel=counsel.pk) == {"open": True, "approval": False}
    assert tables(counsel, counsel=partner.pk) == {"open": False, "approval": False}
    assert tables(paralegal, mine="1") == {"open": True, "approval": False}
    assert tables(partner, mine="1") == {"open": False, "approval": False}
    # Watching the Florida filing's deadline puts it in the partner's "mine".
    approval = Deadline.objects.get(filing=world["filing"])
    approval.watchers.add(partner)
    assert tables(partner, mine="1") == {"open": False, "approval": True}


def test_filter_form_has_labels_and_keeps_the_querystring_in_links(client, world):
    response = get(client, world["counsel"], state="MO", month="2005-02")
    html = response.content.decode()
    for name, label in (("state", "State"), ("carrier", "Carrier"), ("counsel", "Responsible counsel")):
        assert f'<label for="id_{name}">{label}:</label>' in html
    assert '<label for="id_mine">Only mine</label>' in html
    assert '<option value="MO" selected>Missouri (MO)</option>' in html
    # Month navigation and "see all" keep the filters.
    assert 'href="?state=MO&amp;month=2005-01"' in html
    assert 'href="?state=MO&amp;month=2005-03"' in html
    assert '<input type="hidden" name="month" value="2005-02">' in html


def test_an_invalid_filter_is_reported_and_ignored(client, world):
    response = get(client, world["counsel"], carrier="999999", state="MO")
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert "Wed 16 Feb 2005" in text(section(html, "open"))


def test_the_timeline_draws_each_window_with_today_and_closed_days(client, world):
    html = get(client, world["counsel"]).content.decode()
    svg = re.search(r'<svg class="timeline".*?</svg>', html, re.S).group(0)
    assert '<title id="timeline-title">' in svg
    assert (
        "MO, KMC Telecom → CenturyTel: window from Sat 22 Jan 2005 (day 135) to Wed 16 Feb 2005 "
        "(day 160); last safe filing day Wed 16 Feb 2005, 22 days from today"
    ) in svg.replace("&amp;", "&")
    assert 'class="today"' in svg
    # Missouri closes on Lincoln's Birthday, Saturday 12 February 2005: a weekend run that names it.
    assert "Commission closed Sat 12 Feb 2005 to Sun 13 Feb 2005 (weekend, Lincoln&#x27;s Birthday)" in svg


def test_the_month_calendar_marks_days_with_deadlines_and_lists_them(client, world):
    html = get(client, world["counsel"], month="2005-02", state="MO").content.decode()
    svg = re.search(r'<svg class="month".*?</svg>', html, re.S).group(0)
    assert "February 2005" in svg
    assert 'aria-label="Wed 16 Feb 2005: 1 deadline"' in svg
    assert "Sat 12 Feb 2005: closed (weekend, Lincoln&#x27;s Birthday)" in svg
    listed = text(re.search(r'<ul class="month-list">.*?</ul>', html, re.S).group(0))
    assert "Wed 16 Feb 2005 MO Arbitration window closes (day 160) — KMC Telecom → CenturyTel" in listed
    # Unfiltered, the month shades federal holidays only and says so.
    html = get(client, world["counsel"], month="2005-02").content.decode()
    assert "Mon 21 Feb 2005: closed (Washington&#x27;s Birthday)" in html
    assert "choose a state to see its commission" in html


def _more_matters(world, n: int) -> None:
    """n more requests in several states, each with receipt confirmed, a petition on every fifth."""
    incumbent = factories.IncumbentFactory()
    for i in range(n):
        request = factories.NegotiationRequestFactory(
            collective_name=f"CLEC {i}",
            letter_date=date(2004, 8, 25),
            counsel=world["attorney"],
            paralegal=world["paralegal"],
        )
        request.states.set([["MO", "TX", "FL", "GA", "CA"][i % 5]])
        RequestParty.objects.create(
            request=request, affiliate=factories.AffiliateFactory(), role="requesting"
        )
        RequestParty.objects.create(request=request, affiliate=incumbent, role="incumbent")
        with time_machine.travel(setup.WINDOW_OPEN, tick=False):
            received = date(2004, 9, 1) + timedelta(days=i * 3)
            services.record_receipt(request, received, confirmed=True, by=world["paralegal"], reason="proof")
            if i % 5 == 0:
                services.record_petition(
                    ArbitrationPetition(
                        request=request,
                        state_id=request.states.get().code,
                        filed_on=date(2005, 1, 24),
                        received_by_commission_on=date(2005, 1, 24),
                    ),
                    by=world["paralegal"],
                )


def _dashboard_queries(client, **params) -> tuple[int, str]:
    with time_machine.travel(setup.WINDOW_OPEN, tick=False):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("deadlines:dashboard"), params)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("filtered", [False, True], ids=["all", "filtered"])
def test_the_number_of_queries_does_not_grow_with_the_matters(client, world, filtered):
    client.force_login(world["counsel"])
    kmc = Carrier.objects.get(name="KMC Telecom Holdings, Inc.")
    params = {"state": "MO", "carrier": kmc.pk, "mine": "1", "month": "2005-02"} if filtered else {}
    one, html_one = _dashboard_queries(client, **params)
    _more_matters(world, 29)
    assert NegotiationRequest.objects.count() == 30
    thirty, html_thirty = _dashboard_queries(client, **params)
    if not params:
        assert html_thirty.count("<tr") > html_one.count("<tr") + 10
    assert thirty == one


def test_the_list_pages_fifty_rows_and_keeps_the_filters(client, world):
    _more_matters(world, 29)
    response = get(client, world["counsel"], reverse("deadlines:list"), table="open", state="MO")
    body = text(response.content.decode())
    assert "Arbitration windows open now" in body
    assert "Wed 16 Feb 2005" in body
    assert all(row.state == "MO" for row in response.context["rows"])
    everything = get(client, world["counsel"], reverse("deadlines:list"))
    assert (
        everything.context["page"].paginator.count
        == Deadline.objects.filter(status__in=Deadline.ACTIVE).count()
    )
    assert len(everything.context["rows"]) == 50
    assert 'href="?page=2"' in everything.content.decode()


def test_a_calendar_day_lists_its_deadlines(client, world):
    response = get(client, world["counsel"], reverse("deadlines:list"), day="2005-02-16")
    assert "Deadlines on Wed 16 Feb 2005" in text(response.content.decode())
    assert [row.what for row in response.context["rows"]] == ["Arbitration window closes (day 160)"]


def test_the_deadline_page_has_dates_people_reminders_and_history(client, world):
    opens = Deadline.objects.get(request=world["request"], kind="window_opens")
    closes = Deadline.objects.get(request=world["request"], kind="window_closes")
    response = get(client, world["viewer"], reverse("deadlines:detail", args=[opens.pk]))
    assert response.status_code == 200
    body = text(response.content.decode())
    assert "First filing day Mon 24 Jan 2005" in body
    assert "Statutory date Sat 22 Jan 2005 — weekend" in body
    assert "Trigger (day 0) Thu 9 Sep 2004" in body
    assert "Responsible counsel Klein" in body
    assert "Responsible paralegal Pat" in body
    assert "47 U.S.C. § 252(b)(1)" in body
    # The trigger's audit: who confirmed receipt, from what to what, and why.
    assert "receipt date: — → Thu 9 Sep 2004" in body
    assert "CenturyTel's letter of 10 September 2004 acknowledges receipt on 9 September" in body
    # The deadline's own history: the estimate of overnight delivery narrowed to the confirmed date.
    assert "statutory date: Sun 23 Jan 2005 → Sat 22 Jan 2005" in body
    # A viewer may not waive.
    assert "Waive this deadline" not in body
    closes_page = text(
        get(client, world["counsel"], reverse("deadlines:detail", args=[closes.pk])).content.decode()
    )
    assert "Window opens (day 135) Sat 22 Jan 2005 — weekend" in closes_page
    assert "Waive this deadline" in closes_page


def test_reminders_planned_and_sent_are_listed(client, world):
    closes = Deadline.objects.get(request=world["request"], kind="window_closes")
    reminders = closes.reminders.filter(recipient=world["counsel"])
    assert reminders.exists()
    body = text(get(client, world["counsel"], reverse("deadlines:detail", args=[closes.pk])).content.decode())
    assert "7 days before Klein Pending Wed 9 Feb 2005, 09:00" in body


def test_waiving_needs_counsel(client, world):
    resolution = Deadline.objects.get(request=world["request"], kind="resolution_due")
    url = reverse("deadlines:waive", args=[resolution.pk])
    for person in ("paralegal", "viewer"):
        client.force_login(world[person])
        assert client.post(url, {"reason": "waiver letter"}).status_code == 403
    resolution.refresh_from_db()
    assert resolution.status == Deadline.Status.UPCOMING


def test_counsel_waives_with_a_reason_and_its_reminders_stop(client, world):
    resolution = Deadline.objects.get(request=world["request"], kind="resolution_due")
    assert resolution.reminders.filter(status=Reminder.Status.PENDING).exists()
    client.force_login(world["counsel"])
    reason = "The parties waived the 9-month date by letter of 20 January 2005"
    with time_machine.travel(setup.WINDOW_OPEN, tick=False):
        response = client.post(reverse("deadlines:waive", args=[resolution.pk]), {"reason": reason})
    assert response.status_code == 302
    assert response["Location"] == reverse("deadlines:detail", args=[resolution.pk])
    resolution.refresh_from_db()
    assert resolution.status == Deadline.Status.WAIVED
    latest = resolution.history.order_by("-history_id").first()
    assert (latest.history_change_reason, latest.history_user) == (reason, world["counsel"])
    assert not resolution.reminders.filter(status=Reminder.Status.PENDING).exists()
    page = text(get(client, world["counsel"], response["Location"]).content.decode())
    assert "Waived: Commission resolves open issues (9 months) in MO." in page
    assert "status: Upcoming → Waived" in page


def test_a_waiver_without_a_reason_is_refused_at_the_field(client, world):
    resolution = Deadline.objects.get(request=world["request"], kind="resolution_due")
    client.force_login(world["counsel"])
    with time_machine.travel(setup.WINDOW_OPEN, tick=False):
        response = client.post(reverse("deadlines:waive", args=[resolution.pk]), {"reason": "   "})
    assert response.status_code == 400
    html = response.content.decode()
    error = re.search(r'<span class="field-error" id="reason-error" role="alert">(.*?)</span>', html).group(1)
    assert error == "Say why the deadline is waived (e.g. the parties&#x27; written waiver)."
    assert 'aria-describedby="reason-help reason-error" aria-invalid="true"' in html
    assert '<details class="card waive" open>' in html
    resolution.refresh_from_db()
    assert resolution.status == Deadline.Status.UPCOMING


def test_waive_and_watch_are_post_only(client, world):
    deadline = Deadline.objects.get(request=world["request"], kind="resolution_due")
    client.force_login(world["counsel"])
    assert client.get(reverse("deadlines:waive", args=[deadline.pk])).status_code == 405
    assert client.get(reverse("deadlines:watch", args=[deadline.pk])).status_code == 405


def test_watching_toggles_and_plans_the_watchers_reminders(client, world):
    resolution = Deadline.objects.get(request=world["request"], kind="resolution_due")
    partner = world["partner"]
    url = reverse("deadlines:watch", args=[resolution.pk])
    client.force_login(partner)
    with time_machine.travel(setup.WINDOW_OPEN, tick=False):
        assert client.post(url).status_code == 302
        assert list(resolution.watchers.all()) == [partner]
        assert resolution.reminders.filter(recipient=partner, status=Reminder.Status.PENDING).exists()
        page = text(client.get(reverse("deadlines:detail", args=[resolution.pk])).content.decode())
        assert "Watchers Partner" in page and "Stop watching" in page
        client.post(url)
    assert not resolution.watchers.exists()
    assert not resolution.reminders.filter(recipient=partner, status=Reminder.Status.PENDING).exists()
    # The counsel's own reminders are untouched by someone else's watching.
    assert resolution.reminders.filter(recipient=world["counsel"], status=Reminder.Status.PENDING).exists()


def test_watch_returns_only_to_a_local_page(client, world):
    deadline = Deadline.objects.get(request=world["request"], kind="resolution_due")
    client.force_login(world["viewer"])
    url = reverse("deadlines:watch", args=[deadline.pk])
    assert client.post(url, {"next": "/?mine=1"})["Location"] == "/?mine=1"
    assert client.post(url, {"next": "https://evil.example/"})["Location"] == deadline.get_absolute_url()


def test_pages_need_the_view_permission(client, world):
    nobody = factories.UserFactory(username="nobody")
    deadline = Deadline.objects.first()
    client.force_login(nobody)
    for url in (
        reverse("deadlines:dashboard"),
        reverse("deadlines:list"),
        reverse("deadlines:detail", args=[deadline.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("deadlines:watch", args=[deadline.pk])).status_code == 403
    client.logout()
    response = client.get(reverse("deadlines:dashboard"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_deadline_links_to_its_own_page():
    deadline = Deadline(pk=7)
    assert deadline.get_absolute_url() == "/deadlines/7/"


def test_the_month_counts_every_day_even_past_the_listed_rows(world):
    from workspace import dashboard

    _more_matters(world, 12)
    qs = dashboard.filtered()
    per_day, listed = dashboard.month(qs, date(2005, 2, 1), limit=3)
    expected: dict[date, int] = {}
    inside = dashboard.on_calendar(qs, date(2005, 2, 1), date(2005, 2, 28)).order_by(
        "act_on", "state_id", "pk"
    )
    for deadline in inside:
        expected[deadline.act_on] = expected.get(deadline.act_on, 0) + 1
    assert per_day == expected
    assert max(expected.values()) > 1 and len(expected) > 3
    assert listed == [d.pk for d in inside[:3]]


@pytest.mark.parametrize("month", ["9999-12", "2005-13", "garbage", "2005-02-01", "0-1"])
def test_a_bad_month_shows_the_current_one(client, world, month):
    response = get(client, world["counsel"], month=month)
    assert response.status_code == 200
    assert response.context["month"].title == "January 2005"
    assert get(client, world["counsel"], reverse("deadlines:list"), day="9999-12-31").status_code == 200


def test_a_deadline_already_waived_cannot_be_waived_again(client, world):
    resolution = Deadline.objects.get(request=world["request"], kind="resolution_due")
    client.force_login(world["counsel"])
    url = reverse("deadlines:waive", args=[resolution.pk])
    with time_machine.travel(setup.WINDOW_OPEN, tick=False):
        assert client.post(url, {"reason": "waiver letter"}).status_code == 302
        again = client.post(url, {"reason": "again"})
    assert again.status_code == 400
    assert "This deadline is waived; it cannot be waived." in again.content.decode()
    assert resolution.history.count() == 3  # computed, moved on confirmation, waived — nothing more
