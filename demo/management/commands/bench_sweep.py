"""Time one sweep over N deadlines of which 1,000 have a reminder due, and count its queries.

    python manage.py bench_sweep --sizes 10000 100000

Rows are created inside a transaction that is rolled back at the end, so the database is left
as it was. Run it on PostgreSQL (DATABASE_URL) for figures that mean something.
"""

from __future__ import annotations

import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from agreements.models import NegotiationRequest
from carriers.models import Counsel, LawFirm
from deadlines.models import Deadline, Reminder
from deadlines.tasks import sweep_task

DUE = 1000
KINDS = ["window_opens", "window_closes", "resolution_due"]


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Benchmark one reminder sweep at several table sizes (rolled back afterwards)."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", nargs="+", type=int, default=[10_000, 100_000])

    def handle(self, *args, sizes, **options):
        self.stdout.write(f"database: {connection.vendor}")
        self.stdout.write(f"{'deadlines':>10} {'due':>6} {'sent':>6} {'seconds':>8} {'queries':>8}")
        rows = []
        for size in sizes:
            result = self._measure(size)
            rows.append(result)
            self.stdout.write(
                f"{size:>10} {DUE:>6} {result['sent']:>6} {result['seconds']:>8.3f} {result['queries']:>8}"
            )
        if len(rows) > 1:
            first, last = rows[0], rows[-1]
            self.stdout.write(
                f"ratio {sizes[-1]}/{sizes[0]} rows: time x{last['seconds'] / first['seconds']:.2f}, "
                f"queries x{last['queries'] / first['queries']:.2f}"
            )

    @override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    def _measure(self, size: int) -> dict:
        result: dict = {}
        try:
            with transaction.atomic():
                self._seed(size)
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    outcome = sweep_task.run()
                    result["seconds"] = time.perf_counter() - started
                result["queries"] = len(queries)
                result["sent"] = outcome["sent"]
                raise Rollback
        except Rollback:
            pass
        return result

    def _seed(self, size: int) -> None:
        User = get_user_model()
        firm = LawFirm.objects.create(
            name=f"Bench Firm {size}", street="1 Main", city="X", region="DC", postal_code="20001"
        )
        counsel = Counsel.objects.create(firm=firm, name="Bench Counsel")
        users = User.objects.bulk_create(
            [User(username=f"bench{size}-{i}", email=f"bench{i}@example.com") for i in range(DUE)]
        )
        today = timezone.localdate()
        n_requests = size // len(KINDS)
        requests = NegotiationRequest.objects.bulk_create(
            [
                NegotiationRequest(
                    collective_name=f"Bench {i}",
                    letter_date=today,
                    delivery_method="overnight",
                    counsel=counsel,
                    addressee_name="Incumbent",
                    address="x",
                )
                for i in range(n_requests)
            ],
            batch_size=5000,
        )
        deadlines = Deadline.objects.bulk_create(
            [
                Deadline(
                    request=request,
                    kind=kind,
                    citation="47 U.S.C. § 252(b)(1)",
                    state_id="MO",
                    trigger_date=today,
                    due_on=today + timedelta(days=30 + i % 300),
                    act_on=today + timedelta(days=30 + i % 300),
                )
                for i, request in enumerate(requests)
                for kind in KINDS
            ],
            batch_size=5000,
        )
        now = timezone.now()
        due = [
            Reminder(
                deadline=deadlines[i * (len(deadlines) // DUE)],
                lead_days=0,
                recipient=users[i],
                next_attempt_at=now - timedelta(minutes=1),
            )
            for i in range(DUE)
        ]
        later = [
            Reminder(deadline=d, lead_days=14, recipient=users[0], next_attempt_at=now + timedelta(days=10))
            for d in deadlines
        ]
        Reminder.objects.bulk_create(due + later, batch_size=5000)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE deadlines_deadline; ANALYZE deadlines_reminder;")
