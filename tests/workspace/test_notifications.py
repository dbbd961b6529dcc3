"""In-app notifications: the reminders the sweep delivers, listed newest first, marked read one or all."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from deadlines.models import Deadline, Notification
from deadlines.services import deliver
from tests.workspace import deadline_setup as setup

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(seed):
    world = setup.people(seed)
    setup.confirm_receipt(world, at=setup.DECEMBER)
    return world


def note(user, message: str, minutes_ago: int, deadline=None, read: bool = False) -> Notification:
    created = setup.WINDOW_OPEN - timedelta(minutes=minutes_ago)
    return Notification.objects.create(
        user=user, deadline=deadline, message=message, created_at=created, read_at=created if read else None
    )


def items(html: str) -> list[tuple[str, str]]:
    """(read or unread, message) of each notification on the page, in order."""
    return re.findall(r'<li class="(read|unread)">.*?class="message"[^>]*>(.*?)</', html, re.S)


def test_the_sweep_s_reminders_appear_newest_first_and_link_to_the_deadline(client, world):
    counsel = world["counsel"]
    closes = Deadline.objects.get(request=world["request"], kind="window_closes")
    # 14 days before the last safe day (Wednesday 2 February 2005), then 7 days before: two sweeps.
    for day in (2, 9):
        with time_machine.travel(datetime(2005, 2, day, 15, tzinfo=UTC), tick=False):
            deliver()
    assert len(mail.outbox) >= 2
    client.force_login(counsel)
    with time_machine.travel(datetime(2005, 2, 9, 16, tzinfo=UTC), tick=False):
        response = client.get(reverse("deadlines:notifications"))
    html = response.content.decode()
    closing = [(css, message) for css, message in items(html) if "Arbitration window closes" in message]
    matter = "MO — KMC Telecom → CenturyTel, Inc. (MO) 2004-09-09"
    assert closing[0] == ("unread", f"In 7 days: Arbitration window closes (day 160) — {matter}")
    assert ("unread", f"In 14 days: Arbitration window closes (day 160) — {matter}") in closing
    assert f'<a class="message" href="{reverse("deadlines:detail", args=[closes.pk])}">' in html
    assert 'MO · act by <time datetime="2005-02-16">Wed 16 Feb 2005</time>' in html
    # The e-mail's link is the deadline's page too.
    assert any(f"/deadlines/{closes.pk}/" in message.body for message in mail.outbox)


def test_unread_ones_are_highlighted_and_counted_in_the_header(client, world):
    counsel = world["counsel"]
    note(counsel, "Older, read", 30, read=True)
    note(counsel, "Newer, unread", 10)
    note(world["partner"], "Someone else's", 5)
    client.force_login(counsel)
    html = client.get(reverse("deadlines:notifications")).content.decode()
    assert items(html) == [("unread", "Newer, unread"), ("read", "Older, read")]
    assert "Someone else" not in html
    assert 'aria-label="Notifications: 1 unread"' in html
    assert "Mark all 1 as read" in html


def test_mark_one_read(client, world):
    counsel = world["counsel"]
    first = note(counsel, "First", 20)
    second = note(counsel, "Second", 10)
    client.force_login(counsel)
    response = client.post(reverse("deadlines:mark-read"), {"id": first.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("deadlines:notifications")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None


def test_mark_all_read_touches_only_the_user_s_own(client, world):
    counsel, partner = world["counsel"], world["partner"]
    for minutes in (30, 20, 10):
        note(counsel, f"Reminder {minutes}", minutes)
    theirs = note(partner, "Partner's", 5)
    client.force_login(counsel)
    client.post(reverse("deadlines:mark-read"))
    assert not Notification.objects.filter(user=counsel, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
    # Nor can one mark another's by its id.
    client.post(reverse("deadlines:mark-read"), {"id": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.read_at is None
    page = client.get(reverse("deadlines:notifications")).content.decode()
    assert "Marked 3 notifications as read." in page


def test_mark_read_is_post_only_and_returns_only_to_local_pages(client, world):
    counsel = world["counsel"]
    note(counsel, "Something", 1)
    client.force_login(counsel)
    assert client.get(reverse("deadlines:mark-read")).status_code == 405
    assert client.post(reverse("deadlines:mark-read"), {"next": "/?mine=1"})["Location"] == "/?mine=1"
    response = client.post(reverse("deadlines:mark-read"), {"next": "//evil.example/"})
    assert response["Location"] == reverse("deadlines:notifications")


def test_mark_read_needs_csrf(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world["counsel"])
    assert client.post(reverse("deadlines:mark-read")).status_code == 403


def test_the_page_is_paginated(client, world):
    counsel = world["counsel"]
    Notification.objects.bulk_create([Notification(user=counsel, message=f"Reminder {i}") for i in range(55)])
    client.force_login(counsel)
    first = client.get(reverse("deadlines:notifications")).content.decode()
    assert len(items(first)) == 50
    assert 'href="?page=2"' in first
    assert len(items(client.get(reverse("deadlines:notifications"), {"page": 2}).content.decode())) == 5


def test_an_empty_page_says_where_reminders_will_appear(client, world):
    client.force_login(world["viewer"])
    html = client.get(reverse("deadlines:notifications")).content.decode()
    assert "No notifications yet." in html
