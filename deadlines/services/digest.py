"""The weekly digest: each counsel's deadlines of the next 30 days, sent once per week."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from deadlines.models import Deadline, DigestSent
from deadlines.services.reminders import counsel_users
from jurisdictions.dates import say_date

HORIZON_DAYS = 30


def deadlines_for(user: User, today: date) -> QuerySet[Deadline]:
    return (
        Deadline.objects.filter(
            status__in=Deadline.ACTIVE, act_on__gte=today, act_on__lte=today + timedelta(days=HORIZON_DAYS)
        )
        .filter(Q(responsible_counsel=user) | Q(watchers=user) | Q(responsible_counsel__isnull=True))
        .select_related("state", "request", "petition", "filing")
        .distinct()
        .order_by("act_on")
    )


def send_weekly_digests(today: date | None = None) -> int:
    """Claim (user, week) first; a digest whose send fails is released so the next run retries."""
    today = today or timezone.localdate()
    week_of = today - timedelta(days=today.weekday())
    sent = 0
    for user in counsel_users():
        if not user.email:
            continue
        try:
            with transaction.atomic():
                claim = DigestSent.objects.create(user=user, week_of=week_of)
        except IntegrityError:
            continue
        rows = list(deadlines_for(user, today))
        lines = [f"{say_date(d.act_on)} {d.state_id} {d.get_kind_display()} — {d.trigger}" for d in rows]
        body = "\n".join(lines) if lines else "Nothing due in the next 30 days."
        try:
            send_mail(f"Deadlines for the week of {say_date(week_of)}", body, None, [user.email])
        except Exception:
            claim.delete()
            raise
        sent += 1
    return sent
