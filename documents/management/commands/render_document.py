"""Render a letter or an amendment from the live records: ``manage.py render_document letter 1 --output x.pdf``."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents.rendering import FORMATS, RenderError
from documents.services import SUBJECTS, load_subject, render_live
from documents.snapshot import SnapshotError


class Command(BaseCommand):
    help = "Render a request letter or an amendment as the records read now (nothing is stored)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(SUBJECTS), help="letter (a request) or amendment")
        parser.add_argument("id", type=int, help="The request's or the amendment's id.")
        parser.add_argument("--output", "-o", required=True, help="Where to write the file.")
        parser.add_argument(
            "--format", choices=FORMATS, help="pdf or docx (default: from --output, else pdf)"
        )
        parser.add_argument("--draft", action="store_true", help="Mark it DRAFT.")

    def handle(self, *args, kind: str, id: int, output: str, format: str | None, draft: bool, **options):
        path = Path(output)
        fmt = format or ("docx" if path.suffix.lower() == ".docx" else "pdf")
        try:
            subject = load_subject(kind, id)
        except SUBJECTS[kind].DoesNotExist:
            noun = "request" if kind == "letter" else "amendment"
            raise CommandError(f"There is no {noun} with id {id}.", returncode=2) from None
        try:
            content = render_live(subject, kind, fmt, draft=draft)
        except (SnapshotError, RenderError) as exc:
            raise CommandError(str(exc), returncode=1) from exc
        try:
            path.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc.strerror}", returncode=1) from exc
        self.stdout.write(f"Wrote {path} ({len(content):,} bytes, {fmt}).")
