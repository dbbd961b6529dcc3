"""Each validation rule of the foundation gives a message a paralegal understands and saves nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from agreements.models import NegotiationRequest, RateElement, StateFiling
from amendments.models import Amendment, RateElementChange, ScheduledAffiliate, Signature
from jurisdictions.dates import say_date
from jurisdictions.fields import StateCodesField
from jurisdictions.models import validate_state_code
from tests import factories

pytestmark = pytest.mark.django_db


def test_receipt_before_letter_date_is_refused():
    request = factories.NegotiationRequestFactory.build(
        counsel=factories.CounselFactory(), letter_date=date(2004, 9, 9), received_on=date(2004, 9, 8)
    )
    with pytest.raises(ValidationError) as caught:
        request.full_clean()
    assert caught.value.message_dict["received_on"] == [
        "The incumbent cannot have received the request before the letter's date (Thu 9 Sep 2004). "
        "Check the receipt date or the letter date."
    ]


def test_receipt_on_the_letter_date_is_accepted():
    request = factories.NegotiationRequestFactory.build(
        counsel=factories.CounselFactory(), letter_date=date(2004, 9, 9), received_on=date(2004, 9, 9)
    )
    request.full_clean(exclude=["states"])


def test_confirmed_receipt_needs_a_date():
    request = factories.NegotiationRequestFactory.build(
        counsel=factories.CounselFactory(), receipt_confirmed=True
    )
    with pytest.raises(ValidationError) as caught:
        request.full_clean()
    assert "Enter the receipt date" in caught.value.message_dict["receipt_confirmed"][0]


def test_receipt_before_letter_date_in_the_admin_saves_nothing(admin_client, seed):
    request = seed["request"]
    url = reverse("admin:agreements_negotiationrequest_change", args=[request.pk])
    page = admin_client.get(url)
    data = _admin_form_data(page)
    data["states"] = ["MO"]
    data["received_on"] = "2004-09-01"
    data["tracking_number"] = "SHOULD-NOT-BE-SAVED"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "before the letter&#x27;s date (Thu 9 Sep 2004)" in response.content.decode()
    request.refresh_from_db()
    assert request.received_on is None
    assert request.tracking_number == ""


def _admin_form_data(page) -> dict:
    """What the admin change page would post back unchanged: the form's values and its inlines'."""
    form = page.context["adminform"].form
    data = {
        name: form[name].value()
        for name in form.fields
        if form[name].value() is not None and not hasattr(form[name].value(), "storage")
    }
    data.update(_inline_management(page))
    return data


def _inline_management(page) -> dict:
    data = {}
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
        for index, form in enumerate(formset.formset.forms):
            for name in form.fields:
                value = form[name].value()
                if value is None or name == "DELETE":
                    continue
                data[f"{formset.formset.prefix}-{index}-{name}"] = value
    return data


def test_amendment_effective_before_its_agreement_is_refused_in_the_admin(admin_client):
    agreement = factories.AgreementFactory(dated=date(2000, 10, 6))
    response = admin_client.post(
        reverse("admin:amendments_amendment_add"),
        {
            "agreements": [agreement.pk],
            "title": "Amendment",
            "effective_on": "2000-10-05",
            "status": "draft",
            **_empty_inlines(),
        },
    )
    assert response.status_code == 200
    assert "cannot take effect on Thu 5 Oct 2000, before the agreement it amends" in response.content.decode()
    assert Amendment.objects.count() == 0


def _empty_inlines() -> dict:
    prefixes = [
        "recitals",
        "provisions",
        "rate_changes",
        "section_changes",
        "signatures",
        "schedule",
        "filings",
    ]
    data = {}
    for prefix in prefixes:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


def test_deleting_a_usoc_the_agreement_lacks_is_refused_and_nothing_is_saved(admin_client, seed):
    agreement = seed["agreement"]
    data = {
        "agreements": [agreement.pk],
        "title": "Amendment",
        "effective_on": "2005-01-03",
        "status": "draft",
        **_empty_inlines(),
        "rate_changes-TOTAL_FORMS": "2",
        "rate_changes-0-action": "delete",
        "rate_changes-0-usoc": "lnpcx",
        "rate_changes-0-order": "1",
        "rate_changes-1-action": "delete",
        "rate_changes-1-usoc": "ZZZZ9",
        "rate_changes-1-order": "2",
    }
    before = Amendment.objects.count()
    response = admin_client.post(reverse("admin:amendments_amendment_add"), data)
    assert response.status_code == 200
    body = response.content.decode()
    # LNPCX was deleted on 14 September 2004 by the seed amendment, so in 2005 it is gone too.
    assert "has no rate element with USOC LNPCX to delete" in body
    assert "has no rate element with USOC ZZZZ9 to delete" in body
    assert Amendment.objects.count() == before
    assert RateElementChange.objects.filter(usoc="ZZZZ9").count() == 0


def test_deleting_a_usoc_the_agreement_has_is_accepted(admin_client, seed):
    agreement = seed["agreement"]
    RateElement.objects.create(agreement=agreement, usoc="TPP6A", attachment="2", exhibit="A")
    data = {
        "agreements": [agreement.pk],
        "title": "Amendment",
        "effective_on": "2005-01-03",
        "status": "draft",
        **_empty_inlines(),
        "rate_changes-TOTAL_FORMS": "1",
        "rate_changes-0-action": "delete",
        "rate_changes-0-usoc": "tpp6a",
        "rate_changes-0-order": "1",
    }
    response = admin_client.post(reverse("admin:amendments_amendment_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    change = RateElementChange.objects.get(usoc="TPP6A")
    assert change.amendment.effective_on == date(2005, 1, 3)


def test_signature_dated_in_the_future_is_refused():
    tomorrow = timezone.localdate() + timedelta(days=1)
    signature = factories.SignatureFactory.build(
        amendment=factories.AmendmentFactory(), party=factories.AffiliateFactory(), signed_on=tomorrow
    )
    with pytest.raises(ValidationError) as caught:
        signature.full_clean()
    assert caught.value.message_dict["signed_on"] == [
        f"A signature cannot be dated in the future ({say_date(tomorrow)})."
    ]
    assert Signature.objects.count() == 0


@pytest.mark.parametrize("raw", ["ZZ", "XX", "Missouri", "M0"])
def test_a_state_code_that_is_not_a_us_state_is_refused(raw):
    with pytest.raises(ValidationError) as caught:
        validate_state_code(raw)
    assert caught.value.messages == [
        f"“{raw}” is not a US state code. Use the two-letter postal code, such as MO or TN."
    ]


def test_state_codes_typed_as_the_document_prints_them():
    field = StateCodesField()
    assert [state.code for state in field.clean("(MS, SC, TN)")] == ["MS", "SC", "TN"]
    with pytest.raises(ValidationError) as caught:
        field.clean("MS, QQ, TN")
    assert caught.value.messages == [
        "“QQ” is not a US state code. Use the two-letter postal code, such as MO or TN."
    ]


def test_attachment_a_with_a_bad_state_code_in_the_admin_saves_nothing(admin_client, seed):
    agreement = seed["agreement"]
    affiliate = factories.AffiliateFactory()
    data = {
        "agreements": [agreement.pk],
        "title": "Amendment",
        "effective_on": "2005-01-03",
        "status": "draft",
        **_empty_inlines(),
        "schedule-TOTAL_FORMS": "1",
        "schedule-0-affiliate": affiliate.pk,
        "schedule-0-states": "AL, XY",
        "schedule-0-order": "1",
    }
    before = (Amendment.objects.count(), ScheduledAffiliate.objects.count())
    response = admin_client.post(reverse("admin:amendments_amendment_add"), data)
    assert response.status_code == 200
    assert "“XY” is not a US state code" in response.content.decode()
    assert (Amendment.objects.count(), ScheduledAffiliate.objects.count()) == before


def test_filing_decided_before_submission_is_refused(seed):
    filing = StateFiling(
        amendment=seed["amendment"],
        state_id="FL",
        submitted_on=date(2004, 10, 1),
        decision=StateFiling.Decision.APPROVED,
        decided_on=date(2004, 9, 30),
    )
    with pytest.raises(ValidationError) as caught:
        filing.full_clean()
    assert caught.value.message_dict["decided_on"] == [
        "The commission cannot decide before the submission (Fri 1 Oct 2004)."
    ]


def test_a_filing_is_of_an_agreement_or_an_amendment_not_both(seed):
    filing = StateFiling(agreement=seed["agreement"], amendment=seed["amendment"], state_id="FL")
    with pytest.raises(ValidationError) as caught:
        filing.full_clean()
    assert "choose exactly one" in str(caught.value)


def test_an_incumbent_party_must_be_an_incumbent(seed):
    from agreements.models import RequestParty

    party = RequestParty(request=seed["request"], affiliate=factories.AffiliateFactory(), role="incumbent")
    with pytest.raises(ValidationError) as caught:
        party.full_clean()
    assert (
        "is recorded as a competitive carrier, not an incumbent" in caught.value.message_dict["affiliate"][0]
    )


def test_history_records_who_changed_a_date(seed, admin_user):
    request = NegotiationRequest.objects.get(pk=seed["request"].pk)
    request.received_on = date(2004, 9, 10)
    request._history_user = admin_user
    request._change_reason = "FedEx proof of delivery"
    request.save()
    latest, previous = request.history.all()[:2]
    delta = latest.diff_against(previous)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("received_on", None, date(2004, 9, 10))]
    assert latest.history_user == admin_user
    assert latest.history_change_reason == "FedEx proof of delivery"


def test_confirming_receipt_in_the_admin_recomputes_and_records_why(admin_client, seed):
    from deadlines.models import Deadline, TriggerChange

    request = seed["request"]
    url = reverse("admin:agreements_negotiationrequest_change", args=[request.pk])
    page = admin_client.get(url)
    data = _admin_form_data(page)
    data.update(
        {
            "states": ["MO"],
            "received_on": "2004-09-09",
            "receipt_confirmed": "on",
            "reason": "CenturyTel acknowledged receipt on 9 September 2004",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    closes = Deadline.objects.get(request=request, kind="window_closes")
    assert (closes.due_on, closes.estimated) == (date(2004, 9, 9) + timedelta(days=160), False)
    change = TriggerChange.objects.get(request=request, field="received_on")
    assert (change.new_value, change.reason) == (
        "2004-09-09",
        "CenturyTel acknowledged receipt on 9 September 2004",
    )


def test_changing_a_confirmed_receipt_in_the_admin_needs_a_reason(admin_client, seed):
    from agreements import services

    request = seed["request"]
    services.record_receipt(request, date(2004, 9, 9), confirmed=True, by=None, reason="proof")
    url = reverse("admin:agreements_negotiationrequest_change", args=[request.pk])
    page = admin_client.get(url)
    data = _admin_form_data(page)
    data.update({"states": ["MO"], "received_on": "2004-09-10", "reason": ""})
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Say why this date changes" in response.content.decode()
    request.refresh_from_db()
    assert request.received_on == date(2004, 9, 9)
