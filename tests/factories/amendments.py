"""Amendments and their signatures."""

from __future__ import annotations

from datetime import date

import factory

from amendments.models import Amendment, Signature
from tests.factories.carriers import AffiliateFactory


class AmendmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Amendment

    effective_on = date(2004, 9, 14)


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    amendment = factory.SubFactory(AmendmentFactory)
    party = factory.SubFactory(AffiliateFactory)
    signer_name = "A Signer"
    signer_title = "Director"
