"""Repeated failed logins are refused for a while; passwords are validated."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import LoginFailure
from tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def user():
    return factories.UserFactory(username="pat", password=PASSWORD)


def attempt(client, password: str, username: str = "pat"):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_five_failures_lock_the_account_even_for_the_right_password(client, user):
    for _ in range(5):
        response = attempt(client, "wrong")
        assert response.status_code == 200
        assert "Please enter a correct username and password" in response.content.decode()
    assert LoginFailure.objects.filter(username="pat").count() == 5
    locked = attempt(client, PASSWORD)
    assert locked.status_code == 200
    assert "Too many failed attempts. Wait 15 minutes" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_admin_login_is_throttled_too(client, user):
    user.is_staff = True
    user.save()
    for _ in range(5):
        client.post(reverse("admin:login"), {"username": "pat", "password": "wrong"})
    client.post(reverse("admin:login"), {"username": "pat", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_the_lock_ends_after_the_window(client, user):
    import time_machine
    from django.utils import timezone

    for _ in range(5):
        attempt(client, "wrong")
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=16)):
        response = attempt(client, PASSWORD)
    assert response.status_code == 302
    assert LoginFailure.objects.filter(username="pat").count() == 0  # a success clears them


def test_fewer_failures_do_not_lock(client, user):
    for _ in range(4):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "This password is too short. It must contain at least 12 characters."),
        ("password1234", "This password is too common."),
        ("123456789012", "This password is entirely numeric."),
    ],
)
def test_weak_passwords_are_refused(password, message):
    with pytest.raises(ValidationError) as caught:
        validate_password(password)
    assert message in caught.value.messages
