"""Real Chromium (Debian's), driven by Playwright, against the live test server."""

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import unavailable

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "images"
# Playwright's sync API keeps an event loop in the main thread for the whole session, and the tests'
# own ORM calls (and the flushes between tests) are synchronous. Subprocesses that must not inherit
# this (`check --deploy`) drop it from their environment.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _postgresql():
    from django.db import connection

    # The live server answers Chromium from another thread; SQLite's shared in-memory test database
    # locks under the browser's parallel requests.
    if connection.vendor != "postgresql":
        unavailable("browser tests run against PostgreSQL")


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        unavailable("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_settings(settings):
    # The tests travel in time to January 2005; the browser keeps today's clock, so cookies carry no expiry
    # (a session cookie) and the CSRF token lives in the session.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_USE_SESSIONS = True
    return settings


def screenshot(page, name: str) -> Path:
    """Into docs/images when UPDATE_SCREENSHOTS=1 (for the README), else beside the test's files."""
    target = DOCS if os.environ.get("UPDATE_SCREENSHOTS") == "1" else Path(os.environ.get("TMPDIR", "/tmp"))
    path = target / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
