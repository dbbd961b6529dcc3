from agreements.models.agreement import Agreement, Attachment, RateElement, Section, UsocField, validate_usoc
from agreements.models.filing import StateFiling
from agreements.models.lifecycle import ArbitrationPetition, ExtensionAgreement
from agreements.models.request import CarbonCopy, DeliveryMethod, NegotiationRequest, RequestParty

__all__ = [
    "Agreement",
    "ArbitrationPetition",
    "ExtensionAgreement",
    "Attachment",
    "CarbonCopy",
    "DeliveryMethod",
    "NegotiationRequest",
    "RateElement",
    "RequestParty",
    "Section",
    "StateFiling",
    "UsocField",
    "validate_usoc",
]
