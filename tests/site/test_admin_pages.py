"""Every admin page the administrator uses for data entry answers 200 on the seed data."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.fixture
def seed_with_filing(seed, admin_user):
    """The seed plus one record of every kind the seed documents do not hold."""
    from datetime import date

    from accounts.models import LoginFailure
    from agreements import services
    from agreements.models import ArbitrationPetition, ExtensionAgreement, StateFiling
    from deadlines.models import Deadline, Notification, Reminder
    from deadlines.subscriptions import issue as issue_feed
    from documents.services import generate_document

    services.save_filing(
        StateFiling(amendment=seed["amendment"], state_id="FL", submitted_on=date(2004, 10, 1)), by=admin_user
    )
    request = seed["request"]
    services.record_receipt(request, date(2004, 9, 10), confirmed=True, by=admin_user, reason="FedEx proof")
    services.record_extension(
        ExtensionAgreement(request=request, kind="waive_resolution", agreed_on=date(2005, 1, 5)),
        by=admin_user,
        reason="waiver letter",
    )
    services.record_petition(
        ArbitrationPetition(
            request=request,
            state_id="MO",
            filed_on=date(2005, 2, 1),
            received_by_commission_on=date(2005, 2, 1),
        ),
        by=admin_user,
    )
    Notification.objects.create(user=admin_user, message="Arbitration window closes in 7 days")
    # The seed's deadlines are long past, so none has a reminder of its own: plan one by hand.
    Reminder.objects.create(deadline=Deadline.objects.first(), lead_days=7, recipient=admin_user)
    generate_document(request, "letter", "pdf", admin_user)
    LoginFailure.objects.create(username="mallory", ip="127.0.0.1")
    issue_feed(admin_user)
    return seed


NO_ADD = {
    "accounts.LoginFailure",
    "deadlines.CalendarFeed",
    "deadlines.Deadline",
    "deadlines.Reminder",
    "deadlines.TriggerChange",
    "documents.GeneratedDocument",
}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_changelist_add_change_and_history_pages(admin_client, seed_with_filing, model):
    info = (model._meta.app_label, model._meta.model_name)
    assert admin_client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
    add = admin_client.get(reverse("admin:{}_{}_add".format(*info))).status_code
    # Deadlines, reminders, the audit and generated documents are made by the app, never typed in.
    assert add == (403 if model._meta.label in NO_ADD else 200)
    obj = model._default_manager.first()
    assert obj is not None, f"the test data has no {model._meta.verbose_name}"
    assert admin_client.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk])).status_code == 200
    assert admin_client.get(reverse("admin:{}_{}_history".format(*info), args=[obj.pk])).status_code == 200


def test_changelist_search_finds_affiliates_by_former_name(admin_client, seed):
    response = admin_client.get(
        reverse("admin:carriers_affiliate_changelist"), {"q": "KMC Telecom III, Inc."}
    )
    assert response.status_code == 200
    assert [a.legal_name for a in response.context["cl"].result_list] == ["KMC Telecom III LLC"]


def test_affiliates_are_filtered_by_state(admin_client, seed):
    response = admin_client.get(reverse("admin:carriers_affiliate_changelist"), {"states__code__exact": "KY"})
    assert sorted(a.legal_name for a in response.context["cl"].result_list) == [
        "BellSouth Telecommunications, Inc.",
        "KMC Telecom IV, Inc.",
        "KMC Telecom V, Inc.",
    ]


def test_the_amendment_page_shows_its_four_usocs(admin_client, seed):
    response = admin_client.get(reverse("admin:amendments_amendment_changelist"))
    body = response.content.decode()
    assert "−LNPCX, −LNPCP, −LNPCN, −LNPCC" in body


def test_rate_elements_search_by_usoc(admin_client, seed):
    response = admin_client.get(reverse("admin:agreements_agreement_changelist"), {"q": "LNPCN"})
    assert len(response.context["cl"].result_list) == 1


def test_autocomplete_for_affiliates_answers(admin_client, seed):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Spectra",
            "app_label": "agreements",
            "model_name": "requestparty",
            "field_name": "affiliate",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Spectra Communications"]


def test_paralegal_can_use_the_admin_but_cannot_delete_a_request(client, settings):
    from django.contrib.auth.models import User
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    client.force_login(User.objects.get(username="paralegal"))
    assert client.get(reverse("admin:agreements_negotiationrequest_changelist")).status_code == 200
    assert client.get(reverse("admin:amendments_amendment_add")).status_code == 200
    assert client.get(reverse("admin:agreements_negotiationrequest_delete", args=[1])).status_code == 403
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
