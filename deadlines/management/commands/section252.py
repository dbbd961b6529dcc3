"""Print the § 252 schedule the app computes, from the same code: for counsel, and for checking.

python manage.py section252 --received 2004-09-09 --state MO --json
"""

from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from deadlines import rules
from deadlines.calculator import compute_schedule
from deadlines.calendar import CommissionCalendar
from deadlines.commission import calendar_for
from jurisdictions.codes import normalise_state_code

LABELS = [
    ("received", "Request received (day 0)"),
    ("window_opens", "Arbitration window opens (day 135)"),
    ("first_filing_day", "First filing day"),
    ("window_closes", "Arbitration window closes (day 160)"),
    ("last_safe_filing_day", "Last safe filing day"),
    ("state_roll_forward_day", "State roll-forward (NOT SAFE)"),
    ("resolution_due", "Commission resolves open issues (9 months)"),
    ("response_due", "Response to petition due (25 days)"),
    ("deemed_approved_on", "Deemed approved (§ 252(e)(4))"),
]


def _date(name: str, raw: str | None) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise CommandError(f"--{name} {raw!r} is not a date; use YYYY-MM-DD.", returncode=2) from None


class Command(BaseCommand):
    help = "Print the Section 252 schedule for a request received on a date."

    def add_arguments(self, parser):
        parser.add_argument(
            "--received", required=True, help="Date the incumbent received the request (YYYY-MM-DD)"
        )
        parser.add_argument("--state", help="USPS code of the commission, for its holidays")
        parser.add_argument("--petition-filed", help="Date the commission received an arbitration petition")
        parser.add_argument("--submitted", help="Date an agreement was submitted for approval")
        parser.add_argument(
            "--origin", choices=sorted(rules.APPROVAL_DAYS), help="How the submitted agreement came about"
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object")

    def handle(self, *args, **options):
        received = _date("received", options["received"])
        petition = _date("petition-filed", options["petition_filed"])
        submitted = _date("submitted", options["submitted"])
        if (submitted is None) != (options["origin"] is None):
            raise CommandError("--submitted and --origin go together.", returncode=2)
        state = None
        if options["state"]:
            try:
                state = normalise_state_code(options["state"])
            except ValueError as exc:
                raise CommandError(str(exc), returncode=2) from None
        calendar = calendar_for(state) if state else CommissionCalendar(None)
        schedule = compute_schedule(received, calendar, petition, submitted, options["origin"])
        if state:
            schedule["state"] = state
        if options["json"]:
            self.stdout.write(json.dumps(schedule, sort_keys=True))
            return
        for key, label in LABELS:
            if key in schedule:
                day = date.fromisoformat(schedule[key])
                closure = schedule.get(f"{key}_closure")
                flag = f"  (falls on {closure})" if closure else ""
                self.stdout.write(f"{label:<45} {day:%a %d %b %Y}{flag}")
        if "petition_status" in schedule:
            self.stdout.write(f"{'Petition is':<45} {schedule['petition_status']}")
