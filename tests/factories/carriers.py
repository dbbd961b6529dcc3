"""Carriers, their affiliates and contacts, and the law firms that write for them."""

from __future__ import annotations

import factory

from carriers.models import Affiliate, Carrier, Contact, Counsel, LawFirm


class CarrierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Carrier

    name = factory.Sequence(lambda n: f"Carrier {n}, Inc.")


class AffiliateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliate

    carrier = factory.SubFactory(CarrierFactory)
    legal_name = factory.Sequence(lambda n: f"Affiliate {n} LLC")
    kind = Affiliate.Kind.COMPETITIVE


class IncumbentFactory(AffiliateFactory):
    kind = Affiliate.Kind.INCUMBENT


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    name = factory.Sequence(lambda n: f"Contact {n}")


class LawFirmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LawFirm

    name = factory.Sequence(lambda n: f"Firm {n} LLP")
    street = "1 Main Street"
    city = "Washington"
    region = "D.C."
    postal_code = "20036"


class CounselFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Counsel

    firm = factory.SubFactory(LawFirmFactory)
    name = factory.Sequence(lambda n: f"Attorney {n}")
