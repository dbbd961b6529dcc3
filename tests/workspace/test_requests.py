"""A paralegal enters the seed request from nothing, sends it, records receipt, and the clocks follow."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements import services
from agreements.models import ArbitrationPetition, NegotiationRequest
from deadlines.models import Deadline, TriggerChange
from demo.seed import load_carriers, load_counsel
from tests import factories

pytestmark = pytest.mark.django_db


def _management(prefix: str, total: int, initial: int = 0) -> dict:
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}


def seed_request_data(counsel_pk: int, paralegal_pk: int | None = None) -> dict:
    """The facts of the seed letter (shared/seeds/000) as a paralegal types them into the form."""
    data = {
        "collective_name": "KMC Telecom",
        "states": "mo",
        "letter_date": "2004-09-09",
        "delivery_method": "overnight",
        "counsel": str(counsel_pk),
        "paralegal": str(paralegal_pk or ""),
        "addressee_name": "CenturyTel, Inc.",
        "addressee_short_name": "CenturyTel",
        "attention": "Carrier Relations",
        "address": "100 Century Park Drive\nMonroe, LA 71203",
        "salutation": "Dear Sirs:",
        **_management("requesting", 3),
        "requesting-0-affiliate": "KMC Telecom III LLC",
        "requesting-1-affiliate": "KMC Telecom V, Inc.",
        "requesting-2-affiliate": "kmc data llc",
        **_management("incumbent", 2),
        "incumbent-0-affiliate": "CenturyTel of Missouri LLC",
        "incumbent-1-affiliate": "Spectra Communications",
        **_management("cc", 3),
        "cc-0-name": "David D. Cole",
        "cc-0-title": "Senior Vice President",
        "cc-0-organisation": "CenturyTel, Inc.",
        "cc-1-name": "Marva B. Johnson",
        "cc-1-title": "Vice President",
        "cc-1-organisation": "KMC Telecom",
        "cc-2-name": "Mark W. Comley",
        "cc-2-suffix": "Esq.",
    }
    return data


def _enter_seed_request(client) -> NegotiationRequest:
    load_carriers()
    counsel = load_counsel()
    user = client.session.get("_auth_user_id")
    response = client.post(reverse("agreements:request-new"), seed_request_data(counsel.pk, user))
    assert response.status_code == 302, response.content.decode()[:3000]
    return NegotiationRequest.objects.get()


def _deadlines(request: NegotiationRequest) -> dict[str, Deadline]:
    return {d.kind: d for d in Deadline.objects.filter(request=request, state_id="MO")}


def test_the_seed_request_from_nothing_to_its_deadlines(client):
    paralegal = factories.UserFactory(role="paralegal")
    client.force_login(paralegal)
    assert client.get(reverse("agreements:request-new")).status_code == 200

    request = _enter_seed_request(client)
    assert [a.legal_name for a in request.requesting_affiliates] == [
        "KMC Telecom III LLC",
        "KMC Telecom V, Inc.",
        "KMC Data LLC",
    ]
    assert [a.legal_name for a in request.incumbent_affiliates] == [
        "CenturyTel of Missouri LLC",
        "Spectra Communications",
    ]
    assert [s.code for s in request.states.all()] == ["MO"]
    assert [line.contact.cc_line for line in request.cc_lines.all()] == [
        "David D. Cole, Senior Vice President, CenturyTel, Inc.",
        "Marva B. Johnson, Vice President, KMC Telecom",
        "Mark W. Comley, Esq.",
    ]
    assert request.paralegal == paralegal
    assert request.status == "draft"
    assert not Deadline.objects.filter(request=request).exists()

    page = client.get(request.get_absolute_url())
    assert page.status_code == 200
    assert reverse("documents:letter", args=[request.pk]) in page.content.decode()

    sent = client.post(
        reverse("agreements:request-sent", args=[request.pk]),
        {"sent_on": "2004-09-09", "tracking_number": "7934 5521 0098"},
    )
    assert sent.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.sent_on, request.tracking_number) == (
        "sent",
        date(2004, 9, 9),
        "7934 5521 0098",
    )
    assert all(d.estimated for d in _deadlines(request).values())

    proof = SimpleUploadedFile("fedex-pod.pdf", b"%PDF-1.4 proof of delivery", content_type="application/pdf")
    received = client.post(
        reverse("agreements:request-receipt", args=[request.pk]),
        {"received_on": "2004-09-09", "proof": proof, "reason": "FedEx proof of delivery"},
    )
    assert received.status_code == 302
    request.refresh_from_db()
    assert request.received_on == date(2004, 9, 9)
    assert request.status == "received"
    assert request.receipt_proof.name.endswith(".pdf")

    deadlines = _deadlines(request)
    assert deadlines["window_opens"].due_on == date(2005, 1, 22)
    assert deadlines["window_opens"].act_on == date(2005, 1, 24)  # Saturday → first filing day Monday
    assert deadlines["window_closes"].due_on == date(2005, 2, 16)
    assert deadlines["resolution_due"].due_on == date(2005, 6, 9)

    body = client.get(request.get_absolute_url()).content.decode()
    assert '<time datetime="2005-01-22">Sat 22 Jan 2005</time>' in body
    assert '<time datetime="2005-01-24">Mon 24 Jan 2005</time>' in body  # the first filing day
    assert '<time datetime="2005-02-16">Wed 16 Feb 2005</time>' in body
    assert '<time datetime="2005-06-09">Thu 9 Jun 2005</time>' in body
    assert "closed: Saturday" in body
    assert "estimated receipt" in body  # a paralegal's receipt stays an estimate until counsel confirms
    assert "FedEx proof of delivery" in body  # the history says why

    download = client.get(reverse("agreements:request-proof", args=[request.pk]))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == b"%PDF-1.4 proof of delivery"


def test_counsel_confirms_receipt_and_a_paralegal_cannot(client):
    client.force_login(factories.UserFactory(role="paralegal"))
    request = _enter_seed_request(client)
    client.post(reverse("agreements:request-sent", args=[request.pk]), {"sent_on": "2004-09-09"})
    client.post(
        reverse("agreements:request-receipt", args=[request.pk]),
        {"received_on": "2004-09-09", "reason": "FedEx tracking", "confirmed": "on"},
    )
    request.refresh_from_db()
    assert request.received_on is None  # refused as a whole: only counsel confirms

    client.post(
        reverse("agreements:request-receipt", args=[request.pk]),
        {"received_on": "2004-09-09", "reason": "FedEx tracking"},
    )
    forbidden = client.post(reverse("agreements:request-confirm", args=[request.pk]), {"reason": "POD"})
    assert forbidden.status_code == 403

    counsel = factories.UserFactory(role="counsel")
    client.force_login(counsel)
    page = client.get(request.get_absolute_url()).content.decode()
    assert "Confirm receipt (counsel)" in page
    missing = client.post(reverse("agreements:request-confirm", args=[request.pk]), {"reason": ""})
    assert missing.status_code == 200
    assert "Say what proves receipt" in missing.content.decode()

    done = client.post(
        reverse("agreements:request-confirm", args=[request.pk]), {"reason": "FedEx POD signed by J. Smith"}
    )
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.receipt_confirmed
    assert not any(d.estimated for d in _deadlines(request).values())
    change = TriggerChange.objects.filter(request=request, field="receipt_confirmed").get()
    assert (change.changed_by, change.reason) == (counsel, "FedEx POD signed by J. Smith")


def test_a_paralegal_ticking_confirmed_gets_a_message_at_the_field(client):
    client.force_login(factories.UserFactory(role="paralegal"))
    request = _enter_seed_request(client)
    response = client.post(
        reverse("agreements:request-receipt", args=[request.pk]),
        {"received_on": "2004-09-10", "reason": "tracking", "confirmed": "on"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Only counsel can confirm receipt" in body
    assert 'value="2004-09-10"' in body


def test_receipt_before_the_letter_is_refused_at_the_field_and_nothing_is_saved(client):
    client.force_login(factories.UserFactory(role="paralegal"))
    request = _enter_seed_request(client)
    response = client.post(
        reverse("agreements:request-receipt", args=[request.pk]),
        {"received_on": "2004-09-01", "reason": "typo test"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "cannot have received the request before the letter&#x27;s date (Thu 9 Sep 2004)" in body
    assert 'value="2004-09-01"' in body and 'value="typo test"' in body
    request.refresh_from_db()
    assert request.received_on is None
    assert not TriggerChange.objects.filter(request=request).exists()


def test_correcting_a_receipt_date_needs_a_reason_kept_in_the_history(client):
    client.force_login(factories.UserFactory(role="paralegal"))
    request = _enter_seed_request(client)
    url = reverse("agreements:request-receipt", args=[request.pk])
    # Entering receipt for the first time needs no reason; correcting it does.
    assert client.post(url, {"received_on": "2004-09-09"}).status_code == 302
    response = client.post(url, {"received_on": "2004-09-10"})
    assert response.status_code == 200
    assert "Say why this date changes" in response.content.decode()
    request.refresh_from_db()
    assert request.received_on == date(2004, 9, 9)
    assert (
        client.post(url, {"received_on": "2004-09-10", "reason": "FedEx proof shows Friday"}).status_code
        == 302
    )
    change = request.trigger_changes.filter(field="received_on").first()
    assert (change.old_value, change.new_value, change.reason) == (
        "2004-09-09",
        "2004-09-10",
        "FedEx proof shows Friday",
    )


def test_an_extension_moves_the_dates_and_the_history_says_why(client):
    client.force_login(factories.UserFactory(role="paralegal"))
    request = _enter_seed_request(client)
    client.post(
        reverse("agreements:request-receipt", args=[request.pk]),
        {"received_on": "2004-09-09", "reason": "FedEx proof of delivery"},
    )
    letter = SimpleUploadedFile("extension.pdf", b"%PDF-1.4 letter agreement", content_type="application/pdf")
    response = client.post(
        reverse("agreements:request-extension", args=[request.pk]),
        {
            "kind": "deemed_request_date",
            "agreed_on": "2004-12-01",
            "deemed_request_date": "2004-10-01",
            "document": letter,
            "reason": "Letter agreement of December 1, 2004: request deemed made October 1",
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.deemed_received_on == date(2004, 10, 1)
    deadlines = _deadlines(request)
    assert deadlines["window_opens"].due_on == date(2005, 2, 13)
    assert deadlines["window_closes"].due_on == date(2005, 3, 10)
    assert deadlines["resolution_due"].due_on == date(2005, 7, 1)

    change = TriggerChange.objects.get(request=request, field="deemed_received_on")
    assert change.reason == "Letter agreement of December 1, 2004: request deemed made October 1"
    moved = {(m["kind"], m["old"], m["new"]) for m in change.deadlines_moved}
    assert ("window_closes", "2005-02-16", "2005-03-10") in moved

    body = client.get(request.get_absolute_url()).content.decode()
    assert "Letter agreement of December 1, 2004" in body
    assert (
        '<time datetime="2005-02-16">Wed 16 Feb 2005</time> → <time datetime="2005-03-10">Thu 10 Mar 2005</time>'
        in body
    )
    extension = request.extensions.get()
    assert reverse("agreements:extension-document", args=[request.pk, extension.pk]) in body
    assert (
        client.get(reverse("agreements:extension-document", args=[request.pk, extension.pk])).status_code
        == 200
    )


def test_an_agreed_window_with_its_end_before_its_start_is_refused(client):
    client.force_login(factories.UserFactory(role="paralegal"))
    request = _enter_seed_request(client)
    response = client.post(
        reverse("agreements:request-extension", args=[request.pk]),
        {
            "kind": "agreed_window",
            "agreed_on": "2005-01-05",
            "window_opens_on": "2005-05-26",
            "window_closes_on": "2005-05-01",
            "reason": "CPUC style window",
        },
    )
    assert response.status_code == 200
    assert "The agreed window cannot close before it opens." in response.content.decode()
    assert not request.extensions.exists()


def test_a_petition_in_the_window_is_timely_and_a_second_one_in_the_state_is_refused(client):
    user = factories.UserFactory(role="paralegal")
    client.force_login(user)
    request = _enter_seed_request(client)
    services.record_receipt(request, date(2004, 9, 9), confirmed=True, by=user, reason="FedEx POD")
    data = {
        "state": "MO",
        "filed_on": "2005-02-01",
        "received_by_commission_on": "2005-02-01",
        "docket_number": "TO-2005-0123",
    }
    response = client.post(reverse("agreements:request-petition", args=[request.pk]), data, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "It is timely" in body
    petition = ArbitrationPetition.objects.get()
    assert services.judge(petition) == "timely"
    assert 'verdict-timely">timely' in body
    response_due = Deadline.objects.get(petition=petition)
    assert response_due.due_on == date(2005, 2, 26)

    again = client.post(reverse("agreements:request-petition", args=[request.pk]), data)
    assert again.status_code == 200
    assert "A petition in this state is already recorded for this request." in again.content.decode()
    assert ArbitrationPetition.objects.count() == 1


def test_a_premature_petition_is_recorded_and_called_premature(client):
    user = factories.UserFactory(role="paralegal")
    client.force_login(user)
    request = _enter_seed_request(client)
    services.record_receipt(request, date(2004, 9, 9), confirmed=True, by=user, reason="FedEx POD")
    response = client.post(
        reverse("agreements:request-petition", args=[request.pk]),
        {"state": "MO", "filed_on": "2005-01-10", "received_by_commission_on": "2005-01-10"},
        follow=True,
    )
    assert "It is premature" in response.content.decode()


def test_a_new_request_with_errors_keeps_what_was_typed_and_saves_nothing(client):
    client.force_login(factories.UserFactory(role="paralegal"))
    load_carriers()
    counsel = load_counsel()
    data = seed_request_data(counsel.pk)
    data.update(
        {
            "states": "MO, ZZ",
            "requesting-1-affiliate": "KMC Telecom VII, Inc.",
            "incumbent-0-affiliate": "KMC Data LLC",
            "incumbent-1-affiliate": "",
        }
    )
    response = client.post(reverse("agreements:request-new"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing was saved." in body
    assert "No affiliate is named “KMC Telecom VII, Inc.”" in body
    assert "KMC Data LLC is recorded as a competitive carrier, not an incumbent." in body
    assert "ZZ" in body and "not_a_state" not in body
    assert 'value="KMC Telecom"' in body and 'value="KMC Telecom VII, Inc."' in body
    assert "100 Century Park Drive" in body
    assert NegotiationRequest.objects.count() == 0
    from carriers.models import Contact

    assert Contact.objects.count() == 0


def test_a_request_needs_an_incumbent_and_names_each_affiliate_once(client):
    client.force_login(factories.UserFactory(role="paralegal"))
    load_carriers()
    counsel = load_counsel()
    data = seed_request_data(counsel.pk)
    data.update(
        {
            "incumbent-0-affiliate": "",
            "incumbent-1-affiliate": "",
            "requesting-2-affiliate": "KMC Telecom V, Inc.",
        }
    )
    body = client.post(reverse("agreements:request-new"), data).content.decode()
    assert "Name at least one incumbent affiliate." in body
    assert NegotiationRequest.objects.count() == 0


def test_editing_the_delivery_method_needs_a_reason_and_records_it(client):
    client.force_login(factories.UserFactory(role="paralegal"))
    request = _enter_seed_request(client)
    client.post(reverse("agreements:request-sent", args=[request.pk]), {"sent_on": "2004-09-09"})
    page = client.get(reverse("agreements:request-edit", args=[request.pk]))
    assert page.status_code == 200
    data = seed_request_data(request.counsel_id)
    data.update(
        {
            "delivery_method": "hand",
            "status": "sent",
            "tracking_number": "",
            **_management("requesting", 3, 3),
            **_management("incumbent", 2, 2),
            **_management("cc", 3, 3),
        }
    )
    for i, line in enumerate(request.cc_lines.all()):
        for key in ("name", "suffix", "title", "organisation"):
            data.pop(f"cc-{i}-{key}", None)
        data[f"cc-{i}-contact"] = str(line.contact_id)
    refused = client.post(reverse("agreements:request-edit", args=[request.pk]), data)
    assert refused.status_code == 200
    assert "Say why this date changes" in refused.content.decode()
    request.refresh_from_db()
    assert request.delivery_method == "overnight"

    data["reason"] = "It was hand-delivered, not sent overnight"
    saved = client.post(reverse("agreements:request-edit", args=[request.pk]), data)
    assert saved.status_code == 302
    request.refresh_from_db()
    assert request.delivery_method == "hand"
    assert request.cc_lines.count() == 3
    change = TriggerChange.objects.get(request=request, field="delivery_method")
    assert (change.old_value, change.new_value) == ("overnight", "hand")


def test_a_viewer_reads_but_cannot_change(client):
    client.force_login(factories.UserFactory(role="paralegal"))
    request = _enter_seed_request(client)
    client.force_login(factories.UserFactory(role="viewer"))
    page = client.get(request.get_absolute_url())
    assert page.status_code == 200
    assert "Record what happened" not in page.content.decode()
    assert client.get(reverse("agreements:request-new")).status_code == 403
    assert client.get(reverse("agreements:request-edit", args=[request.pk])).status_code == 403
    for name in (
        "request-sent",
        "request-receipt",
        "request-confirm",
        "request-extension",
        "request-petition",
    ):
        assert client.post(reverse(f"agreements:{name}", args=[request.pk]), {}).status_code == 403, name
    assert client.post(reverse("agreements:request-new"), {}).status_code == 403


def test_the_list_filters_by_status_and_state_and_pages(client):
    client.force_login(factories.UserFactory(role="paralegal"))
    request = _enter_seed_request(client)
    other = factories.UserFactory(role="paralegal")
    services.mark_sent(request, date(2004, 9, 9), by=other)
    response = client.get(reverse("agreements:request-list"), {"status": "sent", "state": "mo"})
    assert response.status_code == 200
    assert request.get_absolute_url() in response.content.decode()
    none = client.get(reverse("agreements:request-list"), {"status": "draft"})
    assert request.get_absolute_url() not in none.content.decode()
    assert client.get(reverse("agreements:request-list"), {"page": "99"}).status_code == 200
