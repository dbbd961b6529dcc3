import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import database_from_url, env_bool, env_int, env_str

ROOT = Path(__file__).resolve().parents[2]


def test_postgres_url():
    assert database_from_url("postgres://u:p%40ss@db.example:6543/tracker?sslmode=require") == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "tracker",
        "USER": "u",
        "PASSWORD": "p@ss",
        "HOST": "db.example",
        "PORT": "6543",
        "OPTIONS": {"sslmode": "require"},
    }


def test_sqlite_url():
    assert database_from_url("sqlite:////tmp/x.sqlite3") == {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "/tmp/x.sqlite3",
    }


def test_unknown_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="mysql"):
        database_from_url("mysql://localhost/x")


def test_typed_helpers(monkeypatch, tmp_path):
    monkeypatch.setenv("FLAG", "False")
    assert env_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "yes please")
    with pytest.raises(ImproperlyConfigured):
        env_bool("FLAG", True)
    monkeypatch.setenv("N", "12x")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env_int("N", 1)
    secret = tmp_path / "key"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("TOKEN_FILE", str(secret))
    assert env_str("TOKEN") == "from-a-file"


@pytest.mark.parametrize(
    ("raw", "value"), [("True", True), ("true", True), ("False", False), ("false", False)]
)
def test_a_boolean_is_spelled_true_or_false(monkeypatch, raw, value):
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG", not value) is value


@pytest.mark.parametrize("raw", ["1", "0", "yes", "no", "on", "off", "TRUE", "False "])
def test_any_other_spelling_of_a_boolean_is_refused(monkeypatch, raw):
    monkeypatch.setenv("FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="is not a boolean; use True or False"):
        env_bool("FLAG", True)


def test_an_unset_or_empty_boolean_is_the_default(monkeypatch):
    monkeypatch.delenv("FLAG", raising=False)
    assert env_bool("FLAG", True) is True
    monkeypatch.setenv("FLAG", "")
    assert env_bool("FLAG", False) is False


def test_importing_the_settings_creates_no_folder(tmp_path):
    # The embedded defaults (SQLite, the filesystem broker) with a VAR_DIR that does not exist yet.
    var_dir = tmp_path / "var"
    unset = ("DATABASE_URL", "CELERY_BROKER_URL", "MEDIA_ROOT", "EMAIL_FILE_PATH", "DJANGO_SETTINGS_MODULE")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env["VAR_DIR"] = str(var_dir)
    out = subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.DATABASES['default']['NAME'])"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(var_dir / "tracker.sqlite3")
    assert not var_dir.exists()
