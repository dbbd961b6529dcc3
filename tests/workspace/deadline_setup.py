"""People and live matters for the deadline pages' tests (dashboard, feeds, notifications).

The seed request (KMC Telecom → CenturyTel, Missouri, overnight letter of 9 September 2004) with
receipt confirmed on 9 September 2004 gives the worked example of DOMAIN.md: day 135 Saturday
22 January 2005 (first filing day Monday 24 January), day 160 Wednesday 16 February 2005.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import time_machine

from agreements import services
from agreements.models import StateFiling
from deadlines.services import advance_statuses
from tests import factories

# 10:00 in New York on these days: the settings' zone, which the dashboard counts "today" in.
WINDOW_OPEN = datetime(2005, 1, 25, 15, tzinfo=UTC)  # window open, 22 days to 16 February
BEFORE_WINDOW = datetime(2005, 1, 10, 15, tzinfo=UTC)  # window opens in 14 days
DECEMBER = datetime(2004, 12, 1, 15, tzinfo=UTC)


def people(seed) -> dict:
    """Counsel (the seed's attorney), a paralegal on the matter, a second counsel, a viewer."""
    counsel = factories.UserFactory(username="klein", role="counsel")
    seed["counsel"].user = counsel
    seed["counsel"].save()
    paralegal = factories.UserFactory(username="pat", role="paralegal")
    request = seed["request"]
    request.paralegal = paralegal
    request.save()
    return {
        **seed,
        "attorney": seed["counsel"],
        "counsel": counsel,
        "paralegal": paralegal,
        "partner": factories.UserFactory(username="partner", role="counsel"),
        "viewer": factories.UserFactory(username="vera", role="viewer"),
        "request": request,
    }


def confirm_receipt(world: dict, at: datetime = WINDOW_OPEN) -> None:
    with time_machine.travel(at, tick=False):
        services.record_receipt(
            world["request"],
            date(2004, 9, 9),
            confirmed=True,
            by=world["paralegal"],
            reason="CenturyTel's letter of 10 September 2004 acknowledges receipt on 9 September",
        )


def file_amendment(world: dict, state: str = "FL", submitted_on: date = date(2005, 1, 3)) -> StateFiling:
    """The seed amendment submitted in a state of its Attachment A: deemed approved 90 days later (§ 252(e)(4))."""
    filing = StateFiling(
        amendment=world["amendment"], state_id=state, submitted_on=submitted_on, docket_number="050012-TP"
    )
    with time_machine.travel(datetime.combine(submitted_on, datetime.min.time(), UTC).replace(hour=15)):
        services.save_filing(filing, by=world["paralegal"])
    return filing


def live(seed) -> dict:
    """On 25 January 2005: receipt confirmed in December, the amendment filed in Florida on 3 January,
    and the sweep has moved the statuses along (the window is open)."""
    world = people(seed)
    confirm_receipt(world, at=DECEMBER)
    world["filing"] = file_amendment(world)
    with time_machine.travel(WINDOW_OPEN, tick=False):
        advance_statuses()
    return world
