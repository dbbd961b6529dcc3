"""Generate keeps a final document as a record: file, digest, source data, who and when; never re-rendered."""

import hashlib

import pytest
from django.db import IntegrityError, transaction

from documents import services
from documents.models import GeneratedDocument
from documents.rendering import RenderError, render
from tests.documents.textutil import is_marked_draft, pdf_text


def stored_files(media):
    return sorted(p for p in media.rglob("*") if p.is_file())


@pytest.mark.django_db
def test_generate_keeps_file_digest_snapshot_author_and_time(seed, media, paralegal):
    document = services.generate_document(seed["request"], "letter", "pdf", paralegal)
    content = document.file.open("rb").read()
    assert document.version == 1
    assert document.format == "pdf"
    assert document.kind == "letter"
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.size == len(content)
    assert document.created_by == paralegal
    assert document.created_by_name == "paralegal"
    assert document.created_at is not None
    assert document.source_data["salutation"] == "Dear Sirs:"
    assert document.file.name.startswith("documents/letter/")
    assert content.startswith(b"%PDF")
    assert not is_marked_draft(content)


@pytest.mark.django_db
def test_regenerating_makes_a_new_version_and_never_touches_the_old(seed, media, paralegal):
    request = seed["request"]
    first = services.generate_document(request, "letter", "pdf", paralegal)
    first_bytes = first.file.open("rb").read()

    request.salutation = "Dear Counsel:"
    request.save()
    second = services.generate_document(request, "letter", "pdf", paralegal)
    docx = services.generate_document(request, "letter", "docx", paralegal)

    first.refresh_from_db()
    assert [first.version, second.version, docx.version] == [1, 2, 3]
    assert first.file.open("rb").read() == first_bytes
    assert hashlib.sha256(first_bytes).hexdigest() == first.sha256
    assert first.source_data["salutation"] == "Dear Sirs:"
    assert "Dear Sirs:" in pdf_text(first_bytes)
    assert "Dear Counsel:" in pdf_text(second.file.open("rb").read())
    # The record renders again from its own snapshot, not from the changed request.
    assert "Dear Sirs:" in pdf_text(render("letter", first.source_data, "pdf"))
    assert len(stored_files(media)) == 3


@pytest.mark.django_db
def test_amendments_are_versioned_separately(seed, media, paralegal):
    services.generate_document(seed["request"], "letter", "pdf", paralegal)
    document = services.generate_document(seed["amendment"], "amendment", "docx", paralegal)
    assert document.version == 1
    assert document.amendment == seed["amendment"]
    assert document.source_data["schedule"][0]["states"] == ["AL", "LA"]


@pytest.mark.django_db
def test_a_render_failure_leaves_no_row_and_no_file(seed, media, paralegal, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("Pango fell over")

    monkeypatch.setattr("documents.rendering.HTML.write_pdf", broken)
    with pytest.raises(RenderError, match="Pango fell over"):
        services.generate_document(seed["request"], "letter", "pdf", paralegal)
    assert not GeneratedDocument.objects.exists()
    assert stored_files(media) == []


@pytest.mark.django_db
def test_a_failure_after_the_file_is_written_removes_the_file(seed, media, paralegal, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise IntegrityError("disk and database disagree")

    monkeypatch.setattr(GeneratedDocument, "save", refuse)
    with pytest.raises(IntegrityError):
        services.generate_document(seed["request"], "letter", "pdf", paralegal)
    assert stored_files(media) == []


@pytest.mark.django_db
def test_a_document_belongs_to_exactly_one_subject(seed, media):
    row = {"version": 1, "format": "pdf", "sha256": "0" * 64, "size": 1, "source_data": {}, "file": "x.pdf"}
    with pytest.raises(IntegrityError), transaction.atomic():
        GeneratedDocument.objects.create(kind="letter", **row)
    with pytest.raises(IntegrityError), transaction.atomic():
        GeneratedDocument.objects.create(
            kind="letter", negotiation_request=seed["request"], amendment=seed["amendment"], **row
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        GeneratedDocument.objects.create(kind="amendment", negotiation_request=seed["request"], **row)


@pytest.mark.django_db
def test_the_kind_must_match_the_subject(seed):
    with pytest.raises(ValueError, match="letter is not made from Amendment"):
        services.snapshot_of(seed["amendment"], "letter")
