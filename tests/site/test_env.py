import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import database_from_url, env_bool, env_int, env_str


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
