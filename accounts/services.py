"""The one door through which the login throttle's records and the roles' groups change."""

from __future__ import annotations

from django.contrib.auth.management import create_permissions
from django.db import transaction

from accounts.actors import Actor
from accounts.models import LoginFailure
from accounts.roles import role_permissions


def record_login_failure(username: str, ip: str | None, *, by: Actor) -> LoginFailure:
    """A failed login, counted against its username (as typed, lower-cased) and its address.

    ``by`` is None: nobody is logged in when a login fails.
    """
    return LoginFailure.objects.create(username=username.lower()[:150], ip=ip)


def clear_login_failures(username: str, *, by: Actor) -> int:
    """A successful login forgives the username's earlier failures; returns how many were removed."""
    deleted, _ = LoginFailure.objects.filter(username=username.lower()).delete()
    return deleted


@transaction.atomic
def delete_login_failures(failures, *, by: Actor) -> int:
    """An administrator lifts a lockout before its window passes by deleting the failures."""
    deleted, _ = LoginFailure.objects.filter(pk__in=[failure.pk for failure in failures]).delete()
    return deleted


def sync_roles(apps) -> None:
    """Create the groups and set their permissions exactly to the table (idempotent).

    ``apps`` is a migration's app registry (or the live one): the data migrations call this.
    """
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, wanted in role_permissions().items():
        group, _ = Group.objects.get_or_create(name=role)
        permissions = []
        for app_label, codename in wanted:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is None:
                raise LookupError(f"Permission {app_label}.{codename} for role {role} does not exist.")
            permissions.append(permission)
        group.permissions.set(permissions)
