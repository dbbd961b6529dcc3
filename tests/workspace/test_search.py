"""Search across carriers, affiliates (with former names), agreements, USOCs and docket numbers."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from agreements import services
from agreements.models import ArbitrationPetition, StateFiling
from carriers.models import Affiliate
from tests import factories

pytestmark = pytest.mark.django_db


def _search(client, q: str):
    response = client.get(reverse("agreements:search"), {"q": q})
    assert response.status_code == 200
    return response


def _group(response, key: str):
    return next((g for g in response.context["groups"] if g.key == key), None)


def test_a_former_name_finds_the_affiliate_under_its_present_name(client, seed):
    client.force_login(factories.UserFactory(role="paralegal"))
    response = _search(client, "KMC Telecom III, Inc.")
    affiliates = _group(response, "affiliates")
    assert [hit.title for hit in affiliates.hits] == ["KMC Telecom III LLC"]
    hit = affiliates.hits[0]
    assert hit.url == Affiliate.objects.get(legal_name="KMC Telecom III LLC").get_absolute_url()
    assert hit.note == "formerly KMC Telecom III, Inc."
    body = response.content.decode()
    assert hit.url in body and "formerly KMC Telecom III, Inc." in body
    assert client.get(hit.url).status_code == 200


def test_a_usoc_finds_the_agreement_and_the_amendment_that_deletes_it(client, seed):
    client.force_login(factories.UserFactory(role="paralegal"))
    usocs = _group(_search(client, "lnpcn"), "usocs")
    urls = {hit.url for hit in usocs.hits}
    assert seed["agreement"].get_absolute_url() in urls
    assert seed["amendment"].get_absolute_url() in urls
    assert any("Deleted by" in hit.detail for hit in usocs.hits)


def test_docket_numbers_of_filings_and_petitions(client, seed):
    user = factories.UserFactory(role="paralegal")
    client.force_login(user)
    services.save_filing(
        StateFiling(
            amendment=seed["amendment"],
            state_id="FL",
            submitted_on=date(2004, 9, 20),
            docket_number="040987-TP",
        ),
        by=user,
    )
    request = seed["request"]
    services.record_receipt(request, date(2004, 9, 9), confirmed=True, by=user, reason="FedEx POD")
    services.record_petition(
        ArbitrationPetition(
            request=request,
            state_id="MO",
            filed_on=date(2005, 2, 1),
            received_by_commission_on=date(2005, 2, 1),
            docket_number="TO-2005-0123",
        ),
        by=user,
    )
    filing_hits = _group(_search(client, "040987"), "dockets").hits
    assert [h.url for h in filing_hits] == [StateFiling.objects.get().get_absolute_url()]
    petition_hits = _group(_search(client, "TO-2005-0123"), "dockets").hits
    petition = ArbitrationPetition.objects.get()
    assert [h.url for h in petition_hits] == [petition.get_absolute_url()]
    assert client.get(petition_hits[0].url.split("#")[0]).status_code == 200


def test_carriers_agreements_by_party_and_requests(client, seed):
    client.force_login(factories.UserFactory(role="paralegal"))
    response = _search(client, "BellSouth")
    assert [h.title for h in _group(response, "carriers").hits] == ["BellSouth Corporation"]
    assert seed["agreement"].get_absolute_url() in {h.url for h in _group(response, "agreements").hits}
    requests = _group(_search(client, "Spectra"), "requests")
    assert [h.url for h in requests.hits] == [seed["request"].get_absolute_url()]


def test_too_short_and_nothing_found(client, seed):
    client.force_login(factories.UserFactory(role="viewer"))
    assert "Type at least two characters." in _search(client, "k").content.decode()
    body = _search(client, "no-such-thing-anywhere").content.decode()
    assert "Nothing found for" in body
    assert 'value="no-such-thing-anywhere"' in body  # the header box keeps the query


def test_the_affiliate_autocomplete(client, seed):
    client.force_login(factories.UserFactory(role="paralegal"))
    url = reverse("carriers:affiliate-autocomplete")
    found = client.get(url, {"q": "III, Inc", "kind": "competitive"}).json()["results"]
    assert [r["name"] for r in found] == ["KMC Telecom III LLC"]
    assert found[0]["former_names"] == ["KMC Telecom III, Inc."]
    incumbents = client.get(url, {"q": "KMC", "kind": "incumbent"}).json()["results"]
    assert incumbents == []
    spectra = client.get(url, {"q": "spectra", "kind": "incumbent"}).json()["results"]
    assert [r["name"] for r in spectra] == ["Spectra Communications"]
    assert spectra[0]["states"] == ["MO"]
