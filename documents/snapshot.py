"""The data a document is made from, as plain JSON: what a final document keeps beside its file.

Templates and the Word writer read only these dicts, never the models, so a document generated
today renders from today's facts even if the records change tomorrow. Every text value is
cleaned on the way in: control characters dropped (Word refuses them) and the length capped, so
a pasted megabyte cannot make the renderer work for minutes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import stat
from io import BytesIO

from django.core.exceptions import SuspiciousFileOperation
from django.db import models
from PIL import Image, UnidentifiedImageError

from agreements.models import RequestParty
from documents.drafting import draft_provisions, rate_change_facts, section_change_facts

logger = logging.getLogger(__name__)

SCHEMA = 1
TEXT_LIMIT = 20_000  # characters of one free-text field (a recital, a quoted section, an address)
TRUNCATED = " … [truncated]"
MAX_SIGNATURE_BYTES = 512 * 1024
MAX_SIGNATURE_PIXELS = 4_000_000
SIGNATURE_BOX = (1200, 400)  # enough for print at 300 dpi in a 4 × 1.3 inch box

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


class SnapshotError(ValueError):
    """The records cannot be made into a document (e.g. a request with no incumbent)."""


def clean(value, limit: int = TEXT_LIMIT) -> str:
    """Text as a document may print it: no control characters, at most ``limit`` characters."""
    text = "" if value is None else str(value)
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(text) > limit:
        text = text[: max(limit - len(TRUNCATED), 0)] + TRUNCATED
    return text


def field(obj: models.Model, name: str) -> str:
    """One text field of a record, capped at the field's own max_length (or TEXT_LIMIT)."""
    model_field = obj._meta.get_field(name)
    limit = getattr(model_field, "max_length", None) or TEXT_LIMIT
    return clean(getattr(obj, name), min(limit, TEXT_LIMIT))


def digest(snapshot: dict) -> str:
    """SHA-256 of the snapshot's canonical JSON: equal data, equal digest."""
    return hashlib.sha256(canonical_json(snapshot).encode()).hexdigest()


def canonical_json(snapshot: dict) -> str:
    return json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# -- the request for negotiation ------------------------------------------------------------------


def letter_snapshot(request) -> dict:
    """Everything the request letter prints, from a NegotiationRequest and its counsel's firm."""
    counsel = request.counsel
    firm = counsel.firm
    parties = list(
        request.parties.select_related("affiliate")
        .prefetch_related("affiliate__former_names")
        .order_by("order", "id")
    )
    requesting = [p.affiliate for p in parties if p.role == RequestParty.Role.REQUESTING]
    incumbents = [p.affiliate for p in parties if p.role == RequestParty.Role.INCUMBENT]
    if not requesting or not incumbents:
        raise SnapshotError("The request needs at least one requesting affiliate and one incumbent.")
    states = list(request.states.order_by("code"))
    if not states:
        raise SnapshotError("The request names no state; the letter asks for an agreement for a state.")
    day = request.letter_date
    signature, problem = signature_image(counsel.signature)
    return {
        "schema": SCHEMA,
        "kind": "letter",
        "subject_id": request.pk,
        "firm": {
            **{name: field(firm, name) for name in _FIRM_FIELDS},
            "offices": [_office(o) for o in firm.offices.all() if o.kind == "office"],
            "affiliate_offices": [_office(o) for o in firm.offices.all() if o.kind == "affiliate"],
        },
        "counsel": {
            **{name: field(counsel, name) for name in ("name", "direct_line", "email", "bar_admissions")},
            "signature": signature,
            "signature_problem": problem,
        },
        "letter_date": day.isoformat(),
        "delivery_line": clean(request.delivery_line, 120),
        "addressee": {
            "name": field(request, "addressee_name"),
            "short_name": field(request, "addressee_short_name"),
            "attention": field(request, "attention"),
            "address": field(request, "address"),
        },
        "salutation": field(request, "salutation"),
        "collective_name": field(request, "collective_name"),
        "requesting": [_party(a, day) for a in requesting],
        "incumbents": [_party(a, day) for a in incumbents],
        "states": [{"code": s.code, "name": field(s, "name")} for s in states],
        "cc": [
            {name: field(cc.contact, name) for name in ("name", "suffix", "title", "organisation")}
            for cc in request.cc_lines.select_related("contact").order_by("order", "id")
        ],
    }


_FIRM_FIELDS = (
    "name",
    "legal_form",
    "street",
    "suite",
    "city",
    "region",
    "postal_code",
    "phone",
    "fax",
    "website",
)


def _office(office) -> dict:
    return {"city": field(office, "city"), "region": field(office, "region")}


def _party(affiliate, day) -> dict:
    """An affiliate as it was named on ``day`` (KMC Telecom III, Inc. before its conversion)."""
    return {"name": clean(affiliate.name_on(day), 200), "short_name": field(affiliate, "short_name")}


