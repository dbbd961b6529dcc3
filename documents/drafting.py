"""Drafting an amendment's numbered provisions from its structured changes and the clause library.

The seed amendment's four provisions are what this produces for the seed's records:

1. rate elements deleted, grouped by the heading and exhibit they sit under, listing their USOCs;
2. sections added, grouped when they add the same language, quoting it;
3. and 4. the active standard clauses, in their order, with placeholders filled in.

A provision's text is one paragraph, then one quoted paragraph per further line.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from documents.models import StandardClause
from documents.prose import join_names, long_date


def draft_provisions(amendment) -> list[str]:
    """The provisions the amendment's structured changes and the active standard clauses call for."""
    agreements = list(
        amendment.agreements.select_related("competitive_party", "incumbent_party").order_by("dated", "id")
    )
    return compose_provisions(
        rate_change_facts(amendment),
        section_change_facts(amendment),
        active_clauses(),
        clause_values(agreements, amendment.effective_on),
    )


def rate_change_facts(amendment) -> list[dict]:
    return [
        {
            "action": change.action,
            "usoc": change.usoc,
            "attachment": change.attachment,
            "exhibit": change.exhibit,
            "category": change.category,
            "description": change.description,
            "rate": str(change.rate) if change.rate is not None else "",
            "unit": change.unit,
        }
        for change in amendment.rate_changes.all()
    ]


def section_change_facts(amendment) -> list[dict]:
    return [
        {
            "action": change.action,
            "attachment": change.attachment,
            "number": change.number,
            "title": change.title,
            "text": change.text,
        }
        for change in amendment.section_changes.all()
    ]


def active_clauses() -> list[str]:
    return list(
        StandardClause.objects.filter(active=True).order_by("order", "key").values_list("text", flat=True)
    )


def clause_values(agreements: list, effective_on: date | None) -> dict[str, str]:
    """What a standard clause's placeholders stand for in this amendment."""
    return {
        "agreement_date": join_names(_unique(long_date(a.dated) for a in agreements)),
        "agreement_term": "Agreements" if len(agreements) > 1 else "Agreement",
        "effective_date": long_date(effective_on),
        "competitive_party": join_names(_unique(a.competitive_party.display_name for a in agreements)),
        "incumbent_party": join_names(_unique(a.incumbent_party.display_name for a in agreements)),
    }


def compose_provisions(
    rate_changes: list[dict], section_changes: list[dict], clauses: list[str], values: dict[str, str]
) -> list[str]:
    provisions = _deletions(rate_changes) + _additions(rate_changes) + _sections(section_changes)
    provisions += [fill_clause(text, values) for text in clauses]
    return provisions


def fill_clause(text: str, values: dict[str, str]) -> str:
    return StandardClause(text=text).fill(values)


def location(attachment: str, exhibit: str) -> str:
    """“Exhibit A of Attachment 2”, as the seed locates a rate element."""
    parts = [f"Exhibit {exhibit}" if exhibit else "", f"Attachment {attachment}" if attachment else ""]
    return " of ".join(part for part in parts if part) or "the Agreement"


def _deletions(rate_changes: list[dict]) -> list[str]:
    provisions = []
    for (category, exhibit, attachment), usocs in _grouped(
        rate_changes, "delete", lambda c: (c["category"], c["exhibit"], c["attachment"])
    ):
        listed = join_names([c["usoc"] for c in usocs])
        noun = "USOCs" if len(usocs) > 1 else "USOC"
        if category:
            provisions.append(
                f"The Parties agree to delete in their entirety all rate elements and USOCs identified as "
                f"\u201c{category}\u201d in {location(attachment, exhibit)}, as specified by the following "
                f"{noun}: {listed}."
            )
        else:
            provisions.append(
                f"The Parties agree to delete in their entirety the rate elements in "
                f"{location(attachment, exhibit)} identified by the following {noun}: {listed}."
            )
    return provisions


def _additions(rate_changes: list[dict]) -> list[str]:
    provisions = []
    for (exhibit, attachment), added in _grouped(
        rate_changes, "add", lambda c: (c["exhibit"], c["attachment"])
    ):
        lines = []
        for change in added:
            line = change["usoc"] + (f", {change['description']}" if change["description"] else "")
            if change["rate"]:
                line += f": ${change['rate']}" + (f" {change['unit']}" if change["unit"] else "")
            lines.append(line)
        provisions.append(
            f"The Parties agree to add the following rate elements to {location(attachment, exhibit)}:\n"
            + "\n".join(lines)
        )
    return provisions


def _sections(section_changes: list[dict]) -> list[str]:
    provisions = []
    groups: dict[tuple[str, str], list[dict]] = {}
    for change in section_changes:
        groups.setdefault((change["action"], change["text"].strip()), []).append(change)
    for (action, text), changes in groups.items():
        if action == "replace":
            targets = join_names([f"Section {c['number']} of Attachment {c['attachment']}" for c in changes])
            pronoun = "their" if len(changes) > 1 else "its"
            lead = (
                f"The Parties agree to replace {targets} in {pronoun} entirety with the following language:"
            )
        else:
            lead = f"The Parties agree to add the following language to {join_names([_target(c) for c in changes])}:"
        provisions.append(f"{lead}\n{text}")
    return provisions


def _target(change: dict) -> str:
    """“Section 7 as Section 7.3 of Attachment 2”: the parent section, then the new number."""
    number, attachment = change["number"], change["attachment"]
    parent, _, _ = number.rpartition(".")
    if parent:
        return f"Section {parent} as Section {number} of Attachment {attachment}"
    return f"Attachment {attachment} as Section {number}"


def _grouped(changes: list[dict], action: str, key) -> list[tuple[tuple, list[dict]]]:
    groups: dict[tuple, list[dict]] = {}
    for change in changes:
        if change["action"] == action:
            groups.setdefault(key(change), []).append(change)
    return list(groups.items())


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(value for value in values if value))
