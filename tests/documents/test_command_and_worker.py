"""``manage.py render_document`` and the Celery task render the same documents."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from documents.models import GeneratedDocument
from documents.tasks import RENDER_TIME_LIMIT, enqueue_generation, render_document
from tests.documents.textutil import docx_body_paragraphs, pdf_text

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_render_document_writes_a_pdf_and_a_docx(seed, tmp_path):
    pdf, docx = tmp_path / "letter.pdf", tmp_path / "amendment.docx"
    call_command("render_document", "letter", str(seed["request"].pk), "--output", str(pdf))
    call_command("render_document", "amendment", str(seed["amendment"].pk), "--output", str(docx))
    assert "Counsel to KMC Telecom" in pdf_text(pdf.read_bytes())
    assert "Attachment A" in docx_body_paragraphs(docx.read_bytes())
    explicit = tmp_path / "amendment.out"
    call_command(
        "render_document", "amendment", str(seed["amendment"].pk), "-o", str(explicit), "--format", "pdf"
    )
    assert explicit.read_bytes().startswith(b"%PDF")
    assert not GeneratedDocument.objects.exists()  # the command stores nothing


def test_an_unknown_id_is_a_one_line_error_with_status_2(db, tmp_path):
    with pytest.raises(CommandError, match="There is no amendment with id 999") as error:
        call_command("render_document", "amendment", "999", "--output", str(tmp_path / "x.pdf"))
    assert error.value.returncode == 2


def test_the_command_exits_2_from_the_shell(tmp_path):
    # A fresh process with an empty SQLite database under tmp_path: no request 1 exists.
    env = {"VAR_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    result = subprocess.run(
        [sys.executable, "manage.py", "render_document", "letter", "1", "--output", str(tmp_path / "x.pdf")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["CommandError: There is no request with id 1."]


def test_the_worker_task_generates_a_record(seed, media, paralegal):
    document_id = render_document.apply(args=("amendment", seed["amendment"].pk, "pdf", paralegal.pk)).get()
    document = GeneratedDocument.objects.get(pk=document_id)
    assert document.created_by == paralegal
    assert document.version == 1
    assert render_document.time_limit == RENDER_TIME_LIMIT
    assert render_document.soft_time_limit < RENDER_TIME_LIMIT


def test_generation_is_enqueued_only_on_commit(
    seed, paralegal, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(render_document, "delay", lambda *args: sent.append(args))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enqueue_generation(seed["request"], "letter", "docx", paralegal)
    assert sent == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert sent == [("letter", seed["request"].pk, "docx", paralegal.pk)]


def test_first_pages_render_to_png_at_letter_size(seed, tmp_path):
    """pdftoppm turns the first page into an image of a US Letter page (8.5 × 11 in at 80 dpi)."""
    for kind, subject in (("letter", seed["request"]), ("amendment", seed["amendment"])):
        pdf = tmp_path / f"{kind}.pdf"
        call_command("render_document", kind, str(subject.pk), "--output", str(pdf))
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "80",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(tmp_path / kind),
            ],
            check=True,
        )
        with Image.open(tmp_path / f"{kind}.png") as image:
            assert image.size == (680, 880)
            # Mostly white paper with black type on it.
            histogram = image.convert("L").histogram()
            assert sum(histogram[:64]) > 1000
            assert histogram[255] > 0.8 * 680 * 880


def test_the_readme_images_are_first_pages(db):
    for name in ("letter-page1.png", "amendment-page1.png"):
        with Image.open(ROOT / "docs" / "images" / name) as image:
            assert image.format == "PNG"
            assert image.size == (680, 880)
