"""Who acts: every service takes the acting user as a typed, required keyword (``by``).

``None`` is the system itself (the beat's sweep, a data migration, a command run without a user),
so "who did this" is never guessed afterwards.
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import User

Actor: TypeAlias = User | None
