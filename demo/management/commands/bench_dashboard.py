"""Time the deadline dashboard server-side at several numbers of matters, and count its queries.

    python manage.py bench_dashboard --sizes 100 10000              # 100 live matters, the rest archive
    python manage.py bench_dashboard --sizes 100 10000 --live 10000  # stress: every matter live at once

For each size, in a transaction that is rolled back at the end:

1. Seed that many requests for negotiation, each with its parties and state. The first ``--live``
   are live matters at one of four stages (window open, opening soon, closing soon, missed), so
   that every table of the dashboard is full; the others are the archive of a busy firm: requests
   received one to four years ago whose windows were met (one in ten missed) and whose 9-month
   dates have passed. One agreement per four requests is filed for approval: pending for live
   matters, decided long ago for the archive.
2. Log a counsel in with the test client, load the dashboard once to warm up, then time ``--runs``
   loads (median) and count the queries of one of them.

Run it on PostgreSQL (DATABASE_URL) for figures that mean something. The goal: the same number of
queries at every size, and the largest size no more than 1.5 times slower than the smallest.
"""

from __future__ import annotations

import statistics
import time
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement, NegotiationRequest, RequestParty, StateFiling
from carriers.models import Affiliate, Carrier, Counsel, LawFirm
from deadlines.models import Deadline, DeadlineKind

