"""The one door through which carriers, affiliates, their former names and contacts change, and the
firm on the letterhead with its offices and counsel."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from accounts.actors import Actor
from carriers.models import Affiliate, Carrier, Contact, Counsel, FirmOffice, FormerName, LawFirm
from jurisdictions.models import State


@transaction.atomic
def save_contact(contact: Contact, *, by: Actor) -> Contact:
    """Check and save a contact (a cc line typed on a request, or one entered in the admin)."""
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def delete_contact(contact: Contact, *, by: Actor) -> None:
    """Delete a contact; a request that copies it protects it."""
    contact.delete()


@transaction.atomic
def save_carrier(carrier: Carrier, *, by: Actor) -> Carrier:
    carrier.full_clean()
    carrier.save()
    return carrier


@transaction.atomic
def delete_carrier(carrier: Carrier, *, by: Actor) -> None:
    """Delete a carrier family; its affiliates protect it while they exist."""
    carrier.delete()


@transaction.atomic
def save_affiliate(
    affiliate: Affiliate,
    *,
    states: Iterable[State],
    former_names: list[FormerName] | None = None,
    removed_names: Iterable[FormerName] = (),
    by: Actor,
) -> Affiliate:
    """Save an affiliate with the states it is certificated in and, when given, its former names.

    1. Check and save the affiliate; its history names ``by``.
    2. Set its states (the history keeps the old list beside the new).
    3. Delete the former names taken off; check and save each one given (None leaves them as stored).
    """
    affiliate.full_clean()
    affiliate._history_user = by
    affiliate.save()
    affiliate.states.set(states)
    for name in removed_names:
        name.delete()
    for name in former_names or []:
        name.affiliate = affiliate
        name.full_clean()
        name.save()
    return affiliate


@transaction.atomic
def delete_affiliate(affiliate: Affiliate, *, by: Actor) -> None:
    """Delete an affiliate; a request, agreement or amendment that names it protects it."""
    affiliate._history_user = by
    affiliate.delete()


@transaction.atomic
def save_law_firm(
    firm: LawFirm,
    *,
    offices: list[FirmOffice] | None = None,
    removed_offices: Iterable[FirmOffice] = (),
    by: Actor,
) -> LawFirm:
    """Save the firm and, when given, the offices its letterhead lists (None leaves them as stored)."""
    firm.full_clean()
    firm.save()
    for office in removed_offices:
        office.delete()
    for office in offices or []:
        office.firm = firm
        office.full_clean()
        office.save()
    return firm


@transaction.atomic
def delete_law_firm(firm: LawFirm, *, by: Actor) -> None:
    """Delete a firm with its offices; its counsel protect it."""
    firm.delete()


@transaction.atomic
def save_counsel(counsel: Counsel, *, by: Actor) -> Counsel:
    """Check and save an attorney, with the signature image the letters print."""
    counsel.full_clean()
    counsel.save()
    return counsel


@transaction.atomic
def delete_counsel(counsel: Counsel, *, by: Actor) -> None:
    """Delete an attorney; the requests they sign protect them."""
    counsel.delete()
