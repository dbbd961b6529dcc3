"""Users of each role for the workspace tests: the groups come from the roles' data migration."""

from __future__ import annotations

from django.contrib.auth.models import Group, User

from accounts.roles import COUNSEL, PARALEGAL, VIEWER

ROLES = {"paralegal": PARALEGAL, "counsel": COUNSEL, "viewer": VIEWER}


def user_in(role: str, username: str | None = None) -> User:
    user = User.objects.create_user(username or role, f"{username or role}@example.com", "x-pass-2004")
    user.first_name = role.capitalize()
    user.save()
    user.groups.add(Group.objects.get(name=ROLES[role]))
    return user


def login(client, role: str, username: str | None = None) -> User:
    user = user_in(role, username)
    client.force_login(user)
    return user
