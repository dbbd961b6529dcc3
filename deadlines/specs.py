"""What the deadline engine is handed: one wanted deadline, as its trigger's owner computed it.

The engine stores and reminds; it never asks what a trigger is. Whoever owns the trigger (the
request, petition and filing belong to ``agreements``) turns its records into specs with the
pure rules and hands them over with ``deadlines.services.sync_deadlines``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from deadlines.rules import StatutoryDate


@dataclass(frozen=True)
class DeadlineSpec:
    kind: str
    citation: str
    state: str
    trigger_date: date
    due_on: date
    act_on: date
    closure: str
    opens_on: date | None = None
    estimated: bool = False
    waived: bool = False

    @classmethod
    def of(
        cls,
        statutory: StatutoryDate,
        state: str,
        trigger_date: date,
        act_on: date | None = None,
        *,
        opens_on: date | None = None,
        estimated: bool = False,
        waived: bool = False,
    ) -> DeadlineSpec:
        """A statutory date as a deadline in ``state``; the business day to act is the date itself unless given."""
        return cls(
            kind=statutory.kind,
            citation=statutory.citation,
            state=state,
            trigger_date=trigger_date,
            due_on=statutory.due,
            act_on=act_on or statutory.due,
            closure=statutory.closure or "",
            opens_on=opens_on,
            estimated=estimated,
            waived=waived,
        )
