"""Calendar feeds: a secret, revocable iCalendar URL per user and a download per matter, parsed back."""

import hashlib
import re
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from agreements import services
from agreements.models import ArbitrationPetition
from deadlines.models import CalendarFeed, Deadline
from deadlines.services import advance_statuses, waive
from tests import factories
from tests.workspace import deadline_setup as setup

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(seed):
    """1 December 2004: receipt of the seed request confirmed on 9 September; the window is ahead."""
    world = setup.people(seed)
    setup.confirm_receipt(world, at=setup.DECEMBER)
    return world


def issue(client, user) -> str:
    """Make the user's feed through the calendar page; return the URL the page shows once."""
    client.force_login(user)
    response = client.post(reverse("deadlines:calendar-issue"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    return re.search(r'id="feed-url" type="text" readonly value="([^"]+)"', response.content.decode()).group(
        1
    )


def fetch(client, url: str):
    client.logout()  # a calendar client has no session
    with time_machine.travel(setup.DECEMBER, tick=False):
        return client.get(url)


def events(body: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(body)
    return {str(event["SUMMARY"]).split(" (")[0]: event for event in calendar.walk("VEVENT")}


def test_the_feed_is_rfc5545_with_the_real_dates(client, world, settings):
    settings.SITE_URL = "https://tracker.example.com"
    url = issue(client, world["counsel"])
    response = fetch(client, url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"] == "-//ICA tracker//Section 252 deadlines//EN"
    assert str(calendar["X-WR-CALNAME"]) == "ICA deadlines — Klein"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in response.content
    assert b"X-PUBLISHED-TTL:PT1H\r\n" in response.content
    found = events(response.content)
    assert sorted(found) == [
        "Commission must resolve open issues",
        "First day to petition for arbitration",
        "Last safe day to petition",
    ]
    opens = found["First day to petition for arbitration"]
    assert opens["DTSTART"].dt == date(2005, 1, 24)  # the first filing day, an all-day date
    assert opens["DTSTART"].params.get("VALUE") == "DATE"
    assert opens["DTEND"].dt == date(2005, 1, 25)
    assert "Statutory date: Sat 22 Jan 2005 — the commission is closed (Saturday)" in str(
        opens["DESCRIPTION"]
    )
    assert "Business day to act: Mon 24 Jan 2005" in str(opens["DESCRIPTION"])
    closes = found["Last safe day to petition"]
    assert closes["DTSTART"].dt == date(2005, 2, 16)
    assert str(closes["SUMMARY"]) == "Last safe day to petition (§ 252(b)(1)) — MO — KMC Telecom → CenturyTel"
    assert "Window opens (day 135): Sat 22 Jan 2005" in str(closes["DESCRIPTION"])
    deadline = Deadline.objects.get(request=world["request"], kind="window_closes")
    assert str(closes["UID"]) == f"deadline-{deadline.pk}@tracker.example.com"
    assert str(closes["URL"]) == f"http://testserver/deadlines/{deadline.pk}/"
    assert str(closes["STATUS"]) == "CONFIRMED"
    assert found["Commission must resolve open issues"]["DTSTART"].dt == date(2005, 6, 9)


def test_alarms_come_before_each_deadline(client, world):
    found = events(fetch(client, issue(client, world["counsel"])).content)

    def triggers(event) -> list[timedelta]:
        return sorted(alarm["TRIGGER"].dt for alarm in event.walk("VALARM"))

    assert triggers(found["Last safe day to petition"]) == [
        timedelta(days=-14),
        timedelta(days=-7),
        timedelta(days=-1),
    ]
    assert triggers(found["First day to petition for arbitration"]) == [
        timedelta(days=-7),
        timedelta(days=-1),
    ]
    alarm = found["Last safe day to petition"].walk("VALARM")[0]
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert str(alarm["DESCRIPTION"]).startswith("In 14 days: Last safe day to petition")


def test_a_moved_date_updates_the_same_event(client, seed):
    world = setup.people(seed)
    setup.confirm_receipt(world, at=setup.DECEMBER)
    url = issue(client, world["counsel"])
    before = events(fetch(client, url).content)["Last safe day to petition"]
    request = world["request"]
    request.refresh_from_db()
    request.received_on = date(2004, 9, 10)
    with time_machine.travel(setup.DECEMBER, tick=False):
        services.save_request(request, by=world["counsel"], reason="FedEx shows delivery on 10 September")
    after = events(fetch(client, url).content)["Last safe day to petition"]
    assert (before["DTSTART"].dt, after["DTSTART"].dt) == (date(2005, 2, 16), date(2005, 2, 17))
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])


def test_an_estimated_date_is_tentative(client, seed):
    world = setup.people(seed)
    closes = Deadline.objects.get(request=world["request"], kind="window_closes")
    closes.watchers.add(world["partner"])
    closes.status = Deadline.Status.UPCOMING
    closes.save()
    found = events(fetch(client, issue(client, world["partner"])).content)
    event = found["Last safe day to petition"]
    assert str(event["STATUS"]) == "TENTATIVE"
    assert event["DTSTART"].dt == date(2005, 2, 17)
    assert "Receipt of the request is not confirmed" in str(event["DESCRIPTION"])


def test_only_the_hash_of_the_token_is_stored(client, world):
    url = issue(client, world["counsel"])
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    feed = CalendarFeed.objects.get(user=world["counsel"])
    assert len(token) >= 43
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in feed.token_hash
    # The page shows the URL once; afterwards it says only that a feed exists.
    page = client.get(reverse("deadlines:calendar")).content.decode()
    assert token not in page
    assert "You have a calendar address" in page


def test_the_feed_records_when_it_was_last_read(client, world):
    url = issue(client, world["counsel"])
    assert CalendarFeed.objects.get().last_used_at is None
    fetch(client, url)
    assert CalendarFeed.objects.get().last_used_at is not None


def test_a_wrong_token_is_a_bare_404(client, world):
    url = issue(client, world["counsel"])
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    wrong = token[:-1] + ("A" if token[-1] != "A" else "B")
    for bad in (wrong, "x", "x" * 500):
        response = fetch(client, reverse("deadlines:feed", args=[bad]))
        assert response.status_code == 404
        assert response.content == b"Not found.\n"


def test_a_revoked_feed_is_404(client, world):
    url = issue(client, world["counsel"])
    assert client.post(reverse("deadlines:calendar-revoke")).status_code == 302
    assert not CalendarFeed.objects.exists()
    response = fetch(client, url)
    assert response.status_code == 404
    assert response.content == b"Not found.\n"


def test_a_regenerated_feed_retires_the_old_url(client, world):
    old = issue(client, world["counsel"])
    new = issue(client, world["counsel"])
    assert old != new
    assert fetch(client, old).status_code == 404
    assert fetch(client, new).status_code == 200
    assert CalendarFeed.objects.count() == 1


def test_a_deactivated_user_s_feed_stops(client, world):
    url = issue(client, world["counsel"])
    world["counsel"].is_active = False
    world["counsel"].save()
    assert fetch(client, url).status_code == 404


def test_a_user_s_feed_has_only_their_deadlines(client, world):
    partner = world["partner"]
    assert events(fetch(client, issue(client, partner)).content) == {}
    # Watching one deadline brings that one, and only that one, into the partner's feed.
    closes = Deadline.objects.get(request=world["request"], kind="window_closes")
    closes.watchers.add(partner)
    url = issue(client, partner)
    assert list(events(fetch(client, url).content)) == ["Last safe day to petition"]
    # The paralegal on the matter sees all three.
    assert len(events(fetch(client, issue(client, world["paralegal"])).content)) == 3


def test_the_feed_leaves_out_waived_deadlines(client, world):
    resolution = Deadline.objects.get(request=world["request"], kind="resolution_due")
    waive(resolution, by=world["counsel"], reason="waived by letter")
    assert "Commission must resolve open issues" not in events(
        fetch(client, issue(client, world["counsel"])).content
    )


def test_the_matter_download_has_the_request_and_its_petitions(client, world):
    with time_machine.travel(setup.WINDOW_OPEN + timedelta(days=1), tick=False):
        services.record_petition(
            ArbitrationPetition(
                request=world["request"],
                state_id="MO",
                filed_on=date(2005, 1, 26),
                received_by_commission_on=date(2005, 1, 26),
                docket_number="TO-2005-0166",
            ),
            by=world["paralegal"],
        )
        advance_statuses()  # the sweep: day 135 has passed
    client.force_login(world["viewer"])
    with time_machine.travel(setup.WINDOW_OPEN + timedelta(days=1), tick=False):
        response = client.get(reverse("deadlines:matter-calendar", args=[world["request"].pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="request-{world["request"].pk}-deadlines.ics"'
    )
    found = events(response.content)
    # The window was met by the petition; the commission's 9 months and the response remain.
    assert sorted(found) == ["Commission must resolve open issues", "Response to arbitration petition due"]
    response_due = found["Response to arbitration petition due"]
    # 25 days after Wednesday 26 January 2005 is Sunday 20 February: the business day before it.
    assert response_due["DTSTART"].dt == date(2005, 2, 18)
    assert "Statutory date: Sun 20 Feb 2005" in str(response_due["DESCRIPTION"])
    assert "Petition in MO: KMC Telecom → CenturyTel" in str(response_due["SUMMARY"])
    assert str(Calendar.from_ical(response.content)["X-WR-CALNAME"]) == "KMC Telecom → CenturyTel"


def test_the_matter_download_needs_a_login_and_the_view_permissions(client, world):
    url = reverse("deadlines:matter-calendar", args=[world["request"].pk])
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    nobody = factories.UserFactory(username="nobody")
    client.force_login(nobody)
    assert client.get(url).status_code == 403
    client.force_login(world["paralegal"])
    assert client.get(url).status_code == 200
    assert client.get(reverse("deadlines:matter-calendar", args=[999999])).status_code == 404


def test_the_calendar_page_needs_a_login_and_posts(client, world):
    response = client.get(reverse("deadlines:calendar"))
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(world["viewer"])
    assert client.get(reverse("deadlines:calendar-issue")).status_code == 405
    assert client.get(reverse("deadlines:calendar-revoke")).status_code == 405
    page = client.get(reverse("deadlines:calendar")).content.decode()
    assert "You have no calendar address." in page


def test_an_unchanged_feed_answers_304_to_its_etag(client, world):
    url = issue(client, world["counsel"])
    first = fetch(client, url)
    with time_machine.travel(setup.DECEMBER, tick=False):
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        head = client.head(url)
    assert again.status_code == 304
    assert head.status_code == 200 and head["Content-Type"] == "text/calendar; charset=utf-8"
