"""Reminders: planned per lead time and person, claimed by compare-and-set, sent exactly once."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from agreements import services
from deadlines.models import MISSED_LEAD, Deadline, Notification, Reminder, ReminderPolicy
from deadlines.services import advance_statuses, claim_due, deliver, send_weekly_digests
from tests import factories

pytestmark = pytest.mark.django_db

# 1 October 2004: the seed request is in flight, its window months ahead.
OCTOBER = datetime(2004, 10, 1, 12, tzinfo=UTC)


@pytest.fixture
def people(seed):
    counsel = factories.UserFactory(username="klein", email="aklein@example.com", role="counsel")
    seed["counsel"].user = counsel
    seed["counsel"].save()
    paralegal = factories.UserFactory(username="pat")
    request = seed["request"]
    request.paralegal = paralegal
    request.save()
    partner = factories.UserFactory(username="partner", role="counsel")
    return {"counsel": counsel, "paralegal": paralegal, "partner": partner, "request": request}


@pytest.fixture
def received(people):
    with time_machine.travel(OCTOBER, tick=False):
        services.record_receipt(
            people["request"],
            date(2004, 9, 9),
            confirmed=True,
            by=people["paralegal"],
            reason="proof of delivery",
        )
    return people


def test_lead_times_are_planned_for_each_person(received):
    closes = Deadline.objects.get(request=received["request"], kind="window_closes")
    plan = sorted(closes.reminders.values_list("recipient__username", "lead_days", "next_attempt_at"))
    # Last safe filing day Wednesday 16 February 2005; reminders at 08:00 in Missouri (CST, UTC-6).
    assert [(u, lead) for u, lead, _ in plan if u == "klein"] == [
        ("klein", 0),
        ("klein", 1),
        ("klein", 3),
        ("klein", 7),
        ("klein", 14),
        ("klein", 30),
    ]
    assert {u for u, _, _ in plan} == {"klein", "pat"}
    at = {lead: when for u, lead, when in plan if u == "klein"}
    assert at[0] == datetime(2005, 2, 16, 14, tzinfo=UTC)
    assert at[30] == datetime(2005, 1, 17, 14, tzinfo=UTC)
    opens = Deadline.objects.get(request=received["request"], kind="window_opens")
    assert sorted(
        opens.reminders.filter(recipient__username="klein").values_list("lead_days", flat=True)
    ) == [0, 1, 7, 14]


def test_policy_edited_in_the_admin_changes_the_plan(received):
    ReminderPolicy.objects.filter(kind="window_closes").update(lead_days="10, 2")
    with time_machine.travel(OCTOBER, tick=False):
        services.record_receipt(
            received["request"], date(2004, 9, 10), confirmed=True, by=None, reason="corrected"
        )
    closes = Deadline.objects.get(request=received["request"], kind="window_closes")
    assert sorted(set(closes.reminders.values_list("lead_days", flat=True))) == [2, 10]


def test_a_due_reminder_is_sent_once_by_mail_and_in_the_app(received):
    with time_machine.travel(datetime(2005, 1, 16, 15, tzinfo=UTC), tick=False):
        deliver()  # the sweeps before: the 14-day reminder of the opening went out on 10 January
    mail.outbox.clear()
    Notification.objects.all().delete()
    with time_machine.travel(datetime(2005, 1, 17, 15, tzinfo=UTC), tick=False):
        first = deliver()
        second = deliver()
    # Monday 17 January 2005, 08:00 in Missouri: 30 days before the window closes (16 February)
    # and 7 days before its first filing day (24 January), for counsel and paralegal each.
    assert first == {"claimed": 4, "sent": 4, "failed": 0}
    assert second == {"claimed": 0, "sent": 0, "failed": 0}
    matter = str(received["request"])
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("aklein@example.com", f"In 30 days: Arbitration window closes (day 160) — MO — {matter}"),
        ("aklein@example.com", f"In 7 days: Arbitration window opens (day 135) — MO — {matter}"),
        ("pat@example.com", f"In 30 days: Arbitration window closes (day 160) — MO — {matter}"),
        ("pat@example.com", f"In 7 days: Arbitration window opens (day 135) — MO — {matter}"),
    ]
    mail.outbox.sort(key=lambda m: m.subject)
    assert "Business day to act: Wednesday February 16, 2005" in mail.outbox[0].body
    assert Notification.objects.filter(user=received["counsel"]).count() == 2


def test_two_sweeps_claim_disjoint_rows(received):
    now = datetime(2005, 2, 16, 15, tzinfo=UTC)
    due = Reminder.objects.filter(next_attempt_at__lte=now, status="pending").count()
    token_a, claimed_a = claim_due(now, batch=3, lease=timedelta(minutes=10))
    token_b, claimed_b = claim_due(now, batch=1000, lease=timedelta(minutes=10))
    ids_a, ids_b = {r.pk for r in claimed_a}, {r.pk for r in claimed_b}
    assert len(ids_a) == 3
    assert ids_a.isdisjoint(ids_b)
    assert len(ids_a | ids_b) == due
    # The same moment again: everything is leased, nothing more to claim.
    assert claim_due(now, batch=1000, lease=timedelta(minutes=10))[1] == []


def test_a_claim_whose_worker_died_is_sent_after_the_lease(received):
    now = datetime(2005, 2, 16, 15, tzinfo=UTC)
    _, claimed = claim_due(now, batch=1000, lease=timedelta(minutes=10))  # ... and the worker dies here
    assert claimed
    with time_machine.travel(now + timedelta(minutes=5), tick=False):
        assert deliver()["sent"] == 0  # lease still running
    with time_machine.travel(now + timedelta(minutes=11), tick=False):
        result = deliver()
    assert result["sent"] == len(claimed)
    assert len(mail.outbox) == len(claimed)
    assert set(
        Reminder.objects.filter(pk__in=[r.pk for r in claimed]).values_list("attempts", flat=True)
    ) == {2}


def test_missed_window_is_escalated_to_every_counsel_once(received):
    with time_machine.travel(datetime(2005, 2, 18, 15, tzinfo=UTC), tick=False):
        counts = advance_statuses()
        again = advance_statuses()
    assert counts["missed"] == 1 and again["missed"] == 0
    closes = Deadline.objects.get(request=received["request"], kind="window_closes")
    assert closes.status == "missed"
    escalations = closes.reminders.filter(lead_days=MISSED_LEAD)
    assert sorted(escalations.values_list("recipient__username", flat=True)) == ["klein", "partner"]
    with time_machine.travel(datetime(2005, 2, 18, 15, 5, tzinfo=UTC), tick=False):
        deliver()
    missed = [m for m in mail.outbox if m.subject.startswith("MISSED")]
    assert sorted(m.to[0] for m in missed) == ["aklein@example.com", "partner@example.com"]
    assert not closes.reminders.filter(status="pending", lead_days__gte=0).exists()


def test_window_open_status_on_day_135(received):
    # Day 135 is Saturday 22 January 2005; in Missouri that Saturday has begun at 06:00 UTC.
    with time_machine.travel(datetime(2005, 1, 22, 7, tzinfo=UTC), tick=False):
        advance_statuses()
    statuses = dict(Deadline.objects.filter(request=received["request"]).values_list("kind", "status"))
    assert statuses == {"window_opens": "met", "window_closes": "open", "resolution_due": "upcoming"}


def test_a_reminder_planned_after_its_lead_day_goes_out_once_not_for_every_past_lead(people):
    # Receipt recorded late: 5 February 2005, eleven days before the window closes.
    with time_machine.travel(datetime(2005, 2, 5, 15, tzinfo=UTC), tick=False):
        services.record_receipt(
            people["request"], date(2004, 9, 9), confirmed=True, by=None, reason="late entry"
        )
        deliver()
    closes = [m for m in mail.outbox if "window closes" in m.subject and m.to == ["aklein@example.com"]]
    assert [m.subject.split(":")[0] for m in closes] == ["In 14 days"]


def test_weekly_digest_once_per_week(received):
    with time_machine.travel(datetime(2005, 2, 7, 13, tzinfo=UTC), tick=False):
        assert send_weekly_digests() == 2  # klein and partner
        assert send_weekly_digests() == 0
    digest = next(m for m in mail.outbox if m.to == ["aklein@example.com"])
    assert digest.subject == "Deadlines for the week of Mon 7 Feb 2005"
    assert "Wed 16 Feb 2005 MO Arbitration window closes (day 160)" in digest.body
