"""Deadlines as records: computed from their triggers, recomputed in the same transaction, audited."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from agreements import services
from agreements.models import ArbitrationPetition, ExtensionAgreement, StateFiling
from deadlines.models import ClosureDay, Deadline, TriggerChange
from deadlines.services import resync_state, waive
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def paralegal(db):
    return factories.UserFactory(username="pat")


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
    resync_state("MO", by=None, reason="closure day added")
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


@time_machine.travel(date(2005, 2, 3))
def test_a_timely_petition_meets_the_window_in_its_history(seed, paralegal):
    request = seed["request"]
    services.record_receipt(request, date(2004, 9, 9), confirmed=True, by=paralegal, reason="proof")
    petition = ArbitrationPetition(
        request=request, state_id="MO", filed_on=date(2005, 2, 1), received_by_commission_on=date(2005, 2, 1)
    )
    assert services.record_petition(petition, by=paralegal) == "timely"
    latest = (
        Deadline.objects.get(request=request, kind="window_closes").history.order_by("-history_id").first()
    )
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        "met",
        paralegal,
        "petition filed 2005-02-01",
    )


@time_machine.travel(date(2005, 3, 22))
def test_a_decision_meets_the_deemed_approval_in_its_history(seed, paralegal):
    filing = StateFiling(agreement=seed["agreement"], state_id="FL", submitted_on=date(2005, 3, 1))
    services.save_filing(filing, by=paralegal)
    filing.decision, filing.decided_on = "approved", date(2005, 3, 20)
    services.save_filing(filing, by=paralegal)
    latest = Deadline.objects.get(filing=filing).history.order_by("-history_id").first()
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        "met",
        paralegal,
        "commission decision: approved",
    )


def test_a_petition_on_a_letter_that_never_went_out_is_judged_from_the_letter_date(seed, paralegal):
    # No day 0 and no stored window: the overnight letter of Thursday 9 September 2004 stands in as
    # sent that day, so plausible receipt is Friday 10 September: day 135 = 23 January, day 160 = 17 February.
    request = seed["request"]
    Deadline.objects.filter(request=request).delete()
    type(request).objects.filter(pk=request.pk).update(sent_on=None)
    request.refresh_from_db()

    def verdict(filed: date) -> str:
        return services.judge(ArbitrationPetition(request=request, state_id="MO", filed_on=filed))

    assert [verdict(date(2005, 1, 22)), verdict(date(2005, 1, 23)), verdict(date(2005, 2, 17))] == [
        "premature",
        "timely",
        "timely",
    ]
    assert verdict(date(2005, 2, 18)) == "untimely"


def test_a_request_is_saved_with_its_states_parties_and_cc_and_recomputed_once(
    seed, paralegal, django_capture_on_commit_callbacks
):
    from agreements.models import RequestParty
    from carriers.models import Affiliate, Contact
    from jurisdictions.models import State

    request = seed["request"]
    # The letter names three requesting affiliates and two incumbents; keep two and one, reordered.
    requesting, incumbent = request.requesting_affiliates[:2], request.incumbent_affiliates[0]
    dropped = request.requesting_affiliates[2:] + request.incumbent_affiliates[1:]
    kept = Contact.objects.get(name="Mark W. Comley")
    typed = Contact(name="Pat Example", title="Paralegal")
    before = Deadline.history.count()
    with django_capture_on_commit_callbacks() as callbacks:
        services.save_request(
            request,
            states=list(State.objects.filter(code__in=["MO", "KS"])),
            parties=[
                (RequestParty.Role.REQUESTING, requesting[1]),
                (RequestParty.Role.REQUESTING, requesting[0]),
                (RequestParty.Role.INCUMBENT, incumbent),
            ],
            cc=[typed, kept],
            by=paralegal,
        )
    assert len(callbacks) == 1  # one sweep asked for
    assert list(request.parties.values_list("affiliate", "role", "order")) == [
        (incumbent.pk, "incumbent", 1),
        (requesting[1].pk, "requesting", 1),
        (requesting[0].pk, "requesting", 2),
    ]
    assert typed.pk is not None
    assert [line.contact for line in request.cc_lines.all()] == [typed, kept]
    # The affiliates no longer named are off the letter, and still on file.
    assert Affiliate.objects.filter(pk__in=[a.pk for a in dropped]).count() == len(dropped) == 2
    # Kansas gets its three deadlines once; Missouri's are unchanged.
    assert sorted(Deadline.objects.filter(request=request).values_list("state_id", flat=True)) == [
        "KS",
        "KS",
        "KS",
        "MO",
        "MO",
        "MO",
    ]
    assert Deadline.history.count() == before + 3


@time_machine.travel(date(2004, 10, 1))
def test_a_closure_day_saved_through_the_service_recomputes_its_state(seed, paralegal):
    from deadlines.services import delete_closure_day, save_closure_day

    request = seed["request"]
    services.record_receipt(request, date(2004, 9, 9), confirmed=True, by=paralegal, reason="proof")
    closure = ClosureDay(state_id="MO", day=date(2005, 2, 16), name="Office closed (snow)")
    assert save_closure_day(closure, by=paralegal) == 1
    closes = Deadline.objects.get(request=request, kind="window_closes")
    assert closes.act_on == date(2005, 2, 15)
    assert (
        closes.history.order_by("-history_id")
        .first()
        .history_change_reason.startswith("closure day MO 2005-02-16 closed")
    )
    assert delete_closure_day(closure, by=paralegal) == 1
    assert Deadline.objects.get(request=request, kind="window_closes").act_on == date(2005, 2, 16)


@time_machine.travel(date(2004, 10, 1))
def test_a_closure_day_added_in_the_admin_says_how_many_matters_it_recomputed(seed, admin_client):
    from django.contrib.messages import get_messages
    from django.urls import reverse

    request = seed["request"]
    services.record_receipt(request, date(2004, 9, 9), confirmed=True, by=None, reason="proof")
    response = admin_client.post(
        reverse("admin:deadlines_closureday_add"),
        {"state": "MO", "day": "2005-02-16", "name": "Office closed (snow)"},
    )
    assert response.status_code == 302
    assert "Recomputed the business days of 1 matter(s) in MO." in [
        str(m) for m in get_messages(response.wsgi_request)
    ]
    closes = Deadline.objects.get(request=request, kind="window_closes")
    assert closes.act_on == date(2005, 2, 15)
    assert (
        ClosureDay.objects.get(state_id="MO", day=date(2005, 2, 16)).history.first().history_user.is_superuser
    )


@time_machine.travel(date(2004, 10, 1))
def test_a_watcher_added_in_the_admin_is_reminded(seed, admin_client, paralegal):
    from django.urls import reverse

    request = seed["request"]
    services.record_receipt(request, date(2004, 9, 9), confirmed=True, by=None, reason="proof")
    closes = Deadline.objects.get(request=request, kind="window_closes")
    existing = closes.reminders.count()
    response = admin_client.post(
        reverse("admin:deadlines_deadline_change", args=[closes.pk]),
        {
            "responsible_counsel": "",
            "responsible_paralegal": "",
            "watchers": [paralegal.pk],
            "reminders-TOTAL_FORMS": str(existing),
            "reminders-INITIAL_FORMS": str(existing),
            "reminders-MIN_NUM_FORMS": "0",
            "reminders-MAX_NUM_FORMS": "1000",
            **{f"reminders-{i}-id": str(r.pk) for i, r in enumerate(closes.reminders.all())},
            **{f"reminders-{i}-deadline": str(closes.pk) for i in range(existing)},
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(closes.watchers.all()) == [paralegal]
    assert sorted(closes.reminders.filter(recipient=paralegal).values_list("lead_days", flat=True)) == [
        0,
        1,
        3,
        7,
        14,
        30,
    ]
    latest = closes.history.order_by("-history_id").first()
    assert latest.history_change_reason == "responsible people changed in the admin"
