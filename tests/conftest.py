import os

import pytest

from tests import factories


def services_required() -> bool:
    """CI sets REQUIRE_SERVICES=1 so that a missing PostgreSQL or Redis fails instead of skipping."""
    return os.environ.get("REQUIRE_SERVICES") == "1"


def unavailable(reason: str) -> None:
    if services_required():
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded and generated files of a test stay in that test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def seed(db):
    from agreements.seed import load_seed_documents

    return load_seed_documents()


@pytest.fixture
def admin_user(db):
    from django.contrib.auth.models import User

    return User.objects.create_superuser("root", "root@example.com", "correct-horse-battery-staple")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def factory():
    return factories
