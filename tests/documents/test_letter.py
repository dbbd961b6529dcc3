"""The request letter generated from seed_demo's records reads as the seed letter of 9 September 2004."""

import pytest

from documents.letter import compose_letter, re_lines, state_phrase
from documents.rendering import render
from documents.snapshot import letter_snapshot
from tests.documents.textutil import (
    LETTER_SEED,
    SEED_SHA256,
    assert_lines_in_order,
    docx_body_paragraphs,
    docx_header_paragraphs,
    page_count,
    pdf_text,
    seed_lines,
    seed_sha256,
    shared_original,
)

CONTINUATION = ["KELLEY DRYE & WARREN LLP", "CenturyTel", "September 9, 2004", "Page Two"]
REQUEST_PARAGRAPH = (
    "In accordance with Sections 251 and 252 of the Communications Act of 1934, as amended, (47 U.S.C. §151, "
    "et. seq.) KMC Telecom III LLC, KMC Telecom V, Inc., and KMC Data LLC (collectively, KMC Telecom) hereby "
    "request negotiation of an interconnection agreement with CenturyTel of Missouri LLC and Spectra "
    "Communications for the State of Missouri."
)


@pytest.fixture
def snapshot(seed):
    return letter_snapshot(seed["request"])


@pytest.fixture
def letter_pdf(snapshot):
    return render("letter", snapshot, "pdf")


def test_the_seed_copy_is_the_text_recorded():
    assert seed_sha256(LETTER_SEED) == SEED_SHA256[LETTER_SEED.name]


def test_the_seed_copies_are_verbatim():
    assert LETTER_SEED.read_bytes() == shared_original(LETTER_SEED).read_bytes()


def test_every_line_of_the_seed_letter_is_in_the_pdf_in_order(letter_pdf):
    lines = seed_lines(LETTER_SEED)
    assert lines[0] == "KELLEY DRYE & WARREN LLP"
    assert lines[-1] == "Mark W. Comley, Esq."
    assert_lines_in_order(lines, pdf_text(letter_pdf))


def test_the_second_page_starts_with_the_continuation_header(letter_pdf):
    # The last paragraph and the signature stay together, so the letter breaks where the seed does.
    assert page_count(letter_pdf) == 2
    page_two = [line.strip() for line in pdf_text(letter_pdf, first=2, last=2).splitlines() if line.strip()]
    assert page_two[:4] == CONTINUATION
    assert page_two[4].startswith("Kindly have your counsel contact the undersigned")
    page_one = pdf_text(letter_pdf, first=1, last=1)
    assert "Page One" not in page_one
    assert "CenturyTel\nSeptember 9, 2004\nPage" not in page_one


def test_the_docx_holds_the_same_paragraphs(snapshot):
    content = render("letter", snapshot, "docx")
    lines = seed_lines(LETTER_SEED)
    # The continuation header lives in the Word header of pages two on, not in the body.
    start = lines.index("CenturyTel", lines.index("Monroe, LA 71203"))
    body_lines = lines[: start - 1] + lines[start + 3 :]
    assert_lines_in_order(body_lines, "\n".join(docx_body_paragraphs(content)))
    header = [p for p in docx_header_paragraphs(content) if p.strip()]
    assert header == CONTINUATION


def test_the_request_paragraph_reads_as_the_seed(snapshot):
    letter = compose_letter(snapshot)
    assert "".join(run.text for run in letter.paragraphs[0]) == REQUEST_PARAGRAPH
    assert [run.text for run in letter.paragraphs[0] if run.italic] == ["et. seq."]
    assert letter.counsel_lines == [
        "DIRECT LINE (202) 887-1257",
        "E-MAIL: AKlein@KelleyDrye.com",
        "Admitted in New York, New Jersey",
        "and the District of Columbia",
    ]
    assert letter.firm_address == ["1200 19TH STREET, N.W.", "SUITE 500", "WASHINGTON, D.C. 20036"]
    assert letter.offices[0] == "NEW YORK, NY"
    assert letter.affiliate_offices[-1] == "TOKYO, JAPAN"


def test_requesting_affiliates_bear_the_name_of_the_letter_date(seed):
    # KMC Telecom III, Inc. became an LLC by 9 September 2004; an older letter names the corporation.
    request = seed["request"]
    assert letter_snapshot(request)["requesting"][0]["name"] == "KMC Telecom III LLC"
    request.letter_date = request.letter_date.replace(month=8, day=20)
    assert letter_snapshot(request)["requesting"][0]["name"] == "KMC Telecom III, Inc."


def test_the_subject_line_names_the_state_when_no_incumbent_does():
    missouri = [{"code": "MO", "name": "Missouri"}]
    assert re_lines("KMC Telecom", ["CenturyTel of Missouri LLC", "Spectra Communications"], missouri)[1] == (
        "with CenturyTel of Missouri LLC and Spectra Communications"
    )
    assert re_lines("KMC Telecom", ["Spectra Communications"], missouri)[1] == (
        "with Spectra Communications for the State of Missouri"
    )


def test_state_phrases():
    assert state_phrase([{"code": "KS", "name": "Kansas"}, {"code": "MO", "name": "Missouri"}]) == (
        "the States of Kansas and Missouri"
    )
    assert state_phrase([{"code": "DC", "name": "District of Columbia"}]) == "the District of Columbia"


def test_one_requesting_affiliate_requests_in_the_singular(factory, db):
    request = factory.NegotiationRequestFactory(with_parties=True, collective_name="Acme")
    request.states.add("KS")
    text = "".join(run.text for run in compose_letter(letter_snapshot(request)).paragraphs[0])
    assert text.endswith("for the State of Kansas.")
    assert "Affiliate" in text
    assert "(Acme) hereby requests negotiation" in text


def test_an_uploaded_signature_is_printed(seed, media):
    from io import BytesIO

    from django.core.files.base import ContentFile
    from PIL import Image

    counsel = seed["counsel"]
    image = BytesIO()
    Image.new("RGB", (300, 80), "white").save(image, format="PNG")
    counsel.signature.save("klein.png", ContentFile(image.getvalue()))
    snapshot = letter_snapshot(seed["request"])
    assert snapshot["counsel"]["signature"]["width"] == 300
    from pypdf import PdfReader

    pdf = render("letter", snapshot, "pdf")
    page_two = PdfReader(BytesIO(pdf)).pages[1]
    assert len(page_two.images) == 1
    assert_lines_in_order(seed_lines(LETTER_SEED), pdf_text(pdf))
