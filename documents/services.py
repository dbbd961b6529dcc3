"""The one door through which documents are generated and stored, and the clause library changes."""

from __future__ import annotations

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max

from accounts.actors import Actor
from documents.models import GeneratedDocument, StandardClause
from documents.rendering import cached_render
from documents.snapshot import amendment_snapshot, letter_snapshot

logger = logging.getLogger(__name__)

_SUBJECT_FIELD = {"letter": "negotiation_request", "amendment": "amendment"}
# The subjects' models as the document's foreign keys name them: amendments sit above documents in
# the layering, so documents reaches the Amendment model through its own field and never imports it.
SUBJECTS = {
    kind: GeneratedDocument._meta.get_field(name).related_model for kind, name in _SUBJECT_FIELD.items()
}


def load_subject(kind: str, subject_id: int):
    """The NegotiationRequest (letter) or Amendment (amendment); DoesNotExist if there is none."""
    if kind not in SUBJECTS:
        raise ValueError(f"Unknown document kind {kind!r}; use letter or amendment.")
    return SUBJECTS[kind].objects.get(pk=subject_id)


def snapshot_of(subject, kind: str) -> dict:
    """The plain data the document is rendered from, read from the records now."""
    if kind == "letter" and isinstance(subject, SUBJECTS["letter"]):
        return letter_snapshot(subject)
    if kind == "amendment" and isinstance(subject, SUBJECTS["amendment"]):
        return amendment_snapshot(subject)
    raise ValueError(f"A {kind} is not made from {type(subject).__name__} #{subject.pk}.")


def render_live(subject, kind: str, fmt: str, *, draft: bool) -> bytes:
    """The document as the records read now, not stored: previews and ``manage.py render_document``."""
    return cached_render(kind, snapshot_of(subject, kind), fmt, draft=draft)


def generate_document(subject, kind: str, fmt: str, user: Actor) -> GeneratedDocument:
    """Render a final document and keep it as a record; the next version if there are earlier ones.

    1. Snapshot the records into plain JSON; the document is rendered from that snapshot only.
    2. Render before touching the database: a render failure raises RenderError and leaves
       neither a row nor a file.
    3. In one transaction, lock the subject, take the next version number, save the file and
       create the row. If the row cannot be created, the file just written is deleted.
    """
    snapshot = snapshot_of(subject, kind)
    content = cached_render(kind, snapshot, fmt, draft=False)
    sha256 = hashlib.sha256(content).hexdigest()
    for attempt in range(3):
        try:
            return _store(subject, kind, fmt, user, snapshot, content, sha256)
        except IntegrityError:
            # Another request took the same version number between our read and our insert.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _store(subject, kind, fmt, user, snapshot, content, sha256) -> GeneratedDocument:
    subject_field = _SUBJECT_FIELD[kind]
    saved_name = None
    try:
        with transaction.atomic():
            type(subject).objects.select_for_update().filter(pk=subject.pk).exists()
            earlier = GeneratedDocument.objects.filter(**{subject_field: subject})
            version = (earlier.aggregate(v=Max("version"))["v"] or 0) + 1
            document = GeneratedDocument(
                kind=kind,
                version=version,
                format=fmt,
                sha256=sha256,
                size=len(content),
                source_data=snapshot,
                created_by=user if getattr(user, "pk", None) else None,
                created_by_name=user.get_username() if getattr(user, "pk", None) else "",
                **{subject_field: subject},
            )
            name = f"{kind}/{subject.pk}/v{version}-{sha256[:12]}.{fmt}"  # under upload_to, documents/
            document.file.save(name, ContentFile(content), save=False)
            saved_name = document.file.name
            document.full_clean(exclude=["file"])
            document.save()
    except Exception:
        if saved_name:
            document.file.storage.delete(saved_name)
        raise
    logger.info("Generated %s #%s version %s (%s)", kind, subject.pk, version, fmt)
    return document


@transaction.atomic
def save_clause(clause: StandardClause, *, by: Actor) -> StandardClause:
    """Check and save a standard clause; its history names who changed the wording."""
    clause.full_clean()
    clause._history_user = by
    clause.save()
    return clause


@transaction.atomic
def delete_clause(clause: StandardClause, *, by: Actor) -> None:
    """Take a clause out of the library; amendments already drafted keep the text they quote."""
    clause._history_user = by
    clause.delete()