# -- the amendment --------------------------------------------------------------------------------


def amendment_snapshot(amendment) -> dict:
    """Everything the amendment prints: title, parties, recitals, provisions, signatures, Attachment A."""
    agreements = list(
        amendment.agreements.select_related("competitive_party", "incumbent_party")
        .prefetch_related("competitive_party__former_names", "incumbent_party__former_names")
        .order_by("dated", "id")
    )
    if not agreements:
        raise SnapshotError("The amendment does not name the agreement it amends.")
    signatures = list(amendment.signatures.select_related("party").prefetch_related("party__former_names"))
    day = naming_day(amendment, signatures)
    stored = list(amendment.provisions.order_by("number", "id"))
    provisions = (
        [field(p, "text") for p in stored] if stored else [clean(t) for t in draft_provisions(amendment)]
    )
    return {
        "schema": SCHEMA,
        "kind": "amendment",
        "subject_id": amendment.pk,
        "title": field(amendment, "number") or field(amendment, "title"),
        "dated": amendment.dated.isoformat() if amendment.dated else None,
        "effective_on": amendment.effective_on.isoformat(),
        "agreements": [
            {
                "title": field(a, "title"),
                "dated": a.dated.isoformat(),
                "competitive": _party(a.competitive_party, day),
                "incumbent": _party(a.incumbent_party, day),
            }
            for a in agreements
        ],
        "recitals": [field(r, "text") for r in amendment.recitals.order_by("order", "id")],
        "provisions": provisions,
        "provisions_source": "stored" if stored else "drafted",
        "rate_changes": [{k: clean(v, 200) for k, v in c.items()} for c in rate_change_facts(amendment)],
        "section_changes": [{k: clean(v) for k, v in c.items()} for c in section_change_facts(amendment)],
        "signatures": [
            {
                "party": clean(s.party.name_on(day), 200),
                "signer_name": field(s, "signer_name"),
                "signer_title": field(s, "signer_title"),
                "signed_on": s.signed_on.isoformat() if s.signed_on else None,
                "annotation": field(s, "annotation"),
            }
            for s in signatures
        ],
        "schedule_title": field(amendment, "schedule_title"),
        "schedule": [
            {
                "affiliates": [clean(a.name_on(day), 200) for a in affiliates],
                "states": [s.code for s in states],
            }
            for affiliates, states in amendment.schedule_groups()
        ],
    }


def naming_day(amendment, signatures) -> object:
    """The day whose names the amendment uses: its first signature, else its own date, else its effect."""
    signed = [s.signed_on for s in signatures if s.signed_on]
    return min(signed) if signed else amendment.dated or amendment.effective_on


# -- the signature image --------------------------------------------------------------------------


def signature_image(image_field) -> tuple[dict | None, str]:
    """The counsel's signature as a small clean PNG for the snapshot, or None and the reason why not.

    The stored file is read at most MAX_SIGNATURE_BYTES, only if it is a regular file inside the
    media storage (never a device, a FIFO or a link elsewhere), then decoded and re-encoded, so
    what reaches the renderer is pixels we made ourselves.
    """
    if not image_field:
        return None, ""
    try:
        data = _read_capped(image_field.storage, image_field.name, MAX_SIGNATURE_BYTES)
        with Image.open(BytesIO(data)) as image:
            if image.format not in ("PNG", "JPEG"):
                raise ValueError(f"a {image.format} image; use PNG or JPEG")
            if image.width * image.height > MAX_SIGNATURE_PIXELS:
                raise ValueError(f"{image.width} × {image.height} pixels is too large")
            image.load()
            image = image.convert("RGBA")
            image.thumbnail(SIGNATURE_BOX)
            out = BytesIO()
            image.save(out, format="PNG", optimize=True)
    except (
        OSError,
        ValueError,
        SuspiciousFileOperation,
        UnidentifiedImageError,
        Image.DecompressionBombError,
    ) as exc:
        logger.warning("Signature image %r not used: %s", image_field.name, exc)
        return None, f"The signature image cannot be used: {exc}"[:300]
    png = out.getvalue()
    return {
        "sha256": hashlib.sha256(png).hexdigest(),
        "png_base64": base64.b64encode(png).decode(),
        "width": image.width,
        "height": image.height,
    }, ""


def _read_capped(storage, name: str, limit: int) -> bytes:
    try:
        path = storage.path(name)  # raises SuspiciousFileOperation for a name outside MEDIA_ROOT
    except NotImplementedError:
        path = None
    if path is None:
        with storage.open(name, "rb") as handle:
            data = handle.read(limit + 1)
    else:
        # O_NONBLOCK so that opening a FIFO returns at once; O_NOFOLLOW so a link is not followed.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise ValueError("not a regular file")
            if info.st_size > limit:
                raise ValueError(f"{info.st_size} bytes is more than {limit}")
            data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"more than {limit} bytes")
    return data
