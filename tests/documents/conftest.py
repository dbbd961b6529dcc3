import pytest
from django.core.cache import cache

from tests import factories


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rendered documents are cached by content; each test starts from nothing.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def paralegal(db):
    return factories.UserFactory(
        username="paralegal",
        permissions=[
            "agreements.view_negotiationrequest",
            "amendments.view_amendment",
            "documents.generate_document",
            "documents.view_generateddocument",
        ],
    )


@pytest.fixture
def viewer(db):
    return factories.UserFactory(
        username="viewer", permissions=["agreements.view_negotiationrequest", "amendments.view_amendment"]
    )
