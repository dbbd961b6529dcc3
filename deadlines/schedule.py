"""What deadlines a trigger should have, computed from its records by the pure rules.

This module decides; ``deadlines.services`` writes. Each function returns the full desired set
of deadlines for one trigger, so a recomputation is a comparison with what is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from deadlines import rules
from deadlines.calendar import CommissionCalendar
from deadlines.commission import calendars_for


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


def _spec(
    statutory: rules.StatutoryDate, state: str, trigger: date, act_on: date | None = None, **extra
) -> DeadlineSpec:
    return DeadlineSpec(
        kind=statutory.kind,
        citation=statutory.citation,
        state=state,
        trigger_date=trigger,
        due_on=statutory.due,
        act_on=act_on or statutory.due,
        closure=statutory.closure or "",
        **extra,
    )


def receipt_range(request, calendar: CommissionCalendar) -> tuple[date, date, bool] | None:
    """(earliest, latest, estimated) day 0 of the request, or None before it has gone out.

    A deemed request date agreed in writing replaces receipt; a confirmed receipt is exact;
    otherwise receipt is estimated from the letter date and the delivery method.
    """
    if request.deemed_received_on:
        return request.deemed_received_on, request.deemed_received_on, False
    if request.received_on and request.receipt_confirmed:
        return request.received_on, request.received_on, False
    if request.received_on:
        # An entered but unproven receipt date: trust it as the estimate, flagged as such.
        return request.received_on, request.received_on, True
    if not request.sent_on:
        return None
    earliest, latest = rules.plausible_receipt(request.sent_on, request.delivery_method, calendar)
    return earliest, latest, True


def request_deadlines(request) -> list[DeadlineSpec]:
    """§ 252(b)(1) window, § 252(b)(4)(C) resolution and § 251(f)(1)(B) rural exemption, per state."""
    extensions = list(request.extensions.all())
    agreed_windows = [e for e in extensions if e.kind == "agreed_window"]
    waived = any(e.kind == "waive_resolution" for e in extensions)
    states = [state.code for state in request.states.all()]
    calendars = calendars_for(states)
    specs: list[DeadlineSpec] = []
    for code in states:
        calendar = calendars[code]
        received = receipt_range(request, calendar)
        if received is not None:
            earliest, latest, estimated = received
            window = rules.safe_window(earliest, latest, calendar)
            opens, closes = window.opens, window.closes
            if agreed_windows:
                agreed = agreed_windows[-1]
                opens = rules.StatutoryDate(
                    opens.kind,
                    opens.citation + " (agreed window)",
                    agreed.window_opens_on,
                    calendar.closure_name(agreed.window_opens_on),
                )
                closes = rules.StatutoryDate(
                    closes.kind,
                    closes.citation + " (agreed window)",
                    agreed.window_closes_on,
                    calendar.closure_name(agreed.window_closes_on),
                )
                estimated = False
            first = calendar.first_business_day_on_or_after(opens.due)
            last_safe = calendar.last_business_day_on_or_before(closes.due)
            specs.append(_spec(opens, code, latest, first, estimated=estimated))
            specs.append(_spec(closes, code, earliest, last_safe, opens_on=opens.due, estimated=estimated))
            resolution = rules.resolution_due(earliest, calendar)
            specs.append(_spec(resolution, code, earliest, estimated=estimated, waived=waived))
        if request.bona_fide_notice_received_on:
            notice = request.bona_fide_notice_received_on
            specs.append(_spec(rules.rural_exemption_due(notice, calendar), code, notice))
    return specs


def petition_deadlines(petition) -> list[DeadlineSpec]:
    """§ 252(b)(3): the response is due 25 days after the commission receives the petition."""
    calendar = calendars_for([petition.state_id])[petition.state_id]
    received = petition.received_by_commission_on
    response = rules.response_due(received, calendar)
    return [
        _spec(response, petition.state_id, received, calendar.last_business_day_on_or_before(response.due))
    ]


def filing_origin(filing) -> str:
    """An amendment is negotiated unless it amends an arbitrated agreement; an agreement has its own origin."""
    if filing.agreement_id:
        return filing.agreement.origin
    origins = {agreement.origin for agreement in filing.amendment.agreements.all()}
    return "arbitrated" if origins == {"arbitrated"} else "negotiated"


def filing_deadlines(filing) -> list[DeadlineSpec]:
    """§ 252(e)(4): deemed approved 90 days (negotiated, adopted) or 30 days (arbitrated) after submission."""
    if not filing.submitted_on:
        return []
    calendar = calendars_for([filing.state_id])[filing.state_id]
    approval = rules.deemed_approval(filing.submitted_on, filing_origin(filing), calendar)
    return [_spec(approval, filing.state_id, filing.submitted_on)]
