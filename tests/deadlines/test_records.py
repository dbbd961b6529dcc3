"""Deadlines as records: computed from their triggers, recomputed in the same transaction, audited."""

from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from agreements import services
from agreements.models import ArbitrationPetition, ExtensionAgreement, StateFiling
from deadlines.models import ClosureDay, Deadline, TriggerChange
from deadlines.services import resync_state, waive

pytestmark = pytest.mark.django_db


@pytest.fixture
def paralegal(db):
    return User.objects.create_user("pat", "pat@example.com", "a-long-enough-password")


def dates(request, state="MO"):
    return {
        d.kind: (d.due_on, d.act_on, d.status, d.estimated)
        for d in Deadline.objects.filter(request=request, state_id=state)
    }


def test_seed_request_unconfirmed_is_the_safe_window_of_overnight_delivery(seed):
    # Overnight letter of Thursday 9 September 2004: earliest and latest plausible receipt are Friday 10 September.
    got = dates(seed["request"])
    assert got["window_opens"][:2] == (date(2005, 1, 23), date(2005, 1, 24))
    assert got["window_closes"][:2] == (date(2005, 2, 17), date(2005, 2, 17))
    assert got["resolution_due"][:2] == (date(2005, 6, 10), date(2005, 6, 10))
    assert all(estimated for *_, estimated in got.values())


def test_confirming_receipt_on_9_september_gives_the_worked_example(seed, paralegal):
    request = seed["request"]
    moved = services.record_receipt(
        request,
        date(2004, 9, 9),
        confirmed=True,
        by=paralegal,
        reason="Receipt confirmed by CenturyTel's letter of 10 September 2004",
    )
    got = dates(request)
    assert got["window_opens"][:2] == (date(2005, 1, 22), date(2005, 1, 24))  # Saturday → Monday
    assert got["window_closes"][:2] == (date(2005, 2, 16), date(2005, 2, 16))  # Wednesday
    assert got["resolution_due"][:2] == (date(2005, 6, 9), date(2005, 6, 9))  # Thursday
    assert not any(estimated for *_, estimated in got.values())
    assert Deadline.objects.get(request=request, kind="window_opens").closure == "Saturday"
    assert sorted((m["kind"], m["old"], m["new"]) for m in moved) == [
        ("resolution_due", "2005-06-10", "2005-06-09"),
        ("window_closes", "2005-02-17", "2005-02-16"),
        ("window_opens", "2005-01-23", "2005-01-22"),
    ]
    changes = {c.field: c for c in TriggerChange.objects.filter(request=request)}
    assert (changes["received_on"].old_value, changes["received_on"].new_value) == ("", "2004-09-09")
    assert changes["received_on"].changed_by == paralegal
    assert changes["received_on"].reason == "Receipt confirmed by CenturyTel's letter of 10 September 2004"
    closes = Deadline.objects.get(request=request, kind="window_closes")
    latest = closes.history.first()
    assert latest.history_change_reason == "Receipt confirmed by CenturyTel's letter of 10 September 2004"
    assert latest.history_user == paralegal
    assert [
        (c.field, c.old, c.new)
        for c in latest.diff_against(latest.prev_record).changes
        if c.field == "due_on"
    ] == [("due_on", date(2005, 2, 17), date(2005, 2, 16))]


def test_a_changed_receipt_date_needs_a_reason_and_changes_nothing_without_one(seed, paralegal):
    request = seed["request"]
    services.record_receipt(request, date(2004, 9, 9), confirmed=True, by=paralegal, reason="proof on file")
    request.refresh_from_db()
    request.received_on = date(2004, 9, 10)
    with pytest.raises(ValidationError, match="Say why this date changes"):
        services.save_request(request, by=paralegal, reason="")
    assert Deadline.objects.get(request=request, kind="window_closes").due_on == date(2005, 2, 16)


def test_receipt_before_the_letter_is_refused_and_saves_nothing(seed, paralegal):
    request = seed["request"]
    with pytest.raises(ValidationError):
        services.record_receipt(request, date(2004, 9, 1), confirmed=True, by=paralegal, reason="typo")
    assert TriggerChange.objects.count() == 0
    assert Deadline.objects.get(request=request, kind="window_closes").due_on == date(2005, 2, 17)


def test_a_deemed_request_date_replaces_receipt(seed, paralegal):
    request = seed["request"]
    services.record_receipt(request, date(2004, 9, 9), confirmed=True, by=paralegal, reason="proof")
    extension = ExtensionAgreement(
        request=request,
        kind="deemed_request_date",
        agreed_on=date(2005, 1, 10),
        deemed_request_date=date(2004, 11, 1),
    )
    services.record_extension(extension, by=paralegal, reason="Letter agreement of 10 January 2005")
    got = dates(request)
    # 1 November 2004 + 135 = Wednesday 16 March 2005; + 160 = Sunday 10 April 2005 → last safe Friday 8 April.
    assert got["window_opens"][:2] == (date(2005, 3, 16), date(2005, 3, 16))
    assert got["window_closes"][:2] == (date(2005, 4, 10), date(2005, 4, 8))
    assert got["resolution_due"][0] == date(2005, 8, 1)
    request.refresh_from_db()
    assert request.deemed_received_on == date(2004, 11, 1)
    change = TriggerChange.objects.get(request=request, field="deemed_received_on")
    assert (change.old_value, change.new_value, change.reason) == (
        "",
        "2004-11-01",
        "Letter agreement of 10 January 2005",
    )