STATES = ["MO", "TX", "FL", "GA", "CA", "NY", "IL", "MI", "OH", "PA"]
CARRIERS = 10
# Days between the incumbent's receipt and today, per stage of a live matter: 140 puts today inside
# the window (day 135 to day 160), 120 puts the window's opening two weeks ahead, 152 puts its closing
# within the 14 days, 200 makes it missed. A quarter of 100 live matters in each, and one filing per
# four, fill every table's 25 rows: both sizes draw the same page, and the ratio measures how the
# queries scale with the table, not how many rows are drawn.
STAGES = [140, 120, 152, 200]
FILING_EVERY = 4
LIVE = 100
BATCH = 5000


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Benchmark the deadline dashboard at several numbers of matters (rolled back afterwards)."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", nargs="+", type=int, default=[100, 10_000])
        parser.add_argument("--runs", type=int, default=15, help="Timed loads per size; the median is shown.")
        parser.add_argument(
            "--live", type=int, default=LIVE, help="Matters with live deadlines; the rest are the archive."
        )

    def handle(self, *args, sizes: list[int], runs: int, live: int, **options):
        self.live = live
        self.stdout.write(f"database: {connection.vendor}; live matters: at most {live} per size")
        header = (
            f"{'requests':>9} {'deadlines':>10} {'page':<9} {'median ms':>10} {'min ms':>8} {'queries':>8}"
        )
        self.stdout.write(header)
        results: dict[int, dict[str, dict]] = {}
        for size in sizes:
            results[size] = self._measure(size, runs)
            for page, figures in results[size].items():
                self.stdout.write(
                    f"{size:>9} {figures['deadlines']:>10} {page:<9} {figures['median'] * 1000:>10.1f} "
                    f"{figures['min'] * 1000:>8.1f} {figures['queries']:>8}"
                )
        if len(sizes) > 1:
            small, large = results[sizes[0]], results[sizes[-1]]
            for page in small:
                self.stdout.write(
                    f"ratio {sizes[-1]}/{sizes[0]} ({page}): time x{large[page]['median'] / small[page]['median']:.2f}, "
                    f"queries {small[page]['queries']} → {large[page]['queries']}"
                )

    @override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"])
    def _measure(self, size: int, runs: int) -> dict[str, dict]:
        result: dict[str, dict] = {}
        if connection.vendor == "postgresql":
            # Rows rolled back by an earlier size or run are dead but still indexed: clear them first.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE deadlines_deadline")
        try:
            with transaction.atomic():
                counsel = self._seed(size)
                client = Client()
                client.force_login(counsel)
                deadlines = Deadline.objects.count()
                pages = {"all": {}, "filtered": {"state": "MO", "mine": "1"}}
                for page, params in pages.items():
                    result[page] = {"deadlines": deadlines, **self._time(client, params, runs)}
                raise Rollback
        except Rollback:
            pass
        return result

    def _time(self, client: Client, params: dict, runs: int) -> dict:
        url = reverse("deadlines:dashboard")
        warm_up = client.get(url, params)  # templates, caches, query plans
        if warm_up.status_code != 200:
            raise CommandError(f"The dashboard answered {warm_up.status_code}.")
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(url, params)
            timings.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise CommandError(f"The dashboard answered {response.status_code}.")
        with CaptureQueriesContext(connection) as queries:
            client.get(url, params)
        return {"median": statistics.median(timings), "min": min(timings), "queries": len(queries)}

    def _seed(self, size: int):
        """Bulk rows for ``size`` matters; returns the counsel user who looks at the dashboard."""
        User = get_user_model()
        counsel_user = User.objects.create(username=f"bench-counsel-{size}", first_name="Bench")
        counsel_user.groups.add(Group.objects.get(name="Counsel"))
        paralegal = User.objects.create(username=f"bench-paralegal-{size}")
        partner = User.objects.create(username=f"bench-partner-{size}")
        partner.groups.add(Group.objects.get(name="Counsel"))
        firm = LawFirm.objects.create(
            name=f"Bench Firm {size}", street="1 Main", city="X", region="DC", postal_code="20001"
        )
        attorney = Counsel.objects.create(firm=firm, name="Bench Counsel", user=counsel_user)
        carriers = Carrier.objects.bulk_create(
            [Carrier(name=f"Bench Carrier {size}-{i}") for i in range(CARRIERS)]
        )
        competitive = Affiliate.objects.bulk_create(
            [Affiliate(carrier=c, legal_name=f"{c.name} CLEC LLC", kind="competitive") for c in carriers]
        )
        incumbent = Affiliate.objects.bulk_create(
            [Affiliate(carrier=c, legal_name=f"{c.name} Telephone Co.", kind="incumbent") for c in carriers]
        )
        today = timezone.localdate()
        requests = NegotiationRequest.objects.bulk_create(
            [
                NegotiationRequest(
                    collective_name=f"Bench CLEC {i}",
                    letter_date=today - timedelta(days=250),
                    delivery_method="overnight",
                    counsel=attorney,
                    paralegal=paralegal,
                    addressee_name=f"Incumbent {i % CARRIERS}, Inc.",
                    address="x",
                    status="received",
                )
                for i in range(size)
            ],
            batch_size=BATCH,
        )
        RequestParty.objects.bulk_create(
            [
                RequestParty(request=r, affiliate=side[i % CARRIERS], role=role)
                for i, r in enumerate(requests)
                for side, role in ((competitive, "requesting"), (incumbent, "incumbent"))
            ],
            batch_size=BATCH,
        )
        through = NegotiationRequest.states.through
        through.objects.bulk_create(
            [through(negotiationrequest=r, state_id=STATES[i % len(STATES)]) for i, r in enumerate(requests)],
            batch_size=BATCH,
        )
        rows: list[Deadline] = []
        live = min(size, self.live)
        for i, request in enumerate(requests):
            if i < live:
                received = today - timedelta(days=STAGES[i % len(STAGES)] + (i // len(STAGES)) % 5)
            else:
                received = today - timedelta(days=365 + (i * 7) % 1100)
            rows += self._request_deadlines(
                request, STATES[i % len(STATES)], received, today, counsel_user, paralegal, archived=i >= live
            )
        rows += self._filings(
            live // FILING_EVERY, (size - live) // FILING_EVERY, competitive, incumbent, today
        )
        deadlines = Deadline.objects.bulk_create(rows, batch_size=BATCH)
        watched = Deadline.watchers.through
        watched.objects.bulk_create(
            [watched(deadline_id=d.pk, user_id=partner.pk) for d in deadlines[::7]], batch_size=BATCH
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "ANALYZE deadlines_deadline; ANALYZE agreements_negotiationrequest; "
                    "ANALYZE agreements_requestparty; ANALYZE agreements_statefiling;"
                )
        return counsel_user

    def _request_deadlines(
        self, request, state: str, received: date, today: date, counsel, paralegal, archived: bool
    ) -> list[Deadline]:
        """The window and the 9-month date of one request, with the statuses the sweep would give them.

        An archived matter's window was met by a petition (one in ten was missed); its commission
        decided within the 9 months.
        """
        opens, closes = received + timedelta(days=135), received + timedelta(days=160)
        resolution = received + timedelta(days=274)

        def status(kind: str, due: date) -> str:
            if archived:
                return "missed" if kind == DeadlineKind.WINDOW_CLOSES and request.pk % 10 == 0 else "met"
            if kind == DeadlineKind.WINDOW_OPENS:
                return "met" if due <= today else "upcoming"
            if due < today:
                return "missed"
            return "open" if kind == DeadlineKind.WINDOW_CLOSES and opens <= today else "upcoming"

        common = {
            "request": request,
            "state_id": state,
            "trigger_date": received,
            "responsible_counsel": counsel if request.pk % 2 else None,
            "responsible_paralegal": paralegal,
            "citation": "47 U.S.C. § 252(b)(1)",
        }
        return [
            Deadline(
                kind=DeadlineKind.WINDOW_OPENS,
                due_on=opens,
                act_on=opens,
                status=status("window_opens", opens),
                **common,
            ),
            Deadline(
                kind=DeadlineKind.WINDOW_CLOSES,
                due_on=closes,
                act_on=closes,
                opens_on=opens,
                status=status("window_closes", closes),
                **common,
            ),
            Deadline(
                kind=DeadlineKind.RESOLUTION_DUE,
                due_on=resolution,
                act_on=resolution,
                status=status("resolution_due", resolution),
                **{**common, "citation": "47 U.S.C. § 252(b)(4)(C)"},
            ),
        ]

    def _filings(self, pending: int, decided: int, competitive, incumbent, today: date) -> list[Deadline]:
        """Agreements filed in one state each: ``pending`` awaiting deemed approval (§ 252(e)(4)), then
        ``decided`` ones submitted years ago, whose 90 days have long passed."""
        count = max(pending, 1) + decided
        agreements = Agreement.objects.bulk_create(
            [
                Agreement(
                    competitive_party=competitive[i % CARRIERS],
                    incumbent_party=incumbent[i % CARRIERS],
                    dated=today - timedelta(days=120),
                )
                for i in range(count)
            ],
            batch_size=BATCH,
        )
        filings = StateFiling.objects.bulk_create(
            [
                StateFiling(
                    agreement=a,
                    state_id=STATES[i % len(STATES)],
                    submitted_on=today - timedelta(days=i % 80 if i < max(pending, 1) else 400 + i % 1000),
                    docket_number=f"B-{i}",
                )
                for i, a in enumerate(agreements)
            ],
            batch_size=BATCH,
        )
        return [
            Deadline(
                filing=f,
                kind=DeadlineKind.DEEMED_APPROVAL,
                citation="47 U.S.C. § 252(e)(4)",
                state_id=f.state_id,
                trigger_date=f.submitted_on,
                due_on=f.submitted_on + timedelta(days=90),
                act_on=f.submitted_on + timedelta(days=90),
                status="upcoming" if f.submitted_on > today - timedelta(days=90) else "met",
            )
            for f in filings
        ]
