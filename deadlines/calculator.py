"""The § 252 calculator: every clock that follows from one receipt date, shaped for display or JSON.

What ``manage.py section252`` prints. The dates themselves come from ``deadlines.rules``; this
module only gathers them and names them (the JSON keys are a published format: keep them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from deadlines.calendar import CommissionCalendar
from deadlines.rules import (
    ArbitrationWindow,
    StatutoryDate,
    arbitration_window,
    deemed_approval,
    judge_petition,
    resolution_due,
    response_due,
)


@dataclass(frozen=True)
class Schedule:
    """Every clock that follows from one request, ready for display or JSON."""

    calendar: CommissionCalendar
    window: ArbitrationWindow
    resolution: StatutoryDate
    petition_filed: date | None = None
    response: StatutoryDate | None = None
    approval: StatutoryDate | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: ISO dates, each date key paired with ``<key>_closure`` (null on a business day)."""
        w = self.window
        dates: dict[str, date] = {
            "received": w.received,
            "window_opens": w.opens.due,
            "window_closes": w.closes.due,
            "first_filing_day": w.first_filing_day,
            "last_safe_filing_day": w.last_safe_filing_day,
            "resolution_due": self.resolution.due,
        }
        if w.state_roll_forward_day:
            dates["state_roll_forward_day"] = w.state_roll_forward_day
        if self.response:
            dates["response_due"] = self.response.due
        if self.approval:
            dates["deemed_approved_on"] = self.approval.due
        out: dict[str, Any] = {}
        for key, day in dates.items():
            out[key] = day.isoformat()
            out[f"{key}_closure"] = self.calendar.closure_name(day)
        if self.petition_filed:
            out["petition_status"] = judge_petition(self.petition_filed, w)
        return out


def build_schedule(
    received: date,
    calendar: CommissionCalendar,
    petition_filed: date | None = None,
    submitted: date | None = None,
    origin: str | None = None,
) -> Schedule:
    """The clocks for a request received on ``received`` (or its deemed request date).

    ``petition_filed`` is the date the commission received the petition, which starts the
    response clock; ``submitted`` and ``origin`` (keys of ``rules.APPROVAL_DAYS``) go together.
    """
    if (submitted is None) != (origin is None):
        raise ValueError("Give both the submission date and the agreement origin, or neither.")
    return Schedule(
        calendar=calendar,
        window=arbitration_window(received, calendar),
        resolution=resolution_due(received, calendar),
        petition_filed=petition_filed,
        response=response_due(petition_filed, calendar) if petition_filed else None,
        approval=deemed_approval(submitted, origin, calendar) if submitted and origin else None,
    )


def compute_schedule(
    received: date,
    calendar: CommissionCalendar,
    petition_filed: date | None = None,
    submitted: date | None = None,
    origin: str | None = None,
) -> dict[str, Any]:
    """``build_schedule(...).as_dict()``: backs ``manage.py section252 --json``."""
    return build_schedule(received, calendar, petition_filed, submitted, origin).as_dict()
