"""The facts of the two seed documents, loaded idempotently (``manage.py seed_demo``).

- ``shared/seeds/000``: KMC Telecom's request of 9 September 2004 to CenturyTel, by overnight mail.
- ``shared/seeds/001``: the amendment to the KMC / BellSouth agreement dated 6 October 2000,
  effective 14 September 2004.

Every value below is as the documents print it; nothing is invented to fill a gap (the rate
amounts and section titles the amendment does not show stay empty).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from agreements.models import (
    Agreement,
    Attachment,
    CarbonCopy,
    DeliveryMethod,
    NegotiationRequest,
    RateElement,
    RequestParty,
    Section,
)
from amendments.models import (
    Amendment,
    Provision,
    RateElementChange,
    Recital,
    ScheduledAffiliate,
    SectionChange,
    Signature,
)
from carriers.models import Affiliate, Carrier, Contact, Counsel, FirmOffice, FormerName, LawFirm
from jurisdictions.models import State

COMPETITIVE = Affiliate.Kind.COMPETITIVE
INCUMBENT = Affiliate.Kind.INCUMBENT

KMC_AFFILIATES = [
    # legal name, states of Attachment A where it operates
    ("KMC Telecom, Inc.", ["AL", "LA", "FL", "GA"]),
    ("KMC Telecom II, Inc.", ["FL", "NC"]),
    ("KMC Telecom III LLC", ["AL", "LA", "FL", "MS", "SC", "TN", "NC"]),
    ("KMC Telecom IV, Inc.", ["KY"]),
    ("KMC Telecom V, Inc.", ["AL", "LA", "FL", "GA", "KY", "MS", "SC", "TN", "NC"]),
]
BELLSOUTH_STATES = ["AL", "FL", "GA", "KY", "LA", "MS", "NC", "SC", "TN"]
LNP_USOCS = ["LNPCX", "LNPCP", "LNPCN", "LNPCC"]
LNP_CATEGORY = "Local Number Portability charges"
LNP_SECTION_TEXT = (
    "In addition to other charges specified in this Agreement for Local Number Portability KMC Telecom "
    "shall pay to BellSouth the Local Number Portability charges as set forth in Section 13 of the "
    "BellSouth FCC No. 1 Tariff;"
)
RECITALS = [
    "BellSouth and KMC Telecom entered into the Agreement on October 6, 2000, and;",
    "BellSouth and KMC Telecom are amending the Agreement to modify Local Number Portability (LNP) recovery "
    "charge pursuant to the Order in the matter of the Telephone Number Portability BellSouth Corporation "
    "Petition for Declaratory Ruling and/or Waiver, CC Docket No. 95-116, released April 13, 2004;",
]
PROVISIONS = [
    "The Parties agree to delete in their entirety all rate elements and USOCs identified as \u201cLocal Number "
    "Portability charges\u201d in Exhibit A of Attachment 2, as specified by the following USOCs: LNPCX, "
    "LNPCP, LNPCN, and LNPCC.",
    "The Parties agree to add the following language to Section 7 as Section 7.3 of Attachment 2 and "
    "Section 10 as Section 10.8 of Attachment 2:\n" + LNP_SECTION_TEXT,
    "All of the other provisions of the Agreement dated October 6, 2000 shall remain unchanged and in full "
    "force and effect.",
    "Either or both of the Parties are authorized to submit this Amendment to the respective state regulatory "
    "authorities for approval subject to Section 252(e) of the Federal Telecommunications Act of 1996.",
]


def _upsert(model, defaults: dict | None = None, **lookup):
    """update_or_create that writes only when something differs, so a re-run adds no history rows."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **(defaults or {})), True
    changed = [name for name, value in (defaults or {}).items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, (defaults or {})[name])
    if changed:
        obj.save()
    return obj, False


def _set_m2m(manager, objects) -> None:
    if {o.pk for o in manager.all()} != {o.pk for o in objects}:
        manager.set(objects)


def _states(codes: list[str]) -> list[State]:
    found = State.objects.in_bulk(codes)
    return [found[code] for code in codes]


def _affiliate(carrier: Carrier, legal_name: str, kind: str, short_name: str = "", states=()) -> Affiliate:
    affiliate, _ = _upsert(
        Affiliate,
        legal_name=legal_name,
        defaults={"carrier": carrier, "kind": kind, "short_name": short_name},
    )
    if states:
        wanted = _states(list(states))
        missing = [state for state in wanted if state not in set(affiliate.states.all())]
        if missing:
            affiliate.states.add(*missing)
    return affiliate


