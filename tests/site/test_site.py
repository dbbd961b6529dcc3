"""Login everywhere but /login/ and /healthz/; the health check tells a live database from a dead one."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import services_required

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_answers_200_without_login(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


def test_healthz_answers_503_when_the_database_does_not():
    # A real connection attempt to a port nothing listens on, in a separate process.
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz/');"
        "print(r.status_code, r.content.decode())"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nowhere",
    }
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    status, body = out.stdout.strip().split(" ", 1)
    assert status == "503", out.stderr
    assert json.loads(body) == {"status": "unavailable", "database": "down"}


@pytest.mark.django_db
def test_login_page_needs_no_login(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'name="csrfmiddlewaretoken"' in response.content


def _admin_urls(seed) -> list[str]:
    urls = ["/", reverse("admin:index")]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        urls += [reverse("admin:{}_{}_changelist".format(*info)), reverse("admin:{}_{}_add".format(*info))]
        obj = model._default_manager.first()
        if obj is not None:
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
    return urls


@pytest.mark.django_db
def test_anonymous_requests_go_to_login(client, seed):
    for url in _admin_urls(seed):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "login/?next=" in response["Location"], (url, response["Location"])


@pytest.mark.django_db
def test_login_with_a_demo_user(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    response = client.post(
        reverse("login"), {"username": "paralegal", "password": "paralegal-demo-pass-2004"}
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_ci_runs_on_postgresql():
    if services_required():
        assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def test_deploy_checks_are_clean_under_production_settings():
    # Without the test session's DJANGO_ALLOW_ASYNC_UNSAFE (set for Playwright), as in a deployment.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DEBUG": "False",
        "SECRET_KEY": "x" * 20 + "-production-like-secret-key-for-checks-9f3k2",
        "ALLOWED_HOSTS": "tracker.example.com",
    }
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues" in out.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "SECRET_KEY_FILE")}
    env["DEBUG"] = "False"
    out = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is False." in out.stderr


def test_a_bad_boolean_fails_loudly():
    env = {**os.environ, "DEBUG": "maybe"}
    out = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode != 0
    assert "DEBUG='maybe' is not a boolean; use True or False." in out.stderr
