"""Speed figures for the documents (a benchmark, not a test): ``manage.py bench_documents``.

It works in a throwaway test database and media folder, never the real ones:

1. loads the seed records;
2. times our whole render of each document (snapshot from the database, compose, template,
   WeasyPrint) against WeasyPrint alone on the same finished HTML; the ratio is our overhead;
3. times a cache hit (an unchanged draft preview) and the Word version;
4. times downloading an already generated document through the download view.

Each figure is the median of ``--runs`` runs after one warm-up.
"""

from __future__ import annotations

import statistics
import tempfile
import time

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.test import Client, override_settings
from django.test.utils import (
    setup_databases,
    setup_test_environment,
    teardown_databases,
    teardown_test_environment,
)
from django.urls import reverse
from weasyprint import HTML

from documents.fetcher import StaticOnlyFetcher
from documents.rendering import cached_render, render, render_html


def _median_ms(action, runs: int) -> float:
    action()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


class Command(BaseCommand):
    help = "Time rendering the seed letter and amendment, and downloading a stored document."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=15)

    def handle(self, *args, runs: int, **options):
        setup_test_environment()
        databases = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        try:
            with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
                self._bench(runs)
        finally:
            teardown_databases(databases, verbosity=0)
            teardown_test_environment()

    @staticmethod
    def _time_document(kind: str, subject, runs: int) -> tuple[float, float, float, float]:
        from documents.services import snapshot_of

        html, resources = render_html(kind, snapshot_of(subject, kind))
        snapshot = snapshot_of(subject, kind)
        ours = _median_ms(lambda: render(kind, snapshot_of(subject, kind), "pdf"), runs)
        bare = _median_ms(
            lambda: HTML(string=html, url_fetcher=StaticOnlyFetcher(resources)).write_pdf(), runs
        )
        cached = _median_ms(lambda: cached_render(kind, snapshot, "pdf", draft=True), runs)
        docx = _median_ms(lambda: render(kind, snapshot_of(subject, kind), "docx"), runs)
        return ours, bare, cached, docx

    def _bench(self, runs: int) -> None:
        from django.contrib.auth.models import User

        from demo.seed import load_seed_documents
        from documents.services import generate_document

        seed = load_seed_documents()
        rows = [
            (kind, *self._time_document(kind, subject, runs))
            for kind, subject in (("letter", seed["request"]), ("amendment", seed["amendment"]))
        ]
        cache.clear()

        user = User.objects.create_superuser("bench", "bench@example.com", "bench-only-password-2004")
        document = generate_document(seed["request"], "letter", "pdf", user)
        client = Client()
        client.force_login(user)
        url = reverse("documents:download", args=[document.pk])

        def download():
            response = client.get(url)
            assert response.status_code == 200
            b"".join(response.streaming_content)

        download_ms = _median_ms(download, runs)

        self.stdout.write(f"median of {runs} runs, milliseconds")
        self.stdout.write(
            f"{'document':<10} {'ours (PDF)':>11} {'bare WeasyPrint':>16} {'ratio':>6} {'cache hit':>10} {'DOCX':>7}"
        )
        for kind, ours, bare, cached, docx in rows:
            self.stdout.write(
                f"{kind:<10} {ours:>11.1f} {bare:>16.1f} {ours / bare:>6.2f} {cached:>10.2f} {docx:>7.1f}"
            )
        self.stdout.write(f"download of a stored letter PDF ({document.size:,} bytes): {download_ms:.2f} ms")
