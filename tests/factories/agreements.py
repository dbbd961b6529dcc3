"""Requests for negotiation, agreements and their rate elements, state filings, arbitration petitions."""

from __future__ import annotations

from datetime import date

import factory

from agreements.models import (
    Agreement,
    ArbitrationPetition,
    NegotiationRequest,
    RateElement,
    RequestParty,
    StateFiling,
)
from tests.factories.carriers import AffiliateFactory, CounselFactory, IncumbentFactory


class NegotiationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NegotiationRequest
        skip_postgeneration_save = True

    collective_name = "Requester"
    letter_date = date(2004, 9, 9)
    delivery_method = "overnight"
    counsel = factory.SubFactory(CounselFactory)
    addressee_name = "Incumbent, Inc."
    address = "1 Park Drive\nMonroe, LA 71203"

    @factory.post_generation
    def with_parties(self, create, extracted, **kwargs):
        if create and extracted:
            RequestParty.objects.create(request=self, affiliate=AffiliateFactory(), role="requesting")
            RequestParty.objects.create(request=self, affiliate=IncumbentFactory(), role="incumbent")


class ArbitrationPetitionFactory(factory.django.DjangoModelFactory):
    """A petition filed in Missouri on day 160 of the seed's example (receipt 9 September 2004)."""

    class Meta:
        model = ArbitrationPetition

    request = factory.SubFactory(NegotiationRequestFactory)
    state_id = "MO"
    filed_on = date(2005, 2, 16)
    received_by_commission_on = factory.SelfAttribute("filed_on")


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    competitive_party = factory.SubFactory(AffiliateFactory)
    incumbent_party = factory.SubFactory(IncumbentFactory)
    dated = date(2000, 10, 6)


class RateElementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RateElement

    agreement = factory.SubFactory(AgreementFactory)
    usoc = factory.Sequence(lambda n: f"U{n:04d}")
    attachment = "2"
    exhibit = "A"


class StateFilingFactory(factory.django.DjangoModelFactory):
    """An agreement's filing with a state commission; pass ``amendment=..., agreement=None`` for an
    amendment's."""

    class Meta:
        model = StateFiling

    agreement = factory.SubFactory(AgreementFactory)
    state_id = "FL"
    submitted_on = date(2005, 1, 3)
