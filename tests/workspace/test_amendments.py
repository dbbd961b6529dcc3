"""A paralegal drafts the seed amendment, records signatures, files it in every state, records decisions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.models import StateFiling
from amendments.models import Amendment
from deadlines.models import Deadline
from demo.seed import (
    KMC_AFFILIATES,
    LNP_SECTION_TEXT,
    PROVISIONS,
    RECITALS,
    load_agreement,
    load_carriers,
)
from documents.models import StandardClause
from tests import factories

pytestmark = pytest.mark.django_db

ATTACHMENT_A_STATES = ["AL", "FL", "GA", "KY", "LA", "MS", "NC", "SC", "TN"]


def _management(prefix: str, total: int, initial: int = 0) -> dict:
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}


def seed_amendment_data(agreement_pk: int, usocs=("lnpcx", "LNPCP", "LNPCN", "LNPCC")) -> dict:
    """The seed amendment (shared/seeds/001) as a paralegal types it: only the USOCs of the deletions."""
    data = {
        "agreements": [str(agreement_pk)],
        "title": "Amendment",
        "number": "",
        "dated": "",
        "effective_on": "2004-09-14",
        "schedule_title": "SCHEDULE OF KMC HOLDINGS, INC (KMC TELECOM) OPERATING AFFILIATES",
        **_management("recitals", 2),
        "recitals-0-text": RECITALS[0],
        "recitals-1-text": RECITALS[1],
        **_management("rate_changes", len(usocs)),
        **_management("section_changes", 2),
        "section_changes-0-action": "add",
        "section_changes-0-attachment": "2",
        "section_changes-0-number": "7.3",
        "section_changes-0-text": LNP_SECTION_TEXT,
        "section_changes-1-action": "add",
        "section_changes-1-attachment": "2",
        "section_changes-1-number": "10.8",
        "section_changes-1-text": LNP_SECTION_TEXT,
        **_management("signatures", 2),
        "signatures-0-party": "BellSouth Telecommunications, Inc.",
        "signatures-0-signer_name": "KRISTEN E. LOWE",
        "signatures-0-signer_title": "DIRECTOR",
        "signatures-1-party": "KMC Telecom Holdings, Inc.",
        "signatures-1-signer_name": "Maura Brown Johnson",
        "signatures-1-signer_title": "Vice President & Senior Counsel",
        **_management("schedule", len(KMC_AFFILIATES)),
        "provisions-clauses": [
            str(pk) for pk in StandardClause.objects.filter(active=True).values_list("pk", flat=True)
        ],
        "provisions-redraft": "on",
    }
    for i, usoc in enumerate(usocs):
        data[f"rate_changes-{i}-action"] = "delete"
        data[f"rate_changes-{i}-usoc"] = usoc
    for i, (legal_name, states) in enumerate(KMC_AFFILIATES):
        # Attachment A names the affiliate as it was then called: “KMC Telecom III, Inc.” is a former name.
        data[f"schedule-{i}-affiliate"] = (
            "KMC Telecom III, Inc." if legal_name == "KMC Telecom III LLC" else legal_name
        )
        data[f"schedule-{i}-states"] = ", ".join(states)
    return data


@pytest.fixture
def agreement(db):
    return load_agreement(load_carriers())


def test_the_seed_amendment_drafted_in_the_workspace(client, agreement):
    client.force_login(factories.UserFactory(role="paralegal"))
    form = client.get(reverse("amendments:amendment-new"), {"agreement": agreement.pk})
    assert form.status_code == 200
    assert '<option value="LNPCX">' in form.content.decode()  # the deletable USOCs are offered

    response = client.post(reverse("amendments:amendment-new"), seed_amendment_data(agreement.pk))
    assert response.status_code == 302, response.content.decode()[:4000]
    amendment = Amendment.objects.get()
    assert response["Location"] == amendment.get_absolute_url()
    assert list(amendment.agreements.all()) == [agreement]
    assert amendment.effective_on == date(2004, 9, 14)
    assert [r.text for r in amendment.recitals.all()] == RECITALS
    changes = list(amendment.rate_changes.all())
    assert [(c.action, c.usoc) for c in changes] == [
        ("delete", "LNPCX"),
        ("delete", "LNPCP"),
        ("delete", "LNPCN"),
        ("delete", "LNPCC"),
    ]
    # Typed USOC only; the place and heading came from the agreement's rate element.
    assert {(c.attachment, c.exhibit, c.category) for c in changes} == {
        ("2", "A", "Local Number Portability charges")
    }
    assert [(s.attachment, s.number) for s in amendment.section_changes.all()] == [
        ("2", "7.3"),
        ("2", "10.8"),
    ]
    assert [p.text for p in amendment.provisions.all()] == PROVISIONS
    assert [s.party.legal_name for s in amendment.signatures.all()] == [
        "BellSouth Telecommunications, Inc.",
        "KMC Telecom Holdings, Inc.",
    ]
    assert [s.code for s in amendment.covered_states()] == ATTACHMENT_A_STATES
    affiliates, states = amendment.schedule_groups()[0]
    assert [a.legal_name for a in affiliates] == [
        "KMC Telecom, Inc.",
        "KMC Telecom III LLC",
        "KMC Telecom V, Inc.",
    ]
    assert [s.code for s in states] == ["AL", "LA"]
    assert amendment.status == "draft"

    page = client.get(amendment.get_absolute_url()).content.decode()
    assert reverse("documents:amendment", args=[amendment.pk]) in page
    assert "(AL, LA)" in page and "(MS, SC, TN)" in page


def test_deleting_a_usoc_the_agreement_lacks_is_refused_at_the_field_and_nothing_is_saved(client, agreement):
    client.force_login(factories.UserFactory(role="paralegal"))
    data = seed_amendment_data(agreement.pk, usocs=("LNPCX", "ZZZZ9"))
    response = client.post(reverse("amendments:amendment-new"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "has no rate element with USOC ZZZZ9 to delete" in body
    assert "Nothing was saved." in body
    assert 'value="ZZZZ9"' in body and "KRISTEN E. LOWE" in body  # what was typed is kept
    assert Amendment.objects.count() == 0


def test_an_amendment_effective_before_its_agreement_is_refused(client, agreement):
    client.force_login(factories.UserFactory(role="paralegal"))
    data = seed_amendment_data(agreement.pk, usocs=())
    data["effective_on"] = "2000-10-05"
    body = client.post(reverse("amendments:amendment-new"), data).content.decode()
    assert "cannot take effect on Thu 5 Oct 2000, before the agreement it amends" in body
    assert Amendment.objects.count() == 0


def test_an_unknown_state_in_attachment_a_is_refused(client, agreement):
    client.force_login(factories.UserFactory(role="paralegal"))
    data = seed_amendment_data(agreement.pk)
    data["schedule-0-states"] = "AL, XX"
    response = client.post(reverse("amendments:amendment-new"), data)
    assert response.status_code == 200
    assert 'value="AL, XX"' in response.content.decode()
    assert Amendment.objects.count() == 0


def test_editing_the_seed_amendment_keeps_its_parts(client, seed):
    client.force_login(factories.UserFactory(role="paralegal"))
    amendment = seed["amendment"]
    page = client.get(reverse("amendments:amendment-edit", args=[amendment.pk]))
    assert page.status_code == 200
    entry = page.context["entry"]
    # The provisions quote both standard clauses, so both are ticked.
    assert sorted(entry.clauses.initial["clauses"]) == sorted(
        StandardClause.objects.values_list("pk", flat=True)
    )
    data = _bound_data(entry)
    data["number"] = "Amendment No. 1"
    response = client.post(reverse("amendments:amendment-edit", args=[amendment.pk]), data)
    assert response.status_code == 302, response.content.decode()[:4000]
    amendment.refresh_from_db()
    assert amendment.number == "Amendment No. 1"
    assert amendment.rate_changes.count() == 4
    assert amendment.schedule.count() == 5
    assert [p.text for p in amendment.provisions.all()] == PROVISIONS


def _bound_data(entry) -> dict:
    """What the browser would send back for the page as shown."""
    data: dict = {}
    form = entry.form
    for name, field in form.fields.items():
        value = form[name].value()
        if name == "agreements":
            data[name] = [str(v) for v in value]
        elif value is not None:
            data[name] = field.widget.format_value(value) if hasattr(field.widget, "format_value") else value
    for formset in entry.formsets:
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
        for index, row in enumerate(formset.forms):
            for name, field in row.fields.items():
                value = row[name].value()
                if value is None or name == "DELETE":
                    continue
                key = f"{formset.prefix}-{index}-{name}"
                data[key] = field.prepare_value(value) if hasattr(field, "prepare_value") else value
                if hasattr(value, "isoformat"):
                    data[key] = value.isoformat()
    data["provisions-clauses"] = [str(pk) for pk in entry.clauses.initial["clauses"]]
    data["provisions-redraft"] = "on"
    return {k: v for k, v in data.items() if v is not None}


def test_file_in_every_state_of_attachment_a_in_one_step(client, seed):
    client.force_login(factories.UserFactory(role="paralegal"))
    amendment = seed["amendment"]
    response = client.post(reverse("amendments:file", args=[amendment.pk]), {"submitted_on": "2004-09-20"})
    assert response.status_code == 302
    filings = StateFiling.objects.filter(amendment=amendment).order_by("state_id")
    assert [f.state_id for f in filings] == ATTACHMENT_A_STATES
    assert {f.submitted_on for f in filings} == {date(2004, 9, 20)}
    deemed = Deadline.objects.filter(filing__amendment=amendment, kind="deemed_approval")
    assert deemed.count() == 9
    assert {d.due_on for d in deemed} == {date(2004, 12, 19)}  # 90 days after submission
    amendment.refresh_from_db()
    assert amendment.status == "filed"

    again = client.post(
        reverse("amendments:file", args=[amendment.pk]), {"submitted_on": "2004-09-20"}, follow=True
    )
    assert "already filed in every state" in again.content.decode()
    assert StateFiling.objects.filter(amendment=amendment).count() == 9


def test_filing_needs_a_date_that_is_not_in_the_future(client, seed):
    client.force_login(factories.UserFactory(role="paralegal"))
    amendment = seed["amendment"]
    missing = client.post(reverse("amendments:file", args=[amendment.pk]), {"submitted_on": ""})
    assert missing.status_code == 200
    assert "Enter the day the amendment was submitted." in missing.content.decode()
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(reverse("amendments:file", args=[amendment.pk]), {"submitted_on": future})
    assert response.status_code == 200
    assert "The submission date is in the future" in response.content.decode()
    assert not StateFiling.objects.exists()


def test_record_a_docket_number_and_a_decision_per_state(client, seed):
    client.force_login(factories.UserFactory(role="paralegal"))
    amendment = seed["amendment"]
    client.post(reverse("amendments:file", args=[amendment.pk]), {"submitted_on": "2004-09-20"})
    filing = StateFiling.objects.get(amendment=amendment, state_id="FL")
    url = reverse("agreements:filing-edit", args=[filing.pk])
    assert client.get(url).status_code == 200

    incomplete = client.post(
        url, {"submitted_on": "2004-09-20", "docket_number": "040987-TP", "decision": "approved"}
    )
    assert incomplete.status_code == 200
    assert "Enter the date of the decision." in incomplete.content.decode()
    assert 'value="040987-TP"' in incomplete.content.decode()
    filing.refresh_from_db()
    assert filing.docket_number == ""

    done = client.post(
        url,
        {
            "submitted_on": "2004-09-20",
            "docket_number": "040987-TP",
            "decision": "approved",
            "decided_on": "2004-11-30",
            "order_reference": "Order No. PSC-04-1180",
        },
    )
    assert done.status_code == 302
    filing.refresh_from_db()
    assert (filing.docket_number, filing.decision, filing.decided_on) == (
        "040987-TP",
        "approved",
        date(2004, 11, 30),
    )
    assert Deadline.objects.get(filing=filing).status == "met"
    page = client.get(filing.get_absolute_url()).content.decode()
    assert "040987-TP" in page and "Order No. PSC-04-1180" in page
    assert "040987-TP" in client.get(amendment.get_absolute_url()).content.decode()


def test_moving_a_submission_date_needs_a_reason(client, seed):
    client.force_login(factories.UserFactory(role="paralegal"))
    amendment = seed["amendment"]
    client.post(reverse("amendments:file", args=[amendment.pk]), {"submitted_on": "2004-09-20"})
    filing = StateFiling.objects.get(amendment=amendment, state_id="GA")
    url = reverse("agreements:filing-edit", args=[filing.pk])
    refused = client.post(url, {"submitted_on": "2004-09-21", "decision": "pending"})
    assert "Say why this date changes" in refused.content.decode()
    saved = client.post(url, {"submitted_on": "2004-09-21", "decision": "pending", "reason": "PSC stamp"})
    assert saved.status_code == 302
    assert filing.trigger_changes.get().reason == "PSC stamp"


def test_record_each_signature_a_future_date_is_refused(client, seed):
    client.force_login(factories.UserFactory(role="paralegal"))
    amendment = seed["amendment"]
    signature = amendment.signatures.get(party__legal_name="BellSouth Telecommunications, Inc.")
    url = reverse("amendments:signature", args=[amendment.pk, signature.pk])
    assert client.get(url).status_code == 200
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    refused = client.post(url, {"signed_on": future})
    assert refused.status_code == 200
    assert "A signature cannot be dated in the future" in refused.content.decode()
    signature.refresh_from_db()
    assert signature.signed_on == date(2004, 8, 26)

    saved = client.post(url, {"signed_on": "2004-08-27", "annotation": ""})
    assert saved.status_code == 302
    signature.refresh_from_db()
    assert signature.signed_on == date(2004, 8, 27)


def test_signatures_make_a_draft_signed(client, agreement):
    user = factories.UserFactory(role="paralegal")
    client.force_login(user)
    client.post(reverse("amendments:amendment-new"), seed_amendment_data(agreement.pk))
    amendment = Amendment.objects.get()
    for signature, day in zip(amendment.signatures.all(), ("2004-08-26", "2004-08-25"), strict=True):
        client.post(reverse("amendments:signature", args=[amendment.pk, signature.pk]), {"signed_on": day})
        amendment.refresh_from_db()
    assert amendment.status == "signed"
    assert amendment.signatures.first().history.first().history_user == user


def test_a_viewer_cannot_draft_sign_or_file(client, seed):
    client.force_login(factories.UserFactory(role="viewer"))
    amendment = seed["amendment"]
    signature = amendment.signatures.first()
    assert client.get(amendment.get_absolute_url()).status_code == 200
    assert client.get(reverse("amendments:amendment-list")).status_code == 200
    assert client.get(reverse("amendments:amendment-new")).status_code == 403
    assert client.get(reverse("amendments:amendment-edit", args=[amendment.pk])).status_code == 403
    assert client.post(reverse("amendments:amendment-new"), {}).status_code == 403
    assert (
        client.post(
            reverse("amendments:file", args=[amendment.pk]), {"submitted_on": "2004-09-20"}
        ).status_code
        == 403
    )
    assert client.get(reverse("amendments:signature", args=[amendment.pk, signature.pk])).status_code == 403
    assert (
        client.post(reverse("amendments:signature", args=[amendment.pk, signature.pk]), {}).status_code == 403
    )
    assert not StateFiling.objects.exists()
