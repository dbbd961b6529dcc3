"""The agreement page as amended on a date, bookmarkable with ?as_of=, in a fixed number of queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agreements import services
from agreements.models import StateFiling
from tests import factories

pytestmark = pytest.mark.django_db

LNP = ["LNPCX", "LNPCP", "LNPCN", "LNPCC"]


def _as_amended_html(response) -> str:
    """Only the “as amended on” part of the page: the amendments list below names the USOCs too."""
    body = response.content.decode()
    return body[body.index('id="asof-h"') : body.index('id="amend-h"')]


def test_before_the_amendment_the_four_lnp_usocs_are_in_force(client, seed):
    client.force_login(factories.UserFactory(role="paralegal"))
    response = client.get(seed["agreement"].get_absolute_url(), {"as_of": "2004-09-13"})
    assert response.status_code == 200
    assert sorted(e.usoc for e in response.context["rate_elements"]) == sorted(LNP)
    part = _as_amended_html(response)
    for usoc in LNP:
        assert f"<code>{usoc}</code>" in part
    assert "Section 7.3 of Attachment 2" not in part
    assert "Section 10.8 of Attachment 2" not in part
    assert "Mon 13 Sep 2004" in part


def test_from_the_effective_date_the_usocs_are_gone_and_the_sections_are_in(client, seed):
    client.force_login(factories.UserFactory(role="paralegal"))
    response = client.get(seed["agreement"].get_absolute_url(), {"as_of": "2004-09-14"})
    assert response.status_code == 200
    assert response.context["rate_elements"] == []
    part = _as_amended_html(response)
    for usoc in LNP:
        assert usoc not in part
    assert "Section 7.3 of Attachment 2" in part
    assert "Section 10.8 of Attachment 2" in part
    assert "Section 13 of the BellSouth FCC No. 1 Tariff" in part  # the added text
    numbers = [s.number for s in response.context["sections"]]
    assert numbers == ["7", "7.3", "10", "10.8"]
    # What the amendment changed, and whether it is in force on the day shown.
    body = response.content.decode()
    assert "in force on" in body and "− Deletes USOC <code>LNPCN</code>" in body


def test_a_bad_date_shows_a_message_and_todays_agreement(client, seed):
    client.force_login(factories.UserFactory(role="paralegal"))
    response = client.get(seed["agreement"].get_absolute_url(), {"as_of": "2004-13-45"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "“2004-13-45” is not a date; use YYYY-MM-DD" in body
    assert response.context["as_of"] == timezone.localdate()
    nonsense = client.get(seed["agreement"].get_absolute_url(), {"as_of": "<script>"})
    assert nonsense.status_code == 200
    assert "<script>”" not in nonsense.content.decode()


def test_the_page_names_parties_states_amendments_filings_and_documents(client, seed):
    user = factories.UserFactory(role="paralegal")
    client.force_login(user)
    agreement, amendment = seed["agreement"], seed["amendment"]
    services.save_filing(
        StateFiling(amendment=amendment, state_id="FL", submitted_on=date(2004, 9, 20)), by=user
    )
    response = client.get(agreement.get_absolute_url())
    body = response.content.decode()
    assert "KMC Telecom Holdings, Inc." in body and "BellSouth Telecommunications, Inc." in body
    for code in ("AL", "FL", "GA", "KY", "LA", "MS", "NC", "SC", "TN"):
        assert f">{code}</abbr>" in body
    assert amendment.get_absolute_url() in body
    filing = StateFiling.objects.get()
    assert filing.get_absolute_url() in body
    assert reverse("documents:amendment", args=[amendment.pk]) in body
    assert "?as_of=2004-09-13" in body and "?as_of=2004-09-14" in body  # the date picker's quick links


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"as_of": "2004-09-14"}).status_code == 200
    return len(queries)


def _more_of_everything(n: int, user) -> None:
    for _ in range(n):
        agreement = factories.AgreementFactory()
        factories.RateElementFactory(agreement=agreement)
        request = factories.NegotiationRequestFactory(with_parties=True)
        request.states.set(["MO"])
        services.record_receipt(request, date(2004, 9, 9), confirmed=False, by=user, reason="bench")


def test_the_query_count_does_not_grow_with_the_book(client, seed):
    user = factories.UserFactory(role="counsel")
    client.force_login(user)
    url = seed["agreement"].get_absolute_url()
    services.save_filing(
        StateFiling(amendment=seed["amendment"], state_id="AL", submitted_on=date(2004, 9, 20)), by=user
    )
    _more_of_everything(1, user)
    client.get(url)  # warm caches that are not the page's (sessions, content types)
    small = _count_queries(client, url)
    _more_of_everything(30, user)
    large = _count_queries(client, url)
    assert small == large
    assert small <= 25


def test_the_usocs_an_amendment_may_delete(client, seed):
    client.force_login(factories.UserFactory(role="paralegal"))
    url = reverse("agreements:agreement-usocs", args=[seed["agreement"].pk])
    before = client.get(url, {"before": "2004-09-14"}).json()
    assert sorted(u["usoc"] for u in before["usocs"]) == sorted(LNP)
    assert client.get(url, {"before": "2004-09-15"}).json()["usocs"] == []


def test_the_list_and_a_viewer(client, seed):
    client.force_login(factories.UserFactory(role="viewer"))
    listing = client.get(reverse("agreements:agreement-list"), {"state": "fl"})
    assert listing.status_code == 200
    assert seed["agreement"].get_absolute_url() in listing.content.decode()
    page = client.get(seed["agreement"].get_absolute_url())
    assert page.status_code == 200
    assert "New amendment" not in page.content.decode()


def test_anonymous_users_are_sent_to_log_in(client, seed):
    response = client.get(seed["agreement"].get_absolute_url())
    assert response.status_code == 302
    assert "/login/" in response["Location"]
