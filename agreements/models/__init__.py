from agreements.models.agreement import Agreement, Attachment, RateElement, Section, UsocField, validate_usoc
from agreements.models.filing import StateFiling
from agreements.models.request import CarbonCopy, DeliveryMethod, NegotiationRequest, RequestParty

__all__ = [
    "Agreement",
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
