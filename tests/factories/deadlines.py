"""Deadlines and reminders as rows, for tests of what reads them.

A real deadline is computed by ``deadlines.services.sync_deadlines`` from its trigger; these build
one directly: by default the seed request's Missouri window closing (receipt Thu 9 Sep 2004, day 160
Wed 16 Feb 2005, 47 U.S.C. § 252(b)(1)).
"""

from __future__ import annotations

from datetime import date, timedelta

import factory
from django.utils import timezone

from deadlines.models import Deadline, Reminder
from tests.factories.accounts import UserFactory
from tests.factories.agreements import NegotiationRequestFactory


class DeadlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deadline

    request = factory.SubFactory(NegotiationRequestFactory)
    kind = "window_closes"
    citation = "47 U.S.C. § 252(b)(1)"
    state_id = "MO"
    trigger_date = date(2004, 9, 9)
    due_on = factory.LazyAttribute(lambda d: d.trigger_date + timedelta(days=160))
    act_on = factory.SelfAttribute("due_on")
    opens_on = factory.LazyAttribute(lambda d: d.trigger_date + timedelta(days=135))


class ReminderFactory(factory.django.DjangoModelFactory):
    """A pending reminder, due now."""

    class Meta:
        model = Reminder

    deadline = factory.SubFactory(DeadlineFactory)
    recipient = factory.SubFactory(UserFactory)
    lead_days = 7
    next_attempt_at = factory.LazyFunction(timezone.now)
