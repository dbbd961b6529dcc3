"""The request for negotiation as words on a page, composed from a letter snapshot.

Both the PDF template and the Word writer print exactly this, so the two formats cannot drift.
The wording follows the seed letter of 9 September 2004 (``shared/seeds/000``), including its
“(47 U.S.C. §151, *et. seq.*)”.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from documents.prose import join_names, long_date

STATUTE = (
    "In accordance with Sections 251 and 252 of the Communications Act of 1934, as amended, (47 U.S.C. §151, "
)
TIMEFRAME = (
    "{requester} makes the request for negotiations at this time in the hope that the parties can negotiate an "
    "agreement within the timeframe set forth in the Communications Act. While the rates, terms and conditions "
    "are being negotiated and, if necessary, arbitrated, {requester} requires that {incumbents} comply with all "
    "of {their} obligations under current agreements and applicable law."
)
CLOSING_REQUEST = (
    "Kindly have your counsel contact the undersigned in order to arrange for an exchange of draft "
    "interconnection agreement terms."
)


@dataclass(frozen=True)
class Run:
    text: str
    italic: bool = False


@dataclass
class Letter:
    firm_name: str
    firm_form: str
    firm_address: list[str]
    firm_contact: list[str]
    counsel_lines: list[str]
    offices: list[str]
    affiliate_offices: list[str]
    date: str
    delivery: str
    addressee: list[str]
    re_lines: list[str]
    salutation: str
    paragraphs: list[list[Run]]
    closing: str
    signature_png: bytes | None
    signer: str
    signer_role: str
    cc: list[str]
    header: list[str] = field(default_factory=list)  # continuation pages: addressee, date (then “Page Two”)
    affiliate_heading: str = "AFFILIATE OFFICES"

    @property
    def closing_paragraph(self) -> list[Run]:
        return self.paragraphs[-1]

    @property
    def body_paragraphs(self) -> list[list[Run]]:
        return self.paragraphs[:-1]


def compose_letter(snapshot: dict) -> Letter:
    firm, counsel, addressee = snapshot["firm"], snapshot["counsel"], snapshot["addressee"]
    requester = snapshot["collective_name"]
    requesting = [p["name"] for p in snapshot["requesting"]]
    incumbents = [p["name"] for p in snapshot["incumbents"]]
    incumbent_short = [p["short_name"] or p["name"] for p in snapshot["incumbents"]]
    states = snapshot["states"]
    date = long_date(snapshot["letter_date"])
    signature = counsel.get("signature")

    collectively = (
        f" (collectively, {requester})"
        if len(requesting) > 1
        else (f" ({requester})" if requester and requester != requesting[0] else "")
    )
    verb = "request" if len(requesting) > 1 else "requests"
    request_paragraph = [
        Run(STATUTE),
        Run("et. seq.", italic=True),
        Run(
            f") {join_names(requesting)}{collectively} hereby {verb} negotiation of an interconnection agreement "
            f"with {join_names(incumbents)} for {state_phrase(states)}."
        ),
    ]
    timeframe = TIMEFRAME.format(
        requester=requester,
        incumbents=join_names(incumbent_short),
        their="their" if len(incumbent_short) > 1 else "its",
    )
    return Letter(
        firm_name=firm["name"].upper(),
        firm_form=firm["legal_form"].upper(),
        firm_address=[line.upper() for line in (firm["street"], firm["suite"], _city_line(firm)) if line],
        firm_contact=[line for line in (firm["phone"], _fax(firm), firm["website"]) if line],
        counsel_lines=_counsel_lines(counsel),
        offices=[_office(o) for o in firm["offices"]],
        affiliate_offices=[_office(o) for o in firm["affiliate_offices"]],
        date=date,
        delivery=snapshot["delivery_line"],
        addressee=[
            addressee["name"],
            *([f"Attn: {addressee['attention']}"] if addressee["attention"] else []),
            *[line.strip() for line in addressee["address"].split("\n") if line.strip()],
        ],
        re_lines=re_lines(requester, incumbents, states),
        salutation=snapshot["salutation"],
        paragraphs=[request_paragraph, [Run(timeframe)], [Run(CLOSING_REQUEST)]],
        closing="Sincerely yours,",
        signature_png=base64.b64decode(signature["png_base64"]) if signature else None,
        signer=counsel["name"],
        signer_role=f"Counsel to {requester}",
        cc=[
            ", ".join(part for part in (c["name"], c["suffix"], c["title"], c["organisation"]) if part)
            for c in snapshot["cc"]
        ],
        header=[addressee["short_name"] or addressee["name"], date],
    )


def re_lines(requester: str, incumbents: list[str], states: list[dict]) -> list[str]:
    """The subject line, broken before “with” as the seed breaks it.

    The seed names the state only through the incumbent (“CenturyTel of Missouri LLC”); when no
    incumbent's name says which state, the state is added so the subject line always names it.
    """
    second = f"with {join_names(incumbents)}"
    if states and not all(any(s["name"] in name for name in incumbents) for s in states):
        second += f" for {state_phrase(states)}"
    return [f"{requester} Request for Negotiation of an Interconnection Agreement", second]


def state_phrase(states: list[dict]) -> str:
    """“the State of Missouri”, “the States of Kansas and Missouri”, “the District of Columbia”."""
    places = [s for s in states if s["code"] != "DC"]
    phrases = []
    if places:
        noun = "States" if len(places) > 1 else "State"
        phrases.append(f"the {noun} of {join_names([s['name'] for s in places])}")
    if len(places) != len(states):
        phrases.append("the District of Columbia")
    return " and ".join(phrases)


def _counsel_lines(counsel: dict) -> list[str]:
    lines = []
    if counsel["direct_line"]:
        lines.append(f"DIRECT LINE {counsel['direct_line']}")
    if counsel["email"]:
        lines.append(f"E-MAIL: {counsel['email']}")
    if counsel["bar_admissions"]:
        # The seed breaks the admissions before their last “and”.
        first, sep, last = counsel["bar_admissions"].rpartition(" and ")
        lines += [f"Admitted in {first}", f"and {last}"] if sep else [f"Admitted in {last}"]
    return lines


def _city_line(firm: dict) -> str:
    return f"{firm['city']}, {firm['region']} {firm['postal_code']}".strip(" ,")


def _fax(firm: dict) -> str:
    return f"FACSIMILE {firm['fax']}" if firm["fax"] else ""


def _office(office: dict) -> str:
    return ", ".join(part for part in (office["city"], office["region"]) if part).upper()
