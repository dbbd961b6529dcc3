"""Login throttling: after LOGIN_FAILURE_LIMIT failures for a username or an address within
LOGIN_LOCKOUT_MINUTES, further attempts are refused until the window passes.

Failures live in the database so every web process sees them. The authentication backend
refuses before checking the password, so a locked account gives a guesser nothing, and the
message on the login page says the same thing whether the password was right or not.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.utils import timezone

from accounts.models import LoginFailure
from accounts.services import clear_login_failures, record_login_failure


def client_ip(request) -> str | None:
    # Behind the proxy in docker-compose, the proxy's address is what REMOTE_ADDR holds; a
    # deployment that trusts X-Forwarded-For sets LOGIN_TRUST_FORWARDED_FOR.
    if request is None:
        return None
    if getattr(settings, "LOGIN_TRUST_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def is_locked(username: str, ip: str | None) -> bool:
    since = timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    recent = LoginFailure.objects.filter(at__gte=since)
    by_name = recent.filter(username=username.lower()).count()
    by_ip = recent.filter(ip=ip).count() if ip else 0
    # An address gets more room than one name: an office shares one address.
    return by_name >= settings.LOGIN_FAILURE_LIMIT or by_ip >= settings.LOGIN_FAILURE_LIMIT * 4


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and is_locked(username, client_ip(request)):
            raise PermissionDenied("Too many failed logins")  # stops the backend chain: a failed login
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_login_failed)
def record_failure(sender, credentials, request=None, **kwargs) -> None:
    username = (credentials or {}).get("username") or ""
    record_login_failure(username, client_ip(request), by=None)


@receiver(user_logged_in)
def clear_failures(sender, request, user, **kwargs) -> None:
    clear_login_failures(user.get_username(), by=user)
