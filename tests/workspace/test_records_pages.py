"""Every record has its own page: get_absolute_url leads there, for every role that may read it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements import services
from agreements.models import ArbitrationPetition, ExtensionAgreement, StateFiling
from carriers.models import Affiliate, Carrier
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(seed):
    user = factories.UserFactory(role="paralegal")
    request = seed["request"]
    services.record_receipt(
        request,
        date(2004, 9, 10),
        confirmed=True,
        by=user,
        reason="FedEx proof",
        proof=SimpleUploadedFile("pod.pdf", b"%PDF-1.4"),
    )
    extension = ExtensionAgreement(request=request, kind="waive_resolution", agreed_on=date(2005, 1, 5))
    services.record_extension(extension, by=user, reason="waiver letter")
    petition = ArbitrationPetition(
        request=request, state_id="MO", filed_on=date(2005, 2, 1), received_by_commission_on=date(2005, 2, 1)
    )
    services.record_petition(petition, by=user)
    filing = StateFiling(amendment=seed["amendment"], state_id="FL", submitted_on=date(2004, 10, 1))
    services.save_filing(filing, by=user)
    return {
        **seed,
        "carrier": Carrier.objects.get(name="KMC Telecom Holdings, Inc."),
        "affiliate": Affiliate.objects.get(legal_name="KMC Telecom III LLC"),
        "extension": extension,
        "petition": petition,
        "filing": filing,
    }


URL_NAMES = {
    "carrier": "carriers:carrier",
    "affiliate": "carriers:affiliate",
    "request": "agreements:request",
    "agreement": "agreements:agreement",
    "amendment": "amendments:amendment",
    "filing": "agreements:filing",
}


@pytest.mark.parametrize("role", ["paralegal", "counsel", "viewer"])
def test_every_record_page_answers_for_every_role(client, records, role):
    client.force_login(factories.UserFactory(role=role))
    for key, name in URL_NAMES.items():
        record = records[key]
        url = record.get_absolute_url()
        assert url == reverse(name, args=[record.pk])
        assert client.get(url).status_code == 200, (role, key)
    for key in ("extension", "petition"):
        url = records[key].get_absolute_url()
        page, anchor = url.split("#")
        assert page == records["request"].get_absolute_url()
        assert f'id="{anchor}"' in client.get(page).content.decode()


def test_list_pages_answer_and_page(client, records):
    client.force_login(factories.UserFactory(role="viewer"))
    for name in (
        "agreements:request-list",
        "agreements:agreement-list",
        "amendments:amendment-list",
        "carriers:carrier-list",
    ):
        assert client.get(reverse(name)).status_code == 200, name
        assert client.get(reverse(name), {"page": "nonsense"}).status_code == 200, name


def test_the_affiliate_page_shows_former_names_states_requests_and_agreements(client, records):
    client.force_login(factories.UserFactory(role="viewer"))
    body = client.get(records["affiliate"].get_absolute_url()).content.decode()
    assert "KMC Telecom III, Inc." in body
    assert ">MS</abbr>" in body
    assert records["request"].get_absolute_url() in body
    assert records["amendment"].get_absolute_url() in body  # named in its Attachment A
    holdings = Affiliate.objects.get(legal_name="KMC Telecom Holdings, Inc.")
    assert records["agreement"].get_absolute_url() in client.get(holdings.get_absolute_url()).content.decode()


def test_the_carrier_page_lists_its_affiliates(client, records):
    client.force_login(factories.UserFactory(role="viewer"))
    body = client.get(records["carrier"].get_absolute_url()).content.decode()
    for affiliate in records["carrier"].affiliates.all():
        assert affiliate.get_absolute_url() in body


def test_the_request_page_shows_the_petition_verdict_and_history(client, records):
    client.force_login(factories.UserFactory(role="viewer"))
    body = client.get(records["request"].get_absolute_url()).content.decode()
    assert 'verdict-timely">timely' in body
    assert "waiver letter" in body and "FedEx proof" in body
    assert reverse("agreements:request-proof", args=[records["request"].pk]) in body
    assert "Record what happened" not in body


def test_the_admin_links_to_the_record_pages(admin_client, records):
    from django.contrib.contenttypes.models import ContentType

    agreement = records["agreement"]
    change = admin_client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk]))
    view_on_site = reverse(
        "admin:view_on_site", args=[ContentType.objects.get_for_model(agreement).pk, agreement.pk]
    )
    assert view_on_site in change.content.decode()
    assert admin_client.get(view_on_site)["Location"].endswith(agreement.get_absolute_url())


def test_an_unknown_record_is_404(client, records):
    client.force_login(factories.UserFactory(role="viewer"))
    assert client.get(reverse("agreements:request", args=[999999])).status_code == 404
    assert client.get(reverse("amendments:amendment", args=[999999])).status_code == 404
