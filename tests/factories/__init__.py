"""factory_boy factories for the domain records, one module per app; tests build only what they need.

``from tests import factories`` then ``factories.UserFactory(role="counsel")`` and so on: every
factory is re-exported here.
"""

from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.agreements import (
    AgreementFactory,
    ArbitrationPetitionFactory,
    NegotiationRequestFactory,
    RateElementFactory,
    StateFilingFactory,
)
from tests.factories.amendments import AmendmentFactory, SignatureFactory
from tests.factories.carriers import (
    AffiliateFactory,
    CarrierFactory,
    ContactFactory,
    CounselFactory,
    IncumbentFactory,
    LawFirmFactory,
)
from tests.factories.deadlines import DeadlineFactory, ReminderFactory

__all__ = [
    "PASSWORD",
    "AffiliateFactory",
    "AgreementFactory",
    "AmendmentFactory",
    "ArbitrationPetitionFactory",
    "CarrierFactory",
    "ContactFactory",
    "CounselFactory",
    "DeadlineFactory",
    "IncumbentFactory",
    "LawFirmFactory",
    "NegotiationRequestFactory",
    "RateElementFactory",
    "ReminderFactory",
    "SignatureFactory",
    "StateFilingFactory",
    "UserFactory",
]