def test_an_agreed_window_and_a_waiver(seed, paralegal):
    request = seed["request"]
    services.record_extension(
        ExtensionAgreement(
            request=request,
            kind="agreed_window",
            agreed_on=date(2005, 1, 5),
            window_opens_on=date(2005, 5, 1),
            window_closes_on=date(2005, 5, 26),
        ),
        by=paralegal,
        reason="As in CPUC A.05-05-027",
    )
    services.record_extension(
        ExtensionAgreement(request=request, kind="waive_resolution", agreed_on=date(2005, 1, 5)),
        by=paralegal,
        reason="Parties waive the 9-month date",
    )
    got = dates(request)
    assert got["window_opens"][:2] == (date(2005, 5, 1), date(2005, 5, 2))  # Sunday → Monday
    assert got["window_closes"][:2] == (date(2005, 5, 26), date(2005, 5, 26))
    assert got["resolution_due"][2] == "waived"
    fields = list(TriggerChange.objects.filter(request=request).values_list("field", "new_value"))
    assert ("Agreed arbitration window", "2005-05-01 to 2005-05-26") in fields


@pytest.mark.parametrize(
    ("filed", "verdict"),
    [
        (date(2005, 1, 21), "premature"),
        (date(2005, 1, 22), "timely"),
        (date(2005, 2, 16), "timely"),
        (date(2005, 2, 17), "untimely"),
    ],
)
def test_a_petition_is_judged_against_the_window(seed, paralegal, filed, verdict):
    request = seed["request"]
    services.record_receipt(request, date(2004, 9, 9), confirmed=True, by=paralegal, reason="proof")
    petition = ArbitrationPetition(
        request=request, state_id="MO", filed_on=filed, received_by_commission_on=filed
    )
    assert services.record_petition(petition, by=paralegal) == verdict
    closes = Deadline.objects.get(request=request, kind="window_closes")
    assert (closes.status == "met") == (verdict == "timely")
    response = Deadline.objects.get(petition=petition)
    assert response.due_on == date.fromordinal(filed.toordinal() + 25)


def test_response_due_25_days_after_the_commission_receives_the_petition(seed, paralegal):
    request = seed["request"]
    services.record_receipt(request, date(2004, 9, 9), confirmed=True, by=paralegal, reason="proof")
    # Filed after hours on Tuesday 15 February; the commission stamps it Wednesday 16 February.
    petition = ArbitrationPetition(
        request=request,
        state_id="MO",
        filed_on=date(2005, 2, 15),
        received_by_commission_on=date(2005, 2, 16),
    )
    services.record_petition(petition, by=paralegal)
    response = Deadline.objects.get(petition=petition)
    # 16 February 2005 + 25 = Sunday 13 March 2005: the safe day to respond is Friday 11 March.
    assert (response.due_on, response.act_on, response.closure) == (
        date(2005, 3, 13),
        date(2005, 3, 11),
        "Sunday",
    )


def test_filing_the_amendment_in_every_state_of_attachment_a(seed, paralegal):
    filings = services.file_in_every_state(seed["amendment"], date(2004, 9, 20), by=paralegal)
    assert sorted(f.state_id for f in filings) == ["AL", "FL", "GA", "KY", "LA", "MS", "NC", "SC", "TN"]
    deemed = Deadline.objects.filter(filing__in=filings, kind="deemed_approval")
    # Negotiated amendment: 90 days after 20 September 2004 = Sunday 19 December 2004.
    assert {(d.due_on, d.closure) for d in deemed} == {(date(2004, 12, 19), "Sunday")}
    assert services.file_in_every_state(seed["amendment"], date(2004, 9, 20), by=paralegal) == []


def test_an_arbitrated_agreement_is_deemed_approved_in_30_days(seed, paralegal):
    agreement = seed["agreement"]
    agreement.origin = "arbitrated"
    agreement.save()
    filing = StateFiling(agreement=agreement, state_id="FL", submitted_on=date(2005, 3, 1))
    services.save_filing(filing, by=paralegal)
    assert Deadline.objects.get(filing=filing).due_on == date(2005, 3, 31)
    filing.decision, filing.decided_on = "approved", date(2005, 3, 20)
    services.save_filing(filing, by=paralegal)
    assert Deadline.objects.get(filing=filing).status == "met"


@time_machine.travel(date(2004, 10, 1))
def test_a_new_closure_day_moves_the_last_safe_filing_day(seed, paralegal):
    request = seed["request"]
    services.record_receipt(request, date(2004, 9, 9), confirmed=True, by=paralegal, reason="proof")
    ClosureDay.objects.create(state_id="MO", day=date(2005, 2, 16), name="Office closed (snow)")
    resync_state("MO", reason="closure day added")
    closes = Deadline.objects.get(request=request, kind="window_closes")
    # Day 160 stays Wednesday 16 February; the business day to act moves back to Tuesday 15 February.
    assert (closes.due_on, closes.act_on, closes.closure) == (
        date(2005, 2, 16),
        date(2005, 2, 15),
        "Office closed (snow)",
    )


def test_missouri_lincolns_birthday_is_a_closure_from_the_data_migration():
    assert ClosureDay.objects.filter(state_id="MO", day=date(2007, 2, 12), name="Lincoln's Birthday").exists()


def test_waiving_needs_a_reason(seed, paralegal):
    deadline = Deadline.objects.get(request=seed["request"], kind="resolution_due")
    with pytest.raises(ValueError, match="Say why"):
        waive(deadline, by=paralegal, reason=" ")
    waive(deadline, by=paralegal, reason="parties' written waiver")
    deadline.refresh_from_db()
    assert deadline.status == "waived"