@transaction.atomic
def load_carriers() -> dict[str, Affiliate]:
    kmc, _ = _upsert(Carrier, name="KMC Telecom Holdings, Inc.", defaults={"short_name": "KMC Telecom"})
    centurytel, _ = _upsert(Carrier, name="CenturyTel, Inc.", defaults={"short_name": "CenturyTel"})
    bellsouth, _ = _upsert(Carrier, name="BellSouth Corporation", defaults={"short_name": "BellSouth"})
    found = {"holdings": _affiliate(kmc, "KMC Telecom Holdings, Inc.", COMPETITIVE, "KMC Telecom")}
    for legal_name, states in KMC_AFFILIATES:
        found[legal_name] = _affiliate(kmc, legal_name, COMPETITIVE, states=states)
    found["KMC Data LLC"] = _affiliate(kmc, "KMC Data LLC", COMPETITIVE)
    _upsert(
        FormerName,
        affiliate=found["KMC Telecom III LLC"],
        name="KMC Telecom III, Inc.",
        defaults={
            "used_until": date(2004, 8, 26),
            "reason": "Converted to a limited liability company: the amendment signed 25–26 August 2004 "
            "names KMC Telecom III, Inc.; the request of 9 September 2004 names KMC Telecom III LLC.",
        },
    )
    found["centurytel_mo"] = _affiliate(
        centurytel, "CenturyTel of Missouri LLC", INCUMBENT, "CenturyTel", ["MO"]
    )
    found["spectra"] = _affiliate(centurytel, "Spectra Communications", INCUMBENT, "Spectra", ["MO"])
    found["bellsouth"] = _affiliate(
        bellsouth, "BellSouth Telecommunications, Inc.", INCUMBENT, "BellSouth", BELLSOUTH_STATES
    )
    return found


@transaction.atomic
def load_counsel(user=None) -> Counsel:
    firm, _ = _upsert(
        LawFirm,
        name="Kelley Drye & Warren LLP",
        defaults={
            "legal_form": "A Limited Liability Partnership",
            "street": "1200 19th Street, N.W.",
            "suite": "Suite 500",
            "city": "Washington",
            "region": "D.C.",
            "postal_code": "20036",
            "phone": "(202) 955-9600",
            "website": "www.kelleydrye.com",
        },
    )
    offices = [
        ("New York", "NY"),
        ("Tysons Corner", "VA"),
        ("Chicago", "IL"),
        ("Stamford", "CT"),
        ("Parsippany", "NJ"),
        ("Brussels", "Belgium"),
    ]
    affiliate_offices = [
        ("Bangkok", "Thailand"),
        ("Jakarta", "Indonesia"),
        ("Mumbai", "India"),
        ("Tokyo", "Japan"),
    ]
    for kind, rows in ((FirmOffice.Kind.OFFICE, offices), (FirmOffice.Kind.AFFILIATE, affiliate_offices)):
        for order, (city, region) in enumerate(rows, start=1):
            _upsert(FirmOffice, firm=firm, kind=kind, city=city, defaults={"region": region, "order": order})
    counsel, _ = _upsert(
        Counsel,
        firm=firm,
        name="Andrew M. Klein",
        defaults={
            "direct_line": "(202) 887-1257",
            "email": "AKlein@KelleyDrye.com",
            "bar_admissions": "New York, New Jersey and the District of Columbia",
            **({"user": user} if user else {}),
        },
    )
    return counsel


@transaction.atomic
def load_request(affiliates: dict[str, Affiliate], counsel: Counsel, paralegal=None) -> NegotiationRequest:
    request, _ = _upsert(
        NegotiationRequest,
        collective_name="KMC Telecom",
        letter_date=date(2004, 9, 9),
        addressee_name="CenturyTel, Inc.",
        defaults={
            "delivery_method": DeliveryMethod.OVERNIGHT,
            "sent_on": date(2004, 9, 9),
            "addressee_short_name": "CenturyTel",
            "attention": "Carrier Relations",
            "address": "100 Century Park Drive\nMonroe, LA 71203",
            "salutation": "Dear Sirs:",
            "counsel": counsel,
            "paralegal": paralegal,
            "status": NegotiationRequest.Status.SENT,
        },
    )
    _set_m2m(request.states, _states(["MO"]))
    sides = [
        (RequestParty.Role.REQUESTING, ["KMC Telecom III LLC", "KMC Telecom V, Inc.", "KMC Data LLC"]),
        (RequestParty.Role.INCUMBENT, ["centurytel_mo", "spectra"]),
    ]
    for role, keys in sides:
        for order, key in enumerate(keys, start=1):
            _upsert(
                RequestParty,
                request=request,
                affiliate=affiliates[key],
                defaults={"role": role, "order": order},
            )
    copies = [
        ("David D. Cole", "", "Senior Vice President", "CenturyTel, Inc.", "CenturyTel, Inc."),
        ("Marva B. Johnson", "", "Vice President", "KMC Telecom", "KMC Telecom Holdings, Inc."),
        ("Mark W. Comley", "Esq.", "", "", None),
    ]
    for order, (name, suffix, title, organisation, carrier_name) in enumerate(copies, start=1):
        contact, _ = _upsert(
            Contact,
            name=name,
            defaults={
                "suffix": suffix,
                "title": title,
                "organisation": organisation,
                "carrier": Carrier.objects.get(name=carrier_name) if carrier_name else None,
            },
        )
        _upsert(CarbonCopy, request=request, contact=contact, defaults={"order": order})
    return request


