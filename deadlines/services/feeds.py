"""A user's secret calendar subscription (the feed's token): issue, revoke, and find the owner of a token.

Calendar clients (Outlook, Google Calendar) cannot log in, so the URL itself is the credential.
Only its SHA-256 is stored; the token is shown once, when it is issued.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from accounts.actors import Actor
from deadlines.models import CalendarFeed

TOKEN_BYTES = 32
# token_urlsafe(32) is 43 characters; anything much longer is not ours and is not worth hashing.
MAX_TOKEN_LENGTH = 100
# A subscribed client polls every few minutes; recording each poll would write on every read.
LAST_USED_RESOLUTION = timedelta(hours=1)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue_feed(user: User, *, by: Actor) -> str:
    """Make a new token for ``user`` (replacing any old one, which stops working) and return it."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    CalendarFeed.objects.update_or_create(
        user=user,
        defaults={"token_hash": token_hash(token), "created_at": timezone.now(), "last_used_at": None},
    )
    return token


def revoke_feed(user: User, *, by: Actor) -> bool:
    """Delete the user's feed (the user, or an administrator, revokes it); True if there was one."""
    deleted, _ = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)


def feed_owner(token: str) -> User | None:
    """The active user whose feed this token opens, or None.

    The lookup is by the hash of the presented token, so its timing says nothing about how much of
    a real token was guessed; the final comparison is constant-time all the same.
    """
    digest = token_hash(token[:MAX_TOKEN_LENGTH]) if token else token_hash("")
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=digest).first()
    if feed is None or len(token) > MAX_TOKEN_LENGTH:
        return None
    if not hmac.compare_digest(feed.token_hash, digest) or not feed.user.is_active:
        return None
    # Reading the feed notes when it was last used: that is the one write a calendar client causes.
    now = timezone.now()
    if feed.last_used_at is None or now - feed.last_used_at > LAST_USED_RESOLUTION:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    return feed.user
