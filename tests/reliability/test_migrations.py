"""Migrations run forward from an empty database and from the previous release's schema with data in it."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The leaf migrations of the previous release (the foundation: no deadlines, no documents yet).
# When a release ships, move this to its leaves so the next one is tested from there.
PREVIOUS_RELEASE = [
    ("jurisdictions", "0002_load_states"),
    ("carriers", "0001_initial"),
    ("agreements", "0002_initial"),
    ("amendments", "0001_initial"),
    ("accounts", "0001_roles"),
    ("deadlines", None),
    ("documents", None),
]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def migrate_to(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


def test_forward_from_the_previous_release_keeps_its_records_and_gives_them_deadlines(reference_data):
    migrate_to(PREVIOUS_RELEASE)
    old = (
        MigrationExecutor(connection)
        .loader.project_state([(app, name) for app, name in PREVIOUS_RELEASE if name])
        .apps
    )
    Carrier = old.get_model("carriers", "Carrier")
    Affiliate = old.get_model("carriers", "Affiliate")
    LawFirm = old.get_model("carriers", "LawFirm")
    Counsel = old.get_model("carriers", "Counsel")
    Request = old.get_model("agreements", "NegotiationRequest")
    State = old.get_model("jurisdictions", "State")
    carrier = Carrier.objects.create(name="Old Carrier, Inc.")
    Affiliate.objects.create(carrier=carrier, legal_name="Old Incumbent LLC", kind="incumbent")
    firm = LawFirm.objects.create(
        name="Old Firm LLP", street="1 Main", city="Washington", region="D.C.", postal_code="20036"
    )
    counsel = Counsel.objects.create(firm=firm, name="Old Counsel")
    request = Request.objects.create(
        collective_name="Old Requester",
        letter_date=date(2004, 9, 9),
        delivery_method="overnight",
        counsel=counsel,
        addressee_name="Old Incumbent",
        address="x",
        received_on=date(2004, 9, 9),
        receipt_confirmed=True,
    )
    request.states.add(State.objects.get(code="MO"))

    call_command("migrate", verbosity=0)

    from agreements.models import NegotiationRequest
    from agreements.services import recompute_request

    migrated = NegotiationRequest.objects.get(collective_name="Old Requester")
    assert migrated.bona_fide_notice_received_on is None  # a field added after that release
    recompute_request(migrated, by=None, reason="first computation after the upgrade")
    assert dict(migrated.deadlines.values_list("kind", "due_on")) == {
        "window_opens": date(2005, 1, 22),
        "window_closes": date(2005, 2, 16),
        "resolution_due": date(2005, 6, 9),
    }


def test_every_migration_has_a_way_back_to_the_previous_release(reference_data):
    call_command("migrate", verbosity=0)
    migrate_to(PREVIOUS_RELEASE)  # raises IrreversibleError if a migration since then cannot be undone
    call_command("migrate", verbosity=0)
