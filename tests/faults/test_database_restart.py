"""The database goes away under a running gunicorn: a clear 503 page, nothing half-saved, then back to work."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import uuid
from urllib.parse import urlencode

import psycopg2
import pytest
from django.db import connection

from tests.conftest import unavailable
from tests.proxy import TcpProxy
from tests.workers import ROOT, free_port, wait_for

pytestmark = pytest.mark.services


class Browser:
    """Just enough of a browser: cookies (Secure ones too, as over TLS), CSRF from forms."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, dict]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "X-Forwarded-Proto": "https",
            "Referer": f"https://127.0.0.1:{self.port}/",
        }
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        text = response.read().decode()
        conn.close()
        return response.status, text, dict(response.headers)

    def csrf(self, page: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


@pytest.fixture
def database():
    if connection.vendor != "postgresql":
        unavailable("the restart test runs the app on PostgreSQL")
    settings = connection.settings_dict
    name = f"ica_fault_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(
        dbname="postgres",
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
    )
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    yield {"name": name, **settings}
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_requests_fail_with_503_while_the_database_is_down_and_work_after(database, tmp_path):
    host, port = database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432)
    direct = f"postgres://{database['USER']}:{database['PASSWORD']}@{host}:{port}/{database['name']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": direct,
        "DEBUG": "True",
        "VAR_DIR": str(tmp_path),
    }
    for command in (["migrate", "--noinput"], ["seed_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )

    proxy = TcpProxy(port, host)
    proxy.start()
    web_port = free_port()
    server_env = {
        **env,
        "DEBUG": "False",
        "SECRET_KEY": "fault-test-" + uuid.uuid4().hex * 2,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "DATABASE_URL": f"postgres://{database['USER']}:{database['PASSWORD']}@127.0.0.1:{proxy.port}/"
        f"{database['name']}",
    }
    # As a deployment does: DEBUG off serves hashed static files that collectstatic wrote.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=server_env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "-b",
            f"127.0.0.1:{web_port}",
            "-w",
            "1",
            "--threads",
            "2",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=server_env,
        stdout=(tmp_path / "gunicorn.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        browser = Browser(web_port)
        wait_for(lambda: _answers(browser), 60, "gunicorn to answer")
        status, page, _ = browser.request("GET", "/login/")
        status, _, headers = browser.request(
            "POST",
            "/login/",
            {
                "csrfmiddlewaretoken": browser.csrf(page),
                "username": "admin",
                "password": "admin-demo-pass-2004",
            },
        )
        assert status == 302, headers
        status, form, _ = browser.request("GET", "/admin/carriers/contact/add/")
        assert status == 200
        token = browser.csrf(form)

        proxy.cut()
        # A load balancer (no session cookie) gets the JSON answer.
        status, body, _ = Browser(web_port).request("GET", "/healthz/")
        assert (status, body) == (503, '{"status": "unavailable", "database": "down"}')
        status, body, headers = browser.request("GET", "/admin/carriers/contact/")
        assert status == 503
        assert "The tracker is temporarily unavailable" in body
        assert "Nothing you just submitted was saved." in body
        assert headers["Retry-After"] == "30"
        status, body, _ = browser.request(
            "POST",
            "/admin/carriers/contact/add/",
            {"csrfmiddlewaretoken": token, "name": "Written while the database was down"},
        )
        assert status == 503

        proxy.start()
        wait_for(lambda: browser.request("GET", "/healthz/")[0] == 200, 30, "the database to be back")
        status, body, _ = browser.request("GET", "/admin/carriers/contact/")
        assert status == 200
        assert "Written while the database was down" not in body
        status, _, _ = browser.request(
            "POST",
            "/admin/carriers/contact/add/",
            {"csrfmiddlewaretoken": token, "name": "Written after the restart"},
        )
        assert status == 302
        with psycopg2.connect(direct) as check:
            rows = check.cursor()
            rows.execute("SELECT name FROM carriers_contact WHERE name LIKE 'Written%%'")
            assert rows.fetchall() == [("Written after the restart",)]
    finally:
        server.terminate()
        server.wait(20)
        proxy.cut()


def _answers(browser: Browser) -> bool:
    try:
        return browser.request("GET", "/healthz/")[0] == 200
    except OSError:
        return False
