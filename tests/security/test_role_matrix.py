"""The whole role matrix: every workspace URL × every role × its method, and every admin model page.

The expectations are written out here (the policy), not read from the views: a view that loses its
permission check, or checks the wrong one, fails this test.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from accounts.roles import role_permissions
from tests import factories
from tests.urls_catalog import PUBLIC, all_routes

pytestmark = pytest.mark.django_db

ROLES = ["viewer", "paralegal", "counsel", "admin"]
READ = {"viewer", "paralegal", "counsel", "admin"}
EDIT = {"paralegal", "counsel", "admin"}
COUNSEL = {"counsel", "admin"}

# route name → (the method it is for, the roles allowed to use it)
POLICY: dict[str, tuple[str, set[str]]] = {
    "deadlines:dashboard": ("GET", READ),
    "deadlines:list": ("GET", READ),
    "deadlines:detail": ("GET", READ),
    "deadlines:waive": ("POST", COUNSEL),
    "deadlines:watch": ("POST", READ),
    "deadlines:notifications": ("GET", READ),
    "deadlines:mark-read": ("POST", READ),
    "deadlines:calendar": ("GET", READ),
    "deadlines:calendar-issue": ("POST", READ),
    "deadlines:calendar-revoke": ("POST", READ),
    "deadlines:matter-calendar": ("GET", READ),
    "agreements:request-list": ("GET", READ),
    "agreements:request": ("GET", READ),
    "agreements:request-proof": ("GET", READ),
    "agreements:request-new": ("POST", EDIT),
    "agreements:request-edit": ("POST", EDIT),
    "agreements:request-sent": ("POST", EDIT),
    "agreements:request-receipt": ("POST", EDIT),
    "agreements:request-confirm": ("POST", COUNSEL),
    "agreements:request-extension": ("POST", EDIT),
    "agreements:extension-document": ("GET", READ),
    "agreements:request-petition": ("POST", EDIT),
    "agreements:agreement-list": ("GET", READ),
    "agreements:agreement": ("GET", READ),
    "agreements:agreement-usocs": ("GET", READ),
    "agreements:filing": ("GET", READ),
    "agreements:filing-edit": ("POST", EDIT),
    "agreements:search": ("GET", READ),
    "amendments:amendment-list": ("GET", READ),
    "amendments:amendment": ("GET", READ),
    "amendments:amendment-new": ("POST", EDIT),
    "amendments:amendment-edit": ("POST", EDIT),
    "amendments:signature": ("POST", EDIT),
    "amendments:file": ("POST", EDIT),
    "carriers:carrier-list": ("GET", READ),
    "carriers:carrier": ("GET", READ),
    "carriers:affiliate": ("GET", READ),
    "carriers:affiliate-autocomplete": ("GET", READ),
    "documents:letter": ("GET", READ),
    "documents:letter-preview": ("GET", READ),
    "documents:letter-generate": ("POST", EDIT),
    "documents:amendment": ("GET", READ),
    "documents:amendment-preview": ("GET", READ),
    "documents:amendment-generate": ("POST", EDIT),
    "documents:download": ("GET", READ),
}


@pytest.fixture
def world(seed):
    """One record of every kind a route can name, and a user per role."""
    from agreements import services
    from agreements.models import ArbitrationPetition, ExtensionAgreement
    from documents.services import generate_document

    users = {
        role: factories.UserFactory(username=role, role=role, is_staff=True)
        for role in ("viewer", "paralegal", "counsel")
    }
    users["admin"] = factories.UserFactory(username="root", is_staff=True, is_superuser=True)
    request, amendment = seed["request"], seed["amendment"]
    services.record_receipt(
        request,
        date(2004, 9, 9),
        confirmed=True,
        by=users["counsel"],
        reason="proof",
        proof=SimpleUploadedFile("proof.pdf", b"%PDF-1.4 proof"),
    )
    extension = ExtensionAgreement(
        request=request,
        kind="waive_resolution",
        agreed_on=date(2005, 1, 5),
        document=SimpleUploadedFile("waiver.pdf", b"%PDF-1.4 waiver"),
    )
    services.record_extension(extension, by=users["counsel"], reason="waiver")
    services.record_petition(
        ArbitrationPetition(
            request=request,
            state_id="MO",
            filed_on=date(2005, 2, 1),
            received_by_commission_on=date(2005, 2, 1),
        ),
        by=users["counsel"],
    )
    filing = services.file_in_every_state(amendment, date(2004, 9, 20), by=users["paralegal"])[0]
    document = generate_document(request, "letter", "pdf", users["paralegal"])
    deadline = request.deadlines.get(kind="window_closes")
    affiliate = request.requesting_affiliates[0]
    ids = {
        "agreements:agreement": {"pk": seed["agreement"].pk},
        "agreements:agreement-usocs": {"pk": seed["agreement"].pk},
        "agreements:extension-document": {"pk": request.pk, "extension_pk": extension.pk},
        "agreements:filing": {"pk": filing.pk},
        "agreements:filing-edit": {"pk": filing.pk},
        "amendments:signature": {"pk": amendment.pk, "sig_pk": amendment.signatures.first().pk},
        "carriers:affiliate": {"pk": affiliate.pk},
        "carriers:carrier": {"pk": affiliate.carrier_id},
        "deadlines:matter-calendar": {"pk": request.pk},
        "documents:download": {"pk": document.pk},
    }
    for name in POLICY:
        if name.startswith("agreements:request") and name not in (
            "agreements:request-list",
            "agreements:request-new",
        ):
            ids.setdefault(name, {"pk": request.pk})
        elif name.startswith(("amendments:", "documents:amendment")) and name not in (
            "amendments:amendment-list",
            "amendments:amendment-new",
        ):
            ids.setdefault(name, {"pk": amendment.pk})
        elif name.startswith("documents:letter"):
            ids.setdefault(name, {"pk": request.pk})
        elif name in ("deadlines:detail", "deadlines:waive", "deadlines:watch"):
            ids.setdefault(name, {"pk": deadline.pk})
    return users, ids


def call(user, method: str, url: str) -> int:
    client = Client()
    if user is not None:
        client.force_login(user)
    # Each call in a savepoint that is rolled back: one role's POST never changes what the next one sees.
    with transaction.atomic():
        response = client.generic(method, url, data="", content_type="application/x-www-form-urlencoded")
        transaction.set_rollback(True)
    return response.status_code


def test_every_workspace_route_is_in_the_policy():
    routes = {r.name for r in all_routes() if not r.name.startswith("admin:")} - PUBLIC
    assert routes == set(POLICY), f"missing: {routes - set(POLICY)}; stale: {set(POLICY) - routes}"


def test_the_role_matrix(world):
    users, ids = world
    routes = {r.name: r for r in all_routes()}
    wrong = []
    for name, (method, allowed) in sorted(POLICY.items()):
        url = routes[name].url(**ids.get(name, {}))
        for other in ("GET", "POST"):
            status = call(None, other, url)
            if status != 302:
                wrong.append(f"anonymous {other} {name}: {status}, expected 302 to the login page")
        for role in ROLES:
            status = call(users[role], method, url)
            if role in allowed and status in (403, 404, 500):
                wrong.append(f"{role} {method} {name}: {status}, expected to be let in")
            if role not in allowed and status != 403:
                wrong.append(f"{role} {method} {name}: {status}, expected 403")
            other = "POST" if method == "GET" else "GET"
            status = call(users[role], other, url)
            if role not in allowed and status not in (403, 405):
                wrong.append(f"{role} {other} {name}: {status}, expected 403 or 405")
            if status == 500:
                wrong.append(f"{role} {other} {name}: 500")
    assert wrong == []


def test_admin_changelists_follow_the_roles(world):
    users, _ = world
    from django.contrib import admin

    granted = {
        role.lower(): {f"{app}.{code}" for app, code in perms} for role, perms in role_permissions().items()
    }
    wrong = []
    for model in admin.site._registry:
        label = f"{model._meta.app_label}.view_{model._meta.model_name}"
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for role in ("viewer", "paralegal", "counsel"):
            expected = 200 if label in granted[role] else 403
            status = call(users[role], "GET", url)
            if status != expected:
                wrong.append(f"{role} GET {url}: {status}, expected {expected}")
        if call(users["admin"], "GET", url) != 200:
            wrong.append(f"admin GET {url}")
    assert wrong == []
