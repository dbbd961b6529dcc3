"""The amendment generated from seed_demo's records reads as the seed amendment, Attachment A line for line."""

from datetime import date

import pytest

from amendments.models import Provision, SectionChange
from demo.seed import PROVISIONS
from documents.amendment import compose_amendment
from documents.drafting import compose_provisions, draft_provisions
from documents.models import StandardClause
from documents.rendering import render
from documents.snapshot import amendment_snapshot
from tests.documents.textutil import (
    AMENDMENT_SEED,
    SEED_SHA256,
    assert_lines_in_order,
    docx_body_paragraphs,
    page_count,
    pdf_text,
    seed_lines,
    seed_sha256,
    shared_original,
)


def attachment_a(lines: list[str]) -> list[str]:
    return lines[lines.index("Attachment A") :]


def test_the_seed_copy_is_the_text_recorded():
    assert seed_sha256(AMENDMENT_SEED) == SEED_SHA256[AMENDMENT_SEED.name]


def test_the_seed_copy_is_verbatim():
    assert AMENDMENT_SEED.read_bytes() == shared_original(AMENDMENT_SEED).read_bytes()


@pytest.mark.parametrize("provisions", ["stored", "drafted"])
def test_every_line_of_the_seed_amendment_is_in_the_pdf_in_order(seed, provisions):
    amendment = seed["amendment"]
    if provisions == "drafted":
        # Without stored provisions the renderer drafts them from the structured changes.
        Provision.objects.filter(amendment=amendment).delete()
    snapshot = amendment_snapshot(amendment)
    assert snapshot["provisions_source"] == provisions
    pdf = render("amendment", snapshot, "pdf")
    lines = seed_lines(AMENDMENT_SEED)
    assert lines[0] == "Amendment"
    assert lines[-1].endswith("(NC)")
    assert_lines_in_order(lines, pdf_text(pdf))


def test_attachment_a_lines_equal_the_seed(seed):
    pdf = render("amendment", amendment_snapshot(seed["amendment"]), "pdf")
    last_page = pdf_text(pdf, first=page_count(pdf), last=page_count(pdf))
    printed = [line.strip() for line in last_page.splitlines() if line.strip()]
    assert printed == attachment_a(seed_lines(AMENDMENT_SEED))
    assert printed[2] == "KMC Telecom, Inc., KMC Telecom III, Inc., KMC Telecom V, Inc. (AL, LA)"
    assert printed[6] == "KMC Telecom III, Inc., KMC Telecom V, Inc. (MS, SC, TN)"


def test_the_docx_holds_the_same_paragraphs(seed):
    content = render("amendment", amendment_snapshot(seed["amendment"]), "docx")
    paragraphs = docx_body_paragraphs(content)
    assert_lines_in_order(seed_lines(AMENDMENT_SEED), "\n".join(paragraphs))
    schedule = [p.strip() for p in paragraphs if p.strip()]
    assert schedule[schedule.index("Attachment A") :] == attachment_a(seed_lines(AMENDMENT_SEED))


def test_drafted_provisions_equal_the_seed_provisions(seed):
    assert draft_provisions(seed["amendment"]) == PROVISIONS


def test_inactive_clauses_are_left_out_and_order_is_kept(seed):
    StandardClause.objects.filter(key="state-approval-252e").update(active=False)
    StandardClause.objects.create(
        key="counterparts",
        title="Counterparts",
        text="This Amendment may be executed in counterparts.",
        order=5,
    )
    drafted = draft_provisions(seed["amendment"])
    assert drafted[:2] == PROVISIONS[:2]
    assert drafted[2:] == ["This Amendment may be executed in counterparts.", PROVISIONS[2]]


