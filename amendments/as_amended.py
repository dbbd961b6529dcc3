"""The agreement as amended on a date: the original plus every amendment effective on or before it.

Amendments never rewrite the original rows; they carry structured changes (USOCs deleted or
added, sections added or replaced), and the text in force on a day is computed by applying
them in order of effective date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch

from amendments.models import RateElementChange, SectionChange


@dataclass(frozen=True)
class RateElementInForce:
    usoc: str
    description: str
    category: str
    attachment: str
    exhibit: str
    rate: Decimal | None
    unit: str
    state: str | None
    added_by: object | None = None  # the Amendment that added it; None for the original


@dataclass(frozen=True)
class SectionInForce:
    attachment: str
    number: str
    title: str
    text: str
    changed_by: object | None = None  # the Amendment that added or replaced it


def _section_key(number: str) -> tuple:
    # "10.8" sorts after "7.3": compare the numeric parts, not the strings.
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in number.split("."))


def amendments_in_force(agreement, day: date | None, inclusive: bool = True) -> list:
    """Amendments of ``agreement`` effective by ``day`` (all of them when day is None), oldest first."""
    amendments = agreement.amendments.prefetch_related(
        Prefetch("rate_changes", queryset=RateElementChange.objects.order_by("order", "id")),
        Prefetch("section_changes", queryset=SectionChange.objects.order_by("order", "id")),
    ).order_by("effective_on", "id")
    if day is not None:
        amendments = amendments.filter(**{"effective_on__lte" if inclusive else "effective_on__lt": day})
    return list(amendments)


def rate_elements_as_of(agreement, day: date | None, inclusive: bool = True, amendments=None) -> list:
    """Rate elements in force: the original's, less USOCs deleted, plus USOCs added, by effective date."""
    elements: dict[tuple[str, str | None], RateElementInForce] = {}
    for row in agreement.rate_elements.all():
        elements[(row.usoc, row.state_id)] = RateElementInForce(
            row.usoc,
            row.description,
            row.category,
            row.attachment,
            row.exhibit,
            row.rate,
            row.unit,
            row.state_id,
        )
    if amendments is None:
        amendments = amendments_in_force(agreement, day, inclusive)
    for amendment in amendments:
        for change in amendment.rate_changes.all():
            if change.action == "delete":
                for key in [key for key in elements if key[0] == change.usoc]:
                    del elements[key]
            else:
                elements[(change.usoc, None)] = RateElementInForce(
                    change.usoc,
                    change.description,
                    change.category,
                    change.attachment,
                    change.exhibit,
                    change.rate,
                    change.unit,
                    None,
                    amendment,
                )
    return sorted(elements.values(), key=lambda e: (e.attachment, e.exhibit, e.usoc, e.state or ""))


def check_deleted_usocs(usocs: list[str], agreements, before: date | None) -> list[str]:
    """Each USOC an amendment deletes must be in every amended agreement as it read before the amendment."""
    errors = []
    for agreement in agreements:
        present = {element.usoc for element in rate_elements_as_of(agreement, before, inclusive=False)}
        missing = [usoc for usoc in usocs if usoc not in present]
        if missing:
            errors.append(
                f"The agreement {agreement} has no rate element with USOC {', '.join(missing)} to delete"
                + (
                    f" (its USOCs are {', '.join(sorted(present))})."
                    if present
                    else " (it has none recorded)."
                )
            )
    return errors


def sections_as_of(agreement, day: date | None, inclusive: bool = True, amendments=None) -> list:
    """Sections in force: the original's, with sections added or replaced by amendments effective by ``day``."""
    sections: dict[tuple[str, str], SectionInForce] = {}
    for attachment in agreement.attachments.prefetch_related("sections"):
        for row in attachment.sections.all():
            sections[(attachment.number, row.number)] = SectionInForce(
                attachment.number, row.number, row.title, row.text
            )
    if amendments is None:
        amendments = amendments_in_force(agreement, day, inclusive)
    for amendment in amendments:
        for change in amendment.section_changes.all():
            sections[(change.attachment, change.number)] = SectionInForce(
                change.attachment, change.number, change.title, change.text, amendment
            )
    return sorted(sections.values(), key=lambda s: (_section_key(s.attachment), _section_key(s.number)))
