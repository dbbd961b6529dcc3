"""Reading generated documents back as text, and the seed documents as the lines a test looks for."""

from __future__ import annotations

import hashlib
import re
import subprocess
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.table import Table

from tests.conftest import unavailable

# The repository's own verbatim copies of the two seed documents: every comparison reads these, so
# the suite runs from a clone of this repository alone.
SEEDS = Path(__file__).resolve().parent / "seeds"
LETTER_SEED = SEEDS / "000_fc7ea0d8e8dac45f.txt"
AMENDMENT_SEED = SEEDS / "001_158d9d4d2207cf9d.txt"
# The SHA-256 of each copy when it was taken: an edit to a copy fails a test even in a fresh clone.
SEED_SHA256 = {
    LETTER_SEED.name: "0cfe5fb614fc8f1c5501938691f34520e6a2535abc899374fe43b2801afb65de",
    AMENDMENT_SEED.name: "298da0087d970ed910827285468f572bf484b42cb24fa8eb9ed90301d4a04931",
}
# Where the originals sat beside the checkout the copies were taken in; only the copy test looks.
SHARED_SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def seed_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def shared_original(copy: Path) -> Path:
    """The original a copy was taken from. Missing, it skips the test, or fails it under REQUIRE_SERVICES=1."""
    original = SHARED_SEEDS / copy.name
    if not original.exists():
        unavailable(
            f"{SHARED_SEEDS} is not beside this checkout (the copy's SHA-256 is checked all the same)"
        )
    return original


# Lines of the seed files that are not text of the document itself.
NOT_DOCUMENT_TEXT = (
    "A handwritten signature in black ink",  # a description of the signature image, not typed text
    "Exhibit A",  # the exhibit stamp on the copy filed in a proceeding, not part of the letter
)


def normalise(text: str) -> str:
    """One space between words, straight quotes, no zero-width spaces (the PDF's wrap hints)."""
    text = text.replace("\u200b", "").replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("\u2018", "'").replace("\u2019", "'").replace("\u00a0", " ")
    return " ".join(text.split())


def seed_lines(path: Path) -> list[str]:
    """The seed's lines as the document prints them.

    Normalised, and why:
    - “CELLEY” is an OCR slip for “KELLEY” in the letterhead;
    - ``**…**`` (bold) and ``*…*`` (italic: “et. seq.”, the handwritten “RCP 8/25/04”) are
      Markdown of the transcription, not characters of the document;
    - `` - `` before the quoted Section 7.3/10.8 language is Markdown for an indented block;
    - whitespace-only lines (page breaks of the scan) and the lines in NOT_DOCUMENT_TEXT are skipped.
    """
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.replace("CELLEY DRYE", "KELLEY DRYE").replace("**", "")
        line = re.sub(r"\*([^*]+)\*", r"\1", line)
        line = re.sub(r"^\s*- ", "", line)
        line = normalise(line)
        if line and not line.startswith(NOT_DOCUMENT_TEXT):
            lines.append(line)
    return lines


def pdf_text(pdf: bytes, first: int | None = None, last: int | None = None) -> str:
    """pdftotext's reading-order text (the continuation header comes first on its page)."""
    args = ["pdftotext", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    return subprocess.run([*args, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf)).pages)


def docx_body_paragraphs(content: bytes) -> list[str]:
    """Every paragraph of the body in reading order, table cells row by row."""
    document = Document(BytesIO(content))
    paragraphs = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    paragraphs += [p.text for p in cell.paragraphs]
        else:
            paragraphs.append(block.text)
    return paragraphs


def docx_header_paragraphs(content: bytes) -> list[str]:
    section = Document(BytesIO(content)).sections[0]
    return [p.text for p in section.header.paragraphs]


def assert_lines_in_order(lines: list[str], text: str) -> None:
    """Each line occurs in ``text`` after the previous one (both normalised)."""
    haystack = normalise(text)
    position = 0
    for line in lines:
        found = haystack.find(line, position)
        assert found >= 0, f"{line!r} not found after …{haystack[max(0, position - 80) : position]!r}"
        position = found + len(line)


def is_marked_draft(pdf: bytes) -> bool:
    """The diagonal watermark comes out of pdftotext one letter a line: D, R, A, F, T."""
    return "DRAFT" in "".join(pdf_text(pdf).split())
