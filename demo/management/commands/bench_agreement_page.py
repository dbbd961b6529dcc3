"""Time the seed agreement's page (as amended on 14 September 2004) beside N other requests, and count queries.

    python manage.py bench_agreement_page --sizes 100 10000

For each size, inside a transaction that is rolled back at the end (the database is left as it was):

1. load the seed documents (the KMC / BellSouth agreement and its amendment);
2. add N requests with their three deadlines each, N/10 other agreements with a rate element, and
   N/100 other amendments with a filing, so the page has a book around it;
3. GET the agreement page ``?as_of=2004-09-14`` as a logged-in counsel through django.test.Client,
   once to warm up, then ``--runs`` times; report the median and the queries of one run.

The goal: the same number of queries at every size, and the largest size no more than 1.5 times
slower than the smallest. Run it on PostgreSQL (DATABASE_URL) for figures that mean something.
"""

from __future__ import annotations

import gc
import statistics
import time
from datetime import date, timedelta

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from accounts.roles import COUNSEL
from agreements.models import Agreement, NegotiationRequest, RateElement, StateFiling
from agreements.services import file_in_every_state
from amendments.models import Amendment, RateElementChange
from carriers.models import Affiliate, Carrier, Counsel, LawFirm
from deadlines.models import Deadline
from demo.seed import load_seed_documents

AS_OF = "2004-09-14"
KINDS = [
    ("window_opens", "47 U.S.C. § 252(b)(1)", 135),
    ("window_closes", "47 U.S.C. § 252(b)(1)", 160),
    ("resolution_due", "47 U.S.C. § 252(b)(4)(C)", 273),
]


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Benchmark the agreement page at several book sizes (rolled back afterwards)."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", nargs="+", type=int, default=[100, 10_000])
        parser.add_argument(
            "--runs", type=int, default=9, help="Timed requests per size; the median is reported."
        )

    def handle(self, *args, sizes: list[int], runs: int, **options):
        self.stdout.write(
            f"database: {connection.vendor}; page: agreement ?as_of={AS_OF}; {runs} runs per size"
        )
        self.stdout.write(f"{'requests':>9} {'deadlines':>10} {'median ms':>10} {'min ms':>8} {'queries':>8}")
        rows = []
        for size in sizes:
            result = self._measure(size, runs)
            rows.append(result)
            self.stdout.write(
                f"{size:>9} {size * len(KINDS):>10} {result['median'] * 1000:>10.1f} "
                f"{result['min'] * 1000:>8.1f} {result['queries']:>8}"
            )
        if len(rows) > 1:
            first, last = rows[0], rows[-1]
            self.stdout.write(
                f"ratio {sizes[-1]}/{sizes[0]} requests: time x{last['median'] / first['median']:.2f} "
                f"(goal ≤ 1.5), queries {first['queries']} → {last['queries']} "
                f"({'same' if first['queries'] == last['queries'] else 'DIFFERENT'})"
            )

    def _measure(self, size: int, runs: int) -> dict:
        result: dict = {}
        try:
            with transaction.atomic():
                agreement, user = self._seed(size)
                url = agreement.get_absolute_url()
                client = Client()
                client.force_login(user)
                with override_settings(ALLOWED_HOSTS=["testserver"]):
                    self._get(client, url)  # warm up: templates, content types, the session
                    with CaptureQueriesContext(connection) as queries:
                        self._get(client, url)
                    result["queries"] = len(queries)
                    gc.collect()  # the seed's garbage is not the page's cost
                    timings = []
                    for _ in range(runs):
                        started = time.perf_counter()
                        self._get(client, url)
                        timings.append(time.perf_counter() - started)
                result["median"] = statistics.median(timings)
                result["min"] = min(timings)
                raise Rollback
        except Rollback:
            pass
        return result

    def _get(self, client: Client, url: str) -> None:
        response = client.get(url, {"as_of": AS_OF}, secure=True)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")

    def _seed(self, size: int) -> tuple[Agreement, User]:
        seeded = load_seed_documents()
        user = User.objects.create_user(f"bench-counsel-{size}")
        user.groups.add(Group.objects.get(name=COUNSEL))
        firm = LawFirm.objects.create(
            name=f"Bench Firm {size}", street="1 Main", city="X", region="DC", postal_code="20001"
        )
        counsel = Counsel.objects.create(firm=firm, name="Bench Counsel")
        # The page shows the amendment's filings and their deemed-approval dates: file it everywhere.
        file_in_every_state(seeded["amendment"], date(2004, 9, 20), by=user)
        self._requests(size, counsel)
        self._agreements(size)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE")
        return seeded["agreement"], user

    def _requests(self, size: int, counsel: Counsel) -> None:
        day0 = date(2004, 9, 9)
        requests = NegotiationRequest.objects.bulk_create(
            [
                NegotiationRequest(
                    collective_name=f"Bench {i}",
                    letter_date=day0,
                    received_on=day0,
                    delivery_method="overnight",
                    counsel=counsel,
                    addressee_name="Incumbent",
                    address="x",
                    status="received",
                )
                for i in range(size)
            ],
            batch_size=5000,
        )
        through = NegotiationRequest.states.through
        through.objects.bulk_create(
            [through(negotiationrequest_id=r.pk, state_id="MO") for r in requests], batch_size=5000
        )
        Deadline.objects.bulk_create(
            [
                Deadline(
                    request=request,
                    kind=kind,
                    citation=citation,
                    state_id="MO",
                    trigger_date=day0,
                    due_on=day0 + timedelta(days=days),
                    act_on=day0 + timedelta(days=days),
                    status="missed" if kind != "window_opens" else "met",
                )
                for request in requests
                for kind, citation, days in KINDS
            ],
            batch_size=5000,
        )

    def _agreements(self, size: int) -> None:
        """Other agreements (N/10), each with a rate element; other amendments (N/100), each filed once."""
        carrier = Carrier.objects.create(name=f"Bench Carrier {size}")
        clec = Affiliate.objects.create(carrier=carrier, legal_name=f"Bench CLEC {size}", kind="competitive")
        ilec = Affiliate.objects.create(carrier=carrier, legal_name=f"Bench ILEC {size}", kind="incumbent")
        agreements = Agreement.objects.bulk_create(
            [
                Agreement(
                    competitive_party=clec, incumbent_party=ilec, dated=date(2001, 1, 1) + timedelta(days=i)
                )
                for i in range(max(size // 10, 1))
            ],
            batch_size=5000,
        )
        RateElement.objects.bulk_create(
            [
                RateElement(agreement=a, usoc=f"B{i % 10000:04d}", attachment="2", exhibit="A")
                for i, a in enumerate(agreements)
            ],
            batch_size=5000,
        )
        amended = agreements[: max(size // 100, 1)]
        amendments = Amendment.objects.bulk_create(
            [Amendment(effective_on=date(2004, 9, 14)) for _ in amended]
        )
        through = Amendment.agreements.through
        through.objects.bulk_create(
            [through(amendment_id=m.pk, agreement_id=a.pk) for m, a in zip(amendments, amended, strict=True)]
        )
        RateElementChange.objects.bulk_create(
            [RateElementChange(amendment=m, action="delete", usoc="B0000") for m in amendments]
        )
        StateFiling.objects.bulk_create(
            [StateFiling(amendment=m, state_id="AL", submitted_on=date(2004, 9, 20)) for m in amendments]
        )