@transaction.atomic
def load_agreement(affiliates: dict[str, Affiliate]) -> Agreement:
    agreement, _ = _upsert(
        Agreement,
        competitive_party=affiliates["holdings"],
        incumbent_party=affiliates["bellsouth"],
        dated=date(2000, 10, 6),
        defaults={"title": "Interconnection Agreement", "origin": Agreement.Origin.NEGOTIATED},
    )
    _set_m2m(agreement.states, _states(BELLSOUTH_STATES))
    attachment, _ = Attachment.objects.get_or_create(agreement=agreement, number="2")
    for number in ("7", "10"):
        Section.objects.get_or_create(attachment=attachment, number=number)
    for usoc in LNP_USOCS:
        _upsert(
            RateElement,
            agreement=agreement,
            usoc=usoc,
            state=None,
            defaults={"attachment": "2", "exhibit": "A", "category": LNP_CATEGORY},
        )
    return agreement


@transaction.atomic
def load_amendment(affiliates: dict[str, Affiliate], agreement: Agreement) -> Amendment:
    amendment = Amendment.objects.filter(agreements=agreement, effective_on=date(2004, 9, 14)).first()
    if amendment is None:
        amendment = Amendment.objects.create(effective_on=date(2004, 9, 14))
    amendment, _ = _upsert(
        Amendment,
        pk=amendment.pk,
        defaults={
            "title": "Amendment",
            "schedule_title": "SCHEDULE OF KMC HOLDINGS, INC (KMC TELECOM) OPERATING AFFILIATES",
            "status": Amendment.Status.SIGNED,
        },
    )
    _set_m2m(amendment.agreements, [agreement])
    for order, text in enumerate(RECITALS, start=1):
        _upsert(Recital, amendment=amendment, order=order, defaults={"text": text})
    for number, text in enumerate(PROVISIONS, start=1):
        _upsert(Provision, amendment=amendment, number=number, defaults={"text": text})
    for order, usoc in enumerate(LNP_USOCS, start=1):
        _upsert(
            RateElementChange,
            amendment=amendment,
            action=RateElementChange.Action.DELETE,
            usoc=usoc,
            defaults={"attachment": "2", "exhibit": "A", "category": LNP_CATEGORY, "order": order},
        )
    for order, number in enumerate(("7.3", "10.8"), start=1):
        _upsert(
            SectionChange,
            amendment=amendment,
            attachment="2",
            number=number,
            defaults={"action": SectionChange.Action.ADD, "text": LNP_SECTION_TEXT, "order": order},
        )
    signatures = [
        (affiliates["bellsouth"], "KRISTEN E. LOWE", "DIRECTOR", date(2004, 8, 26), ""),
        (
            affiliates["holdings"],
            "Maura Brown Johnson",
            "Vice President & Senior Counsel",
            date(2004, 8, 25),
            "RCP 8/25/04",
        ),
    ]
    for order, (party, name, title, signed_on, annotation) in enumerate(signatures, start=1):
        _upsert(
            Signature,
            amendment=amendment,
            party=party,
            defaults={
                "signer_name": name,
                "signer_title": title,
                "signed_on": signed_on,
                "annotation": annotation,
                "order": order,
            },
        )
    for order, (legal_name, states) in enumerate(KMC_AFFILIATES, start=1):
        entry, _ = _upsert(
            ScheduledAffiliate,
            amendment=amendment,
            affiliate=affiliates[legal_name],
            defaults={"order": order},
        )
        _set_m2m(entry.states, _states(states))
    return amendment


@transaction.atomic
def load_seed_documents(paralegal=None, counsel_user=None) -> dict[str, object]:
    affiliates = load_carriers()
    counsel = load_counsel(counsel_user)
    request = load_request(affiliates, counsel, paralegal)
    agreement = load_agreement(affiliates)
    amendment = load_amendment(affiliates, agreement)
    # The request's clocks, computed like any other request's (receipt is still an estimate).
    from agreements.services import recompute_request

    recompute_request(request, by=None, reason="seed_demo")
    return {"counsel": counsel, "request": request, "agreement": agreement, "amendment": amendment}
