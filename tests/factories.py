"""factory_boy factories for the domain records; tests build only what they need."""

from datetime import date

import factory

from agreements.models import Agreement, NegotiationRequest, RateElement, RequestParty
from amendments.models import Amendment, Signature
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
