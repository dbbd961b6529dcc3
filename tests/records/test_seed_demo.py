"""seed_demo loads every fact of both seed documents, exactly, and can be run again."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import override_settings

from agreements.models import Agreement, NegotiationRequest, RateElement
from amendments.as_amended import rate_elements_as_of, sections_as_of
from amendments.models import Amendment
from carriers.models import Affiliate, Contact, Counsel, LawFirm

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))


def test_the_request_letter(seeded):
    request = NegotiationRequest.objects.get()
    assert request.letter_date == date(2004, 9, 9)
    assert request.delivery_method == "overnight"
    assert request.delivery_line == "VIA OVERNIGHT MAIL"
    assert request.collective_name == "KMC Telecom"
    assert [a.legal_name for a in request.requesting_affiliates] == [
        "KMC Telecom III LLC",
        "KMC Telecom V, Inc.",
        "KMC Data LLC",
    ]
    assert [a.legal_name for a in request.incumbent_affiliates] == [
        "CenturyTel of Missouri LLC",
        "Spectra Communications",
    ]
    assert [a.short_name for a in request.incumbent_affiliates] == ["CenturyTel", "Spectra"]
    assert [s.code for s in request.states.all()] == ["MO"]
    assert (request.addressee_name, request.attention, request.address, request.salutation) == (
        "CenturyTel, Inc.",
        "Carrier Relations",
        "100 Century Park Drive\nMonroe, LA 71203",
        "Dear Sirs:",
    )
    assert [cc.contact.cc_line for cc in request.cc_lines.all()] == [
        "David D. Cole, Senior Vice President, CenturyTel, Inc.",
        "Marva B. Johnson, Vice President, KMC Telecom",
        "Mark W. Comley, Esq.",
    ]
    # The letter does not say when CenturyTel received it: receipt stays open until proven.
    assert request.received_on is None
    assert not request.receipt_confirmed


def test_the_letterhead_and_counsel(seeded):
    firm = LawFirm.objects.get()
    assert (firm.name, firm.legal_form) == ("Kelley Drye & Warren LLP", "A Limited Liability Partnership")
    assert (firm.street, firm.suite, firm.city_line) == (
        "1200 19th Street, N.W.",
        "Suite 500",
        "Washington, D.C. 20036",
    )
    assert (firm.phone, firm.website) == ("(202) 955-9600", "www.kelleydrye.com")
    assert [f"{o.city}, {o.region}" for o in firm.offices.filter(kind="office")] == [
        "New York, NY",
        "Tysons Corner, VA",
        "Chicago, IL",
        "Stamford, CT",
        "Parsippany, NJ",
        "Brussels, Belgium",
    ]
    assert [f"{o.city}, {o.region}" for o in firm.offices.filter(kind="affiliate")] == [
        "Bangkok, Thailand",
        "Jakarta, Indonesia",
        "Mumbai, India",
        "Tokyo, Japan",
    ]
    counsel = Counsel.objects.get()
    assert (counsel.name, counsel.direct_line, counsel.email, counsel.bar_admissions) == (
        "Andrew M. Klein",
        "(202) 887-1257",
        "AKlein@KelleyDrye.com",
        "New York, New Jersey and the District of Columbia",
    )
    assert counsel.user.username == "counsel"
    assert NegotiationRequest.objects.get().counsel == counsel


def test_former_names_are_kept(seeded):
    llc = Affiliate.objects.get(legal_name="KMC Telecom III LLC")
    assert [f.name for f in llc.former_names.all()] == ["KMC Telecom III, Inc."]
    assert llc.name_on(date(2004, 8, 25)) == "KMC Telecom III, Inc."
    assert llc.name_on(date(2004, 9, 9)) == "KMC Telecom III LLC"
    assert Affiliate.objects.filter(former_names__name__icontains="Telecom III, Inc").get() == llc


def test_the_agreement_and_its_lnp_rate_elements(seeded):
    agreement = Agreement.objects.get()
    assert agreement.competitive_party.legal_name == "KMC Telecom Holdings, Inc."
    assert agreement.incumbent_party.legal_name == "BellSouth Telecommunications, Inc."
    assert agreement.dated == date(2000, 10, 6)
    assert sorted(RateElement.objects.values_list("usoc", flat=True)) == ["LNPCC", "LNPCN", "LNPCP", "LNPCX"]
    assert {(e.location, e.category) for e in RateElement.objects.all()} == {
        ("Exhibit A of Attachment 2", "Local Number Portability charges")
    }


def test_the_amendment(seeded):
    amendment = Amendment.objects.get()
    assert amendment.effective_on == date(2004, 9, 14)
    assert list(amendment.agreements.all()) == [Agreement.objects.get()]
    assert [r.text[:40] for r in amendment.recitals.all()] == [
        "BellSouth and KMC Telecom entered into t",
        "BellSouth and KMC Telecom are amending t",
    ]
    assert "CC Docket No. 95-116, released April 13, 2004;" in amendment.recitals.last().text
    assert [p.number for p in amendment.provisions.all()] == [1, 2, 3, 4]
    assert [(c.action, c.usoc) for c in amendment.rate_changes.all()] == [
        ("delete", "LNPCX"),
        ("delete", "LNPCP"),
        ("delete", "LNPCN"),
        ("delete", "LNPCC"),
    ]
    assert [(c.action, c.attachment, c.number) for c in amendment.section_changes.all()] == [
        ("add", "2", "7.3"),
        ("add", "2", "10.8"),
    ]
    assert amendment.section_changes.first().text.endswith("Section 13 of the BellSouth FCC No. 1 Tariff;")
    assert [
        (s.party.legal_name, s.signer_name, s.signer_title, s.signed_on, s.annotation)
        for s in amendment.signatures.all()
    ] == [
        ("BellSouth Telecommunications, Inc.", "KRISTEN E. LOWE", "DIRECTOR", date(2004, 8, 26), ""),
        (
            "KMC Telecom Holdings, Inc.",
            "Maura Brown Johnson",
            "Vice President & Senior Counsel",
            date(2004, 8, 25),
            "RCP 8/25/04",
        ),
    ]


def test_attachment_a_groups_exactly_as_the_seed(seeded):
    amendment = Amendment.objects.get()
    signed = min(s.signed_on for s in amendment.signatures.all())
    lines = [
        ", ".join(a.name_on(signed) for a in affiliates) + " (" + ", ".join(s.code for s in states) + ")"
        for affiliates, states in amendment.schedule_groups()
    ]
    assert lines == [
        "KMC Telecom, Inc., KMC Telecom III, Inc., KMC Telecom V, Inc. (AL, LA)",
        "KMC Telecom, Inc., KMC Telecom II, Inc., KMC Telecom III, Inc., KMC Telecom V, Inc. (FL)",
        "KMC Telecom, Inc., KMC Telecom V, Inc. (GA)",
        "KMC Telecom IV, Inc., KMC Telecom V, Inc. (KY)",
        "KMC Telecom III, Inc., KMC Telecom V, Inc. (MS, SC, TN)",
        "KMC Telecom II, Inc., KMC Telecom III, Inc., KMC Telecom V, Inc. (NC)",
    ]
    assert [s.code for s in amendment.covered_states()] == [
        "AL",
        "FL",
        "GA",
        "KY",
        "LA",
        "MS",
        "NC",
        "SC",
        "TN",
    ]
    assert amendment.schedule_title == "SCHEDULE OF KMC HOLDINGS, INC (KMC TELECOM) OPERATING AFFILIATES"


def test_the_agreement_as_amended_changes_on_14_september_2004(seeded):
    agreement = Agreement.objects.get()
    before, on = date(2004, 9, 13), date(2004, 9, 14)
    assert [e.usoc for e in rate_elements_as_of(agreement, before)] == ["LNPCC", "LNPCN", "LNPCP", "LNPCX"]
    assert rate_elements_as_of(agreement, on) == []
    assert [s.number for s in sections_as_of(agreement, before)] == ["7", "10"]
    assert [s.number for s in sections_as_of(agreement, on)] == ["7", "7.3", "10", "10.8"]


def test_demo_users_and_roles(seeded):
    assert User.objects.get(username="admin").is_superuser
    paralegal = User.objects.get(username="paralegal")
    assert [g.name for g in paralegal.groups.all()] == ["Paralegal"]
    assert paralegal.check_password("paralegal-demo-pass-2004")
    assert paralegal.has_perm("agreements.change_negotiationrequest")
    assert not paralegal.has_perm("agreements.delete_negotiationrequest")
    counsel = User.objects.get(username="counsel")
    assert counsel.has_perm("agreements.confirm_dates")
    assert not paralegal.has_perm("agreements.confirm_dates")


def test_seed_demo_is_idempotent(seeded):
    from django.apps import apps

    def counts():
        return {
            m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label != "sessions"
        }

    first = counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert counts() == first
    assert Contact.objects.count() == 3


def test_seed_demo_prints_the_logins(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "paralegal  paralegal-demo-pass-2004" in out
    assert "counsel    counsel-demo-pass-2004" in out


@override_settings(DEBUG=False)
def test_seed_demo_refuses_demo_users_without_debug():
    with pytest.raises(CommandError, match="Refusing to create demo users"):
        call_command("seed_demo")
    assert User.objects.count() == 0
    call_command("seed_demo", "--no-users", stdout=open("/dev/null", "w"))
    assert Amendment.objects.count() == 1
    assert User.objects.count() == 0
