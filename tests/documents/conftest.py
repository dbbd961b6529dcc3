import pytest
from django.contrib.auth.models import Permission, User
from django.core.cache import cache


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


def user_with(username: str, *codenames: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.com", "correct-horse-battery-staple")
    for name in codenames:
        app_label, codename = name.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return User.objects.get(pk=user.pk)  # fresh, so the permission cache is empty


@pytest.fixture
def paralegal(db):
    return user_with(
        "paralegal",
        "agreements.view_negotiationrequest",
        "amendments.view_amendment",
        "documents.generate_document",
        "documents.view_generateddocument",
    )


@pytest.fixture
def viewer(db):
    return user_with("viewer", "agreements.view_negotiationrequest", "amendments.view_amendment")
