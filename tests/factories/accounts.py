"""People of the firm: ``UserFactory(role="counsel")`` is a member of the Counsel group."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group, Permission, User

from accounts.roles import COUNSEL, PARALEGAL, VIEWER

PASSWORD = "a-long-enough-password"
# The roles' groups come from the roles' data migration (accounts/roles.py).
ROLE_GROUPS = {"paralegal": PARALEGAL, "counsel": COUNSEL, "viewer": VIEWER}


def _forget_permissions(user: User) -> None:
    # Django caches a user's permissions on the instance: the next has_perm must see the new ones.
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(cache, None)


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a password, in a role's group (``role=``) or holding model permissions directly
    (``permissions=["documents.generate_document", ...]``)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    first_name = factory.LazyAttribute(lambda user: user.username.title())
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=ROLE_GROUPS[extracted]))
            _forget_permissions(self)

    @factory.post_generation
    def permissions(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                app_label, codename = name.split(".")
                self.user_permissions.add(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                )
            _forget_permissions(self)
