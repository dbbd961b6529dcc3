"""Role checks for the workspace views: a missing permission is a 403, never a silent redirect.

Anonymous users never get here: LoginRequiredMiddleware sends them to the login page first.
"""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied


def require_perm(*perms: str):
    """View decorator: every named permission (``app.codename``) is needed, else 403."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perms(perms):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