def test_signature_blocks_and_names_of_the_signing_day(seed):
    text = compose_amendment(amendment_snapshot(seed["amendment"]))
    bellsouth, kmc = text.signatures
    assert (bellsouth.name, bellsouth.title, bellsouth.date) == ("KRISTEN E. LOWE", "DIRECTOR", "8/26/04")
    assert (kmc.signed_by, kmc.annotation, kmc.date) == ("Maura Brown Johnson", "RCP 8/25/04", "8/25/04")
    # Attachment A names KMC Telecom III as it was called when the parties signed, not as it is now.
    assert "KMC Telecom III LLC" not in " ".join(text.schedule_lines)


def test_an_unsigned_block_leaves_the_lines_blank(seed):
    seed["amendment"].signatures.update(signed_on=None)
    bellsouth = compose_amendment(amendment_snapshot(seed["amendment"])).signatures[0]
    assert (bellsouth.signed_by, bellsouth.annotation, bellsouth.date) == ("", "", "")


def test_one_amendment_of_several_agreements_says_so(seed, factory):
    amendment, agreement = seed["amendment"], seed["agreement"]
    second = factory.AgreementFactory(
        competitive_party=agreement.competitive_party,
        incumbent_party=agreement.incumbent_party,
        dated=date(2003, 3, 1),
    )
    amendment.agreements.add(second)
    Provision.objects.filter(amendment=amendment).delete()
    snapshot = amendment_snapshot(amendment)
    text = compose_amendment(snapshot)
    assert text.title_lines[2:] == [
        "Interconnection Agreements",
        "Between",
        "KMC Telecom Holdings, Inc.",
        "and",
        "BellSouth Telecommunications, Inc.",
        "Dated October 6, 2000 and March 1, 2003",
    ]
    assert (
        "hereby agree to amend those certain Interconnection Agreements between the Parties dated "
        "October 6, 2000 and March 1, 2003 (collectively, the \u201cAgreements\u201d) to be effective "
        "September 14, 2004." in text.preamble
    )
    assert snapshot["provisions"][2] == (
        "All of the other provisions of the Agreements dated October 6, 2000 and March 1, 2003 shall remain "
        "unchanged and in full force and effect."
    )
    pdf_lines = pdf_text(render("amendment", snapshot, "pdf"))
    assert "Dated October 6, 2000 and March 1, 2003" in pdf_lines


def test_agreements_with_different_parties_each_get_their_own_between(seed, factory):
    other = factory.AgreementFactory(dated=date(2001, 5, 1))
    seed["amendment"].agreements.add(other)
    lines = compose_amendment(amendment_snapshot(seed["amendment"])).title_lines
    assert lines.count("Between") == 2
    assert "Dated October 6, 2000" in lines
    assert "Dated May 1, 2001" in lines


def test_drafting_replacements_singletons_and_uncategorised_deletions():
    rate_changes = [
        {"action": "delete", "usoc": "ABC12", "attachment": "3", "exhibit": "", "category": ""},
    ]
    sections = [
        {"action": "replace", "attachment": "1", "number": "4.2", "text": "New text."},
        {"action": "add", "attachment": "5", "number": "9", "text": "Whole section."},
    ]
    assert compose_provisions(rate_changes, sections, [], {}) == [
        "The Parties agree to delete in their entirety the rate elements in Attachment 3 identified by the "
        "following USOC: ABC12.",
        "The Parties agree to replace Section 4.2 of Attachment 1 in its entirety with the following language:\n"
        "New text.",
        "The Parties agree to add the following language to Attachment 5 as Section 9:\nWhole section.",
    ]


def test_section_changes_with_different_language_are_separate_provisions(seed):
    SectionChange.objects.filter(amendment=seed["amendment"], number="10.8").update(text="Other words.")
    drafted = draft_provisions(seed["amendment"])
    assert drafted[1].startswith(
        "The Parties agree to add the following language to Section 7 as Section 7.3 of"
    )
    assert drafted[2] == (
        "The Parties agree to add the following language to Section 10 as Section 10.8 of Attachment 2:\n"
        "Other words."
    )
