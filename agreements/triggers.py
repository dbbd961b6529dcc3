"""The facts of a request or a filing that start or move a statutory clock, in counsel's words.

One table: the services compare these fields before and after a save (a change is recorded
with its reason), the admin asks for a reason when one of them changes, and the pages label
the recorded changes with these words.
"""

from __future__ import annotations

from typing import TypeAlias

from agreements.models import ArbitrationPetition, NegotiationRequest, StateFiling

# A record that starts deadlines: each deadline and each recorded change names exactly one.
Trigger: TypeAlias = NegotiationRequest | ArbitrationPetition | StateFiling

# Field → label, in the order the request's page lists them.
REQUEST_TRIGGERS: dict[str, str] = {
    "sent_on": "letter sent",
    "received_on": "receipt date",
    "receipt_confirmed": "receipt confirmed",
    "deemed_received_on": "deemed request date",
    "bona_fide_notice_received_on": "rural exemption notice received",
    "delivery_method": "delivery method",
}
FILING_TRIGGERS: dict[str, str] = {
    "submitted_on": "submitted to the commission",
}
LABELS: dict[str, str] = {**REQUEST_TRIGGERS, **FILING_TRIGGERS}


def label(field: str) -> str:
    """The words for a recorded trigger change; an extension agreement is recorded under its own label."""
    return LABELS.get(field, field)
