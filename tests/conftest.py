import os
from pathlib import Path

import pytest

from tests import factories


def services_required() -> bool:
    """CI sets REQUIRE_SERVICES=1 so that a missing PostgreSQL or Redis fails instead of skipping."""
    return os.environ.get("REQUIRE_SERVICES") == "1"


def unavailable(reason: str) -> None:
    if services_required():
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1)")
    pytest.skip(reason)


@pytest.fixture(scope="session", autouse=True)
def static_root():
    """The folder collectstatic fills: pytest-django runs with DEBUG off, and WhiteNoise then warns
    on every test client that it is missing. Importing settings no longer makes it."""
    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded and generated files of a test stay in that test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def ensure_reference_data() -> None:
    """The rows data migrations load (states, roles, closure days, reminder policies, standard clauses).

    A transactional test's flush removes them; the same idempotent migration functions put them back.
    """
    from importlib import import_module

    from django.apps import apps

    from accounts.services import sync_roles

    import_module("jurisdictions.migrations.0002_load_states").load(apps, None)
    import_module("deadlines.migrations.0002_default_policies_and_closures").load(apps, None)
    import_module("documents.migrations.0002_standard_clauses").add_clauses(apps, None)
    sync_roles(apps)


@pytest.fixture
def reference_data(db):
    ensure_reference_data()


@pytest.fixture
def seed(reference_data):
    from demo.seed import load_seed_documents

    return load_seed_documents()


@pytest.fixture
def admin_user(db):
    return factories.UserFactory(
        username="root", password="correct-horse-battery-staple", is_staff=True, is_superuser=True
    )


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def factory():
    return factories
