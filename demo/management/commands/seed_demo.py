"""Load both seed documents and three demo users: ``python manage.py seed_demo``."""

import os

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.roles import COUNSEL, PARALEGAL
from demo.seed import load_seed_documents

# Development-only passwords, printed on purpose; the command refuses to create users when DEBUG is off.
DEMO_USERS = [
    ("admin", "Administrator", None, "admin-demo-pass-2004"),
    ("paralegal", "Paralegal", PARALEGAL, "paralegal-demo-pass-2004"),
    ("counsel", "Counsel", COUNSEL, "counsel-demo-pass-2004"),
]


class Command(BaseCommand):
    help = "Load the facts of both seed documents and, when DEBUG is on, three demo users. Safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument("--no-users", action="store_true", help="Load the documents only.")

    @transaction.atomic
    def handle(self, *args, no_users=False, **options):
        if not no_users and not settings.DEBUG:
            raise CommandError(
                "Refusing to create demo users with known passwords while DEBUG is off. "
                "Use --no-users to load the seed documents only."
            )
        users = {} if no_users else self._users()
        loaded = load_seed_documents(paralegal=users.get("paralegal"), counsel_user=users.get("counsel"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Seed documents loaded: request #{loaded['request'].pk}, agreement #{loaded['agreement'].pk}, "
                f"amendment #{loaded['amendment'].pk}."
            )
        )
        if users:
            self.stdout.write("Demo logins (development only):")
            for username, label, _, password in DEMO_USERS:
                self.stdout.write(f"  {label:<14} {username:<10} {self._password(username, password)}")

    def _password(self, username: str, default: str) -> str:
        return os.environ.get(f"DEMO_{username.upper()}_PASSWORD", default)

    def _users(self) -> dict[str, User]:
        users = {}
        for username, label, role, password in DEMO_USERS:
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff = True
            user.is_superuser = role is None
            user.first_name = label
            user.email = f"{username}@example.com"
            user.set_password(self._password(username, password))
            user.save()
            if role:
                user.groups.set([Group.objects.get(name=role)])
            users[username] = user
        return users
