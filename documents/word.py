"""The same letter and amendment as Word documents, so counsel can redline them.

Each function prints the composed text (``letter.Letter``, ``amendment.AmendmentText``) that the
PDF template prints; python-docx escapes every value it writes.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

from documents.amendment import AmendmentText
from documents.letter import Letter

FONT = "Times New Roman"  # Word's serif; Liberation Serif in the PDF has the same metrics


def letter_docx(letter: Letter, *, draft: bool = False) -> bytes:
    document = _document()
    section = document.sections[0]
    section.top_margin = Inches(0.55)
    section.header_distance = Inches(0.5)
    section.different_first_page_header_footer = True
    _continuation_header(section.header, letter)
    if draft:
        _draft_mark(document)

    _para(document, letter.firm_name, size=18, align="center", after=0, spacing=3)
    if letter.firm_form:
        _para(document, letter.firm_form, size=6.5, align="center", after=0, spacing=1.5)
    _lines(document, letter.firm_address, size=7.5, align="center", before=12)
    _lines(document, letter.firm_contact, size=7.5, align="center", before=6)
    columns = document.add_table(rows=1, cols=2)
    columns.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = columns.rows[0].cells
    _cell_lines(left, letter.counsel_lines, size=7.5)
    office_lines = list(letter.offices)
    if letter.affiliate_offices:
        office_lines += ["", letter.affiliate_heading, *letter.affiliate_offices]
    _cell_lines(right, office_lines, size=7.5, align="right")
    _para(document, "", after=14)

    _para(document, letter.date, after=14)
    _para(document, letter.delivery, bold=True, after=14)
    _lines(document, letter.addressee, after=14)
    re_line = _para(document, "", bold=True, after=14, indent=0.6, first_line=-0.6)
    re_line.add_run("Re:\t").bold = True
    for index, line in enumerate(letter.re_lines):
        run = re_line.add_run(line)
        run.bold = True
        if index < len(letter.re_lines) - 1:
            run.add_break()
    _para(document, letter.salutation)
    for paragraph in letter.body_paragraphs:
        _runs(document, paragraph)
    closing = _runs(document, letter.closing_paragraph)
    closing.paragraph_format.keep_with_next = True

    _para(document, letter.closing, indent=3.25, after=2, keep=True)
    if letter.signature_png:
        picture = _para(document, "", indent=3.25, after=4, keep=True)
        picture.add_run().add_picture(BytesIO(letter.signature_png), height=Inches(0.6))
    else:
        _para(document, "", indent=3.25, after=36, keep=True)
    _para(document, letter.signer, indent=3.25, after=0, keep=True)
    _para(document, letter.signer_role, indent=3.25, after=26)
    for index, line in enumerate(letter.cc):
        _para(document, ("cc:\t" if index == 0 else "\t") + line, after=0, indent=0.45, first_line=-0.45)
    return _save(document)


def amendment_docx(text: AmendmentText, *, draft: bool = False) -> bytes:
    document = _document()
    if draft:
        _draft_mark(document)
    for index, line in enumerate(text.title_lines):
        _para(
            document, line, bold=True, align="center", after=18 if index == len(text.title_lines) - 1 else 0
        )
    _para(document, text.preamble, align="justify")
    for recital in text.recitals:
        _para(document, recital, align="justify", first_line=0.5)
    _para(document, text.now_therefore, align="justify", first_line=0.5)
    for provision in text.provisions:
        _para(
            document, f"{provision.number}.\t{provision.text}", align="justify", indent=0.5, first_line=-0.5
        )
        for quoted in provision.quoted:
            _para(document, quoted, align="justify", indent=1.0, right=0.5)

    document.add_section(WD_SECTION.NEW_PAGE)
    _para(document, text.signature_heading, bold=True, align="center", after=18)
    _para(document, text.witness, align="justify", first_line=0.5, after=30)
    blocks = text.signatures
    table = document.add_table(rows=(len(blocks) + 1) // 2, cols=2)
    for index, block in enumerate(blocks):
        cell = table.cell(index // 2, index % 2)
        cell.paragraphs[0].add_run(block.party).bold = True
        by = cell.add_paragraph("By: ")
        by.paragraph_format.space_before = Pt(18)
        signed = by.add_run(block.signed_by or "\u00a0" * 30)
        signed.italic = True
        signed.underline = True
        if block.annotation:
            by.add_run(f" {block.annotation}").font.size = Pt(9)
        cell.add_paragraph(f"Name: {block.name}")
        cell.add_paragraph(f"Title: {block.title}")
        cell.add_paragraph(f"Date: {block.date}")

    document.add_section(WD_SECTION.NEW_PAGE)
    _para(document, text.schedule_heading, bold=True, align="center", after=12)
    _para(document, text.schedule_title, bold=True, align="center", after=18)
    for line in text.schedule_lines:
        _para(document, line)
    return _save(document)


# -- helpers --------------------------------------------------------------------------------------

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _document():
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Inches(1)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    # East-Asian and complex-script fallbacks too, or Word substitutes its own default for them.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    normal.paragraph_format.space_after = Pt(12)
    normal.paragraph_format.line_spacing = 1.0
    return document


def _para(
    container,
    text: str,
    *,
    size: float | None = None,
    bold: bool = False,
    align: str = "left",
    before: float = 0,
    after: float = 12,
    indent: float = 0,
    first_line: float = 0,
    right: float = 0,
    spacing: float = 0,
    keep: bool = False,
):
    paragraph = container.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if spacing:
            _letter_spacing(run, spacing)
    fmt = paragraph.paragraph_format
    fmt.alignment = _ALIGN[align]
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if indent:
        fmt.left_indent = Inches(indent)
    if first_line:
        fmt.first_line_indent = Inches(first_line)
        if first_line < 0:
            fmt.tab_stops.add_tab_stop(Inches(indent))
    if right:
        fmt.right_indent = Inches(right)
    fmt.keep_with_next = keep
    return paragraph


def _lines(container, lines: list[str], *, size=None, align="left", before=0, after=0):
    """Several lines as one paragraph with line breaks, as an address block is typed in Word."""
    paragraph = _para(container, "", align=align, before=before, after=after)
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if size:
            run.font.size = Pt(size)
        if index < len(lines) - 1:
            run.add_break()
    return paragraph


def _cell_lines(cell, lines: list[str], *, size: float, align: str = "left") -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.alignment = _ALIGN[align]
    paragraph.paragraph_format.space_after = Pt(0)
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.font.size = Pt(size)
        if index < len(lines) - 1:
            run.add_break()


def _runs(container, runs) -> object:
    paragraph = _para(container, "", align="justify", first_line=0.5)
    for part in runs:
        run = paragraph.add_run(part.text)
        run.italic = part.italic
    return paragraph


def _continuation_header(header, letter: Letter) -> None:
    """Pages two and after: firm name, addressee, date, and the page number in words (“Page Two”)."""
    first = header.paragraphs[0]
    first.text = ""
    first.add_run(letter.firm_name).font.size = Pt(11)
    first.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    first.paragraph_format.space_after = Pt(14)
    for line in letter.header:
        _para(header, line, after=0)
    page = _para(header, "Page ", after=24)
    _page_number_in_words(page)


def _page_number_in_words(paragraph) -> None:
    """A PAGE field formatted as words (CardText) with capitals; “Two” is its cached result."""

    def fld_char(kind: str):
        run = paragraph.add_run()
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)

    fld_char("begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE \\* CardText \\* Caps "
    paragraph.add_run()._r.append(instruction)
    fld_char("separate")
    paragraph.add_run("Two")
    fld_char("end")


def _letter_spacing(run, points: float) -> None:
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(int(points * 20)))
    run._r.get_or_add_rPr().append(spacing)


def _draft_mark(document) -> None:
    paragraph = _para(document, "", align="center", after=6)
    run = paragraph.add_run("DRAFT")
    run.bold = True
    run.font.size = Pt(20)
    run.font.color.rgb = RGBColor(0xAA, 0x00, 0x00)
    run.add_break(WD_BREAK.LINE)


def _save(document) -> bytes:
    out = BytesIO()
    document.save(out)
    return out.getvalue()
