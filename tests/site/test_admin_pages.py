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
    from deadlines.services import issue_feed
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
    issue_feed(admin_user, by=admin_user)
    return seed


NO_ADD = {
    "accounts.LoginFailure",
    "deadlines.CalendarFeed",
    "deadlines.Deadline",
    "deadlines.Reminder",
    "deadlines.Notification",
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


def _posted_back(page) -> dict:
    """What an admin change page posts back unchanged: its form's values and its inlines' rows."""
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if _posts_back(form[name].value())}
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({f"{management.prefix}-{name}": management[name].value() for name in management.fields})
        for index, row in enumerate(formset.forms):
            for name in row.fields:
                if name != "DELETE" and _posts_back(row[name].value()):
                    data[f"{formset.prefix}-{index}-{name}"] = row[name].value()
    return data


def _posts_back(value) -> bool:
    return value is not None and not hasattr(value, "storage")  # a stored file is not sent again


def test_a_request_saved_in_the_admin_recomputes_its_deadlines_once_and_keeps_who_and_why(
    admin_client, admin_user, seed, monkeypatch
):
    from datetime import date

    import deadlines.services
    from agreements.models import RequestParty
    from deadlines.models import TriggerChange

    calls = []
    sync = deadlines.services.sync_deadlines
    monkeypatch.setattr(
        deadlines.services,
        "sync_deadlines",
        lambda *args, **kwargs: calls.append(args) or sync(*args, **kwargs),
    )
    request = seed["request"]
    url = reverse("admin:agreements_negotiationrequest_change", args=[request.pk])
    page = admin_client.get(url)
    data = _posted_back(page)
    parties = page.context["inline_admin_formsets"][0].formset
    dropped = next(
        i for i, f in enumerate(parties.forms) if f.instance.affiliate.legal_name == "KMC Data LLC"
    )
    data[f"{parties.prefix}-{dropped}-DELETE"] = "on"
    data.update({"received_on": "2004-09-09", "reason": "CenturyTel acknowledged receipt"})

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert len(calls) == 1
    request.refresh_from_db()
    assert request.received_on == date(2004, 9, 9)
    assert [p.affiliate.legal_name for p in request.parties.filter(role=RequestParty.Role.REQUESTING)] == [
        "KMC Telecom III LLC",
        "KMC Telecom V, Inc.",
    ]
    latest = request.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        admin_user,
        "CenturyTel acknowledged receipt",
    )
    change = TriggerChange.objects.get(request=request, field="received_on")
    assert (change.changed_by, change.reason) == (admin_user, "CenturyTel acknowledged receipt")


def test_the_amendment_admin_saves_through_the_amendment_service(admin_client, seed, monkeypatch):
    from django.forms import BaseInlineFormSet

    from amendments import services
    from amendments.admin import RateChangeFormSet
    from amendments.models import Amendment, RateElementChange

    # Without the page's own check of deleted USOCs, the service is what refuses.
    monkeypatch.setattr(RateChangeFormSet, "clean", BaseInlineFormSet.clean)
    calls = []
    save = services.save_amendment
    monkeypatch.setattr(
        services, "save_amendment", lambda *args, **kwargs: calls.append(kwargs) or save(*args, **kwargs)
    )
    data = {
        "agreements": [seed["agreement"].pk],
        "title": "Amendment",
        "effective_on": "2005-01-03",
        "status": "draft",
        **{f"{p}-{n}": "0" for p in _AMENDMENT_INLINES for n in ("TOTAL_FORMS", "INITIAL_FORMS")},
        "rate_changes-TOTAL_FORMS": "1",
        "rate_changes-0-action": "delete",
        "rate_changes-0-usoc": "ZZZZ9",
        "rate_changes-0-order": "1",
        "recitals-TOTAL_FORMS": "1",
        "recitals-0-text": "the Parties wish to amend the Agreement",
        "recitals-0-order": "1",
    }
    before = (Amendment.objects.count(), RateElementChange.objects.count())

    response = admin_client.post(reverse("admin:amendments_amendment_add"), data)

    assert response.status_code == 200
    assert len(calls) == 1
    assert [r.text for r in calls[0]["parts"].recitals] == ["the Parties wish to amend the Agreement"]
    assert "has no rate element with USOC ZZZZ9 to delete" in response.content.decode()
    assert (Amendment.objects.count(), RateElementChange.objects.count()) == before


_AMENDMENT_INLINES = [
    "recitals",
    "provisions",
    "rate_changes",
    "section_changes",
    "signatures",
    "schedule",
    "filings",
]


def test_a_carrier_saved_in_the_admin_goes_through_the_carrier_services(
    admin_client, admin_user, reference_data, monkeypatch
):
    from carriers import services
    from carriers.models import Affiliate

    calls = []
    for name in ("save_carrier", "save_affiliate"):
        original = getattr(services, name)
        monkeypatch.setattr(
            services,
            name,
            lambda *args, _name=name, _original=original, **kwargs: (
                calls.append((_name, kwargs["by"])) or _original(*args, **kwargs)
            ),
        )
    response = admin_client.post(
        reverse("admin:carriers_carrier_add"),
        {
            "name": "NuVox Communications, Inc.",
            "short_name": "NuVox",
            "affiliates-TOTAL_FORMS": "1",
            "affiliates-INITIAL_FORMS": "0",
            "affiliates-0-legal_name": "NuVox Communications of Missouri, Inc.",
            "affiliates-0-kind": "competitive",
            "affiliates-0-states": ["MO", "KS"],
            "affiliates-0-active": "on",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert calls == [("save_carrier", admin_user), ("save_affiliate", admin_user)]
    affiliate = Affiliate.objects.get(legal_name="NuVox Communications of Missouri, Inc.")
    assert affiliate.carrier.short_name == "NuVox"
    assert sorted(state.code for state in affiliate.states.all()) == ["KS", "MO"]
    assert affiliate.history.first().history_user == admin_user


THROUGH_SERVICES = [
    model
    for model in MODELS
    if model._meta.app_label
    in ("accounts", "agreements", "amendments", "carriers", "documents", "jurisdictions")
]


@pytest.mark.parametrize("model", THROUGH_SERVICES, ids=lambda m: m._meta.label)
def test_every_record_page_saves_back_unchanged_through_its_service(admin_client, seed_with_filing, model):
    info = (model._meta.app_label, model._meta.model_name)
    url = reverse("admin:{}_{}_change".format(*info), args=[model._default_manager.first().pk])
    page = admin_client.get(url)
    if not page.context["has_change_permission"]:
        return  # a record the app makes (a generated document, a failed login): read only here
    response = admin_client.post(url, _posted_back(page))
    assert response.status_code == 302, response.content.decode()[:3000]
