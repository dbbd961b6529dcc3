"""The clocks that requests, petitions and filings start, as the specs the deadline engine is handed.

Agreements owns these records, so it decides which statutory dates follow from them, with the
pure ``deadlines.rules``; ``deadlines.services.sync_deadlines`` then stores and reminds without
knowing what a trigger is. Each function returns the full wanted set for one trigger, so a
recomputation is a comparison with what is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User

from agreements.models import (
    Agreement,
    ArbitrationPetition,
    ExtensionAgreement,
    NegotiationRequest,
    StateFiling,
)
from agreements.triggers import Trigger
from deadlines import rules
from deadlines.calendar import CommissionCalendar
from deadlines.commission import calendar_for, calendars_for
from deadlines.models import Deadline, DeadlineKind
from deadlines.specs import DeadlineSpec

People = tuple[User | None, User | None]


@dataclass(frozen=True)
class Clocks:
    """What the engine needs of one trigger: which record owns the deadlines, the wanted ones, and
    the people responsible by default (counsel's user, the paralegal)."""

    owner: dict[str, Trigger]
    specs: list[DeadlineSpec]
    people: People


# -- the request ----------------------------------------------------------------------------------


def day_zero(request: NegotiationRequest, calendar: CommissionCalendar) -> rules.DayZero | None:
    """The request's day 0 by the rules' precedence (``rules.day_zero``); None before the letter went out."""
    return rules.day_zero(
        deemed_received_on=request.deemed_received_on,
        received_on=request.received_on,
        receipt_confirmed=request.receipt_confirmed,
        sent_on=request.sent_on,
        delivery_method=request.delivery_method,
        calendar=calendar,
    )


def agreed_dates(extensions: list[ExtensionAgreement]) -> tuple[date, date] | None:
    """The window the parties last agreed, (opens, closes), if they agreed one."""
    agreed = [e for e in extensions if e.kind == ExtensionAgreement.Kind.AGREED_WINDOW]
    return (agreed[-1].window_opens_on, agreed[-1].window_closes_on) if agreed else None


def request_specs(request: NegotiationRequest) -> list[DeadlineSpec]:
    """Per state: the § 252(b)(1) window, the § 252(b)(4)(C) resolution and the § 251(f)(1)(B) rural exemption.

    1. Day 0 by the rules' precedence; without one (the letter has not gone out) only the rural
       exemption can run.
    2. The window is the safe window of day 0, or the parties' agreed window (``rules.request_window``).
    3. The 9-month date counts from the earliest day 0; a written waiver waives it.
    """
    extensions = list(request.extensions.all())
    agreed = agreed_dates(extensions)
    waived = any(e.kind == ExtensionAgreement.Kind.WAIVE_RESOLUTION for e in extensions)
    states = [state.code for state in request.states.all()]
    calendars = calendars_for(states)
    specs: list[DeadlineSpec] = []
    for code in states:
        calendar = calendars[code]
        day0 = day_zero(request, calendar)
        if day0 is not None:
            window, estimated = rules.request_window(day0, calendar, agreed)
            specs.append(
                DeadlineSpec.of(window.opens, code, day0.latest, window.first_filing_day, estimated=estimated)
            )
            specs.append(
                DeadlineSpec.of(
                    window.closes,
                    code,
                    day0.earliest,
                    window.last_safe_filing_day,
                    opens_on=window.opens.due,
                    estimated=estimated,
                )
            )
            resolution = rules.resolution_due(day0.earliest, calendar)
            specs.append(DeadlineSpec.of(resolution, code, day0.earliest, estimated=estimated, waived=waived))
        if request.bona_fide_notice_received_on:
            notice = request.bona_fide_notice_received_on
            specs.append(DeadlineSpec.of(rules.rural_exemption_due(notice, calendar), code, notice))
    return specs


def people_of(request: NegotiationRequest | None) -> People:
    """The request's counsel (as a user) and paralegal: responsible for its and its petitions' deadlines."""
    if request is None:
        return None, None
    return (request.counsel.user if request.counsel_id else None), request.paralegal


def of_request(request: NegotiationRequest) -> Clocks:
    return Clocks({"request": request}, request_specs(request), people_of(request))


# -- petitions ------------------------------------------------------------------------------------


def petition_specs(petition: ArbitrationPetition) -> list[DeadlineSpec]:
    """§ 252(b)(3): the response is due 25 days after the commission receives the petition."""
    calendar = calendar_for(petition.state_id)
    received = petition.received_by_commission_on
    response = rules.response_due(received, calendar)
    return [DeadlineSpec.of(response, petition.state_id, received, rules.response_act_on(response, calendar))]


def of_petition(petition: ArbitrationPetition) -> Clocks:
    return Clocks({"petition": petition}, petition_specs(petition), people_of(petition.request))


def judge(petition: ArbitrationPetition) -> rules.PetitionStatus:
    """premature / timely / untimely: the petition's filing day against its state's window.

    1. The window stored for the request in the petition's state, when there is one (it is what
       counsel was shown and reminded of).
    2. Otherwise the window computed as the deadlines would be: day 0 by the rules' precedence,
       the parties' agreed window if any. If the letter has no day 0 because it never went out,
       its letter date stands in for the sent date, so the plausible-receipt range of the letter
       date and the delivery method is day 0.
    The judgement itself is ``rules.judge_filing_day`` either way.
    """
    request = petition.request
    stored = (
        Deadline.objects.filter(request=request, state_id=petition.state_id, kind=DeadlineKind.WINDOW_CLOSES)
        .exclude(status=Deadline.Status.SUPERSEDED)
        .values_list("opens_on", "due_on")
        .first()
    )
    if stored is not None:
        return rules.judge_filing_day(petition.filed_on, *stored)
    calendar = calendar_for(petition.state_id)
    day0 = day_zero(request, calendar) or rules.day_zero(
        deemed_received_on=None,
        received_on=None,
        receipt_confirmed=False,
        sent_on=request.letter_date,
        delivery_method=request.delivery_method,
        calendar=calendar,
    )
    window, _ = rules.request_window(day0, calendar, agreed_dates(list(request.extensions.all())))
    return rules.judge_petition(petition.filed_on, window)


# -- filings --------------------------------------------------------------------------------------


def filing_origin(filing: StateFiling) -> str:
    """An amendment is negotiated unless every agreement it amends was arbitrated; an agreement has its own origin."""
    if filing.agreement_id:
        return filing.agreement.origin
    # The amendment's agreements through the instance's related manager: agreements sits below amendments.
    origins = {agreement.origin for agreement in filing.amendment.agreements.all()}
    return (
        Agreement.Origin.ARBITRATED
        if origins == {Agreement.Origin.ARBITRATED}
        else Agreement.Origin.NEGOTIATED
    )


def filing_specs(filing: StateFiling) -> list[DeadlineSpec]:
    """§ 252(e)(4): deemed approved 90 days (negotiated, adopted) or 30 days (arbitrated) after submission."""
    if not filing.submitted_on:
        return []
    calendar = calendar_for(filing.state_id)
    approval = rules.deemed_approval(filing.submitted_on, filing_origin(filing), calendar)
    return [DeadlineSpec.of(approval, filing.state_id, filing.submitted_on)]


def of_filing(filing: StateFiling) -> Clocks:
    # A filing belongs to an agreement or an amendment, not to a request: nobody by default.
    return Clocks({"filing": filing}, filing_specs(filing), people_of(None))
