"""The amendment as words on a page, composed from an amendment snapshot.

The wording follows the seed amendment to the KMC / BellSouth agreement dated 6 October 2000
(``shared/seeds/001``); when one amendment amends several agreements, the title and the preamble
name them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from documents.prose import join_names, long_date, short_date

NOW_THEREFORE = (
    "NOW, THEREFORE, in consideration of the mutual provisions contained herein and other good and valuable "
    "consideration, the receipt and sufficiency of which are hereby acknowledged, the Parties hereby covenant "
    "and agree as follows:"
)
WITNESS = "IN WITNESS WHEREOF, the Parties have executed this Agreement the day and year written below."


@dataclass(frozen=True)
class Provision:
    number: int
    text: str
    quoted: list[str]  # language the provision adds, printed as indented paragraphs


@dataclass(frozen=True)
class SignatureBlock:
    party: str
    signed_by: str  # the conformed signature on the “By:” line once the party has signed
    annotation: str
    name: str
    title: str
    date: str


@dataclass
class AmendmentText:
    title_lines: list[str]
    preamble: str
    recitals: list[str]
    now_therefore: str
    provisions: list[Provision]
    signature_heading: str
    witness: str
    signatures: list[SignatureBlock]
    schedule_heading: str
    schedule_title: str
    schedule_lines: list[str]


def compose_amendment(snapshot: dict) -> AmendmentText:
    agreements = snapshot["agreements"]
    return AmendmentText(
        title_lines=title_lines(snapshot["title"], agreements),
        preamble=preamble(agreements, snapshot["effective_on"], bool(snapshot["schedule"])),
        recitals=[f"WHEREAS, {text}" for text in snapshot["recitals"]],
        now_therefore=NOW_THEREFORE,
        provisions=[_provision(number, text) for number, text in enumerate(snapshot["provisions"], start=1)],
        signature_heading="Signature Page",
        witness=WITNESS,
        signatures=[
            SignatureBlock(
                party=s["party"],
                signed_by=s["signer_name"] if s["signed_on"] else "",
                annotation=s["annotation"] if s["signed_on"] else "",
                name=s["signer_name"],
                title=s["signer_title"],
                date=short_date(s["signed_on"]),
            )
            for s in snapshot["signatures"]
        ],
        schedule_heading="Attachment A",
        schedule_title=snapshot["schedule_title"] or _default_schedule_title(agreements),
        schedule_lines=[
            f"{', '.join(group['affiliates'])} ({', '.join(group['states'])})"
            for group in snapshot["schedule"]
        ],
    )


def title_lines(title: str, agreements: list[dict]) -> list[str]:
    """The centred title block: “Amendment / To the / Interconnection Agreement / Between / … / Dated …”."""
    first = agreements[0]
    if len(agreements) == 1:
        return [
            title,
            "To the",
            first["title"],
            "Between",
            first["competitive"]["name"],
            "and",
            first["incumbent"]["name"],
            f"Dated {long_date(first['dated'])}",
        ]
    lines = [title, "To the", _plural(first["title"])]
    if _same_parties(agreements):
        return lines + [
            "Between",
            first["competitive"]["name"],
            "and",
            first["incumbent"]["name"],
            f"Dated {join_names([long_date(a['dated']) for a in agreements])}",
        ]
    for index, agreement in enumerate(agreements):
        if index:
            lines.append("and")
        lines += [
            "Between",
            agreement["competitive"]["name"],
            "and",
            agreement["incumbent"]["name"],
            f"Dated {long_date(agreement['dated'])}",
        ]
    return lines


def preamble(agreements: list[dict], effective_on: str, has_schedule: bool) -> str:
    competitive = _unique_parties(a["competitive"] for a in agreements)
    incumbents = _unique_parties(a["incumbent"] for a in agreements)
    # As the seed writes it: the competitive carrier's short name bare, the incumbent's in quotation marks.
    named = [_defined(p, quoted=False) for p in competitive] + [_defined(p, quoted=True) for p in incumbents]
    parties = ", ".join(named[:-1]) + ", and " + named[-1] if len(named) > 1 else named[0]
    dates = join_names([long_date(a["dated"]) for a in agreements])
    if len(agreements) == 1:
        amended = (
            f"that certain {agreements[0]['title']} between the Parties dated {dates} (\u201cAgreement\u201d)"
        )
    else:
        amended = (
            f"those certain {_plural(agreements[0]['title'])} between the Parties dated {dates} "
            f"(collectively, the \u201cAgreements\u201d)"
        )
    text = (
        f"Pursuant to this Amendment, (the \u201cAmendment\u201d), {parties}, hereinafter referred to collectively "
        f"as the \u201cParties,\u201d hereby agree to amend {amended} to be effective {long_date(effective_on)}."
    )
    if has_schedule:
        requester = join_names([p["short_name"] or p["name"] for p in competitive])
        text += (
            f" {requester} on behalf of itself and its certificated operating affiliates identified in "
            f"Attachment A hereto."
        )
    return text


def _provision(number: int, text: str) -> Provision:
    lead, *rest = text.split("\n")
    return Provision(number, lead, [line.strip() for line in rest if line.strip()])


def _defined(party: dict, quoted: bool) -> str:
    short = party["short_name"]
    if not short or short == party["name"]:
        return party["name"]
    return f"{party['name']} (\u201c{short}\u201d)" if quoted else f"{party['name']} ({short})"


def _unique_parties(parties) -> list[dict]:
    return list({p["name"]: p for p in parties}.values())


def _same_parties(agreements: list[dict]) -> bool:
    return len({(a["competitive"]["name"], a["incumbent"]["name"]) for a in agreements}) == 1


def _plural(title: str) -> str:
    return title if title.endswith("s") else f"{title}s"


def _default_schedule_title(agreements: list[dict]) -> str:
    requester = agreements[0]["competitive"]
    return f"SCHEDULE OF {(requester['short_name'] or requester['name']).upper()} OPERATING AFFILIATES"
