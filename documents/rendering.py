"""Snapshot → HTML → PDF (WeasyPrint), or snapshot → DOCX (python-docx), with a content cache.

Rendering reads only the snapshot. The HTML comes from trusted templates with autoescaping on;
the PDF renderer fetches through ``StaticOnlyFetcher`` and nothing else.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from functools import lru_cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError

from documents import word
from documents.amendment import compose_amendment
from documents.fetcher import Resource, StaticOnlyFetcher
from documents.letter import compose_letter
from documents.prose import breakable
from documents.snapshot import digest

logger = logging.getLogger(__name__)

KINDS = ("letter", "amendment")
FORMATS = ("pdf", "docx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
CACHE_SECONDS = 60 * 60
_TEMPLATES = {"letter": "documents/letter.html", "amendment": "documents/amendment.html"}
_STATIC = ("documents/print.css", "documents/letter.css", "documents/amendment.css")


class RenderError(RuntimeError):
    """The document could not be rendered; nothing was stored."""


def render(kind: str, snapshot: dict, fmt: str, *, draft: bool = False) -> bytes:
    """The document's bytes in ``fmt`` (pdf or docx), rendered from ``snapshot`` only."""
    _check(kind, fmt)
    if fmt == "pdf":
        html, resources = render_html(kind, snapshot, draft=draft)
        return pdf_from_html(html, resources)
    try:
        if kind == "letter":
            return word.letter_docx(compose_letter(snapshot), draft=draft)
        return word.amendment_docx(compose_amendment(snapshot), draft=draft)
    except Exception as exc:
        logger.exception("Word rendering of a %s failed", kind)
        raise RenderError(f"The {kind} could not be written as a Word document: {exc}") from exc


def cached_render(kind: str, snapshot: dict, fmt: str, *, draft: bool = False) -> bytes:
    """``render``, but equal data renders once: the key is the snapshot's digest and the templates'."""
    key = cache_key(kind, snapshot, fmt, draft=draft)
    content = cache.get(key)
    if content is None:
        content = render(kind, snapshot, fmt, draft=draft)
        cache.set(key, content, CACHE_SECONDS)
    return content


def cache_key(kind: str, snapshot: dict, fmt: str, *, draft: bool) -> str:
    return f"documents:{kind}:{fmt}:{int(draft)}:{digest(snapshot)}:{renderer_version()}"


def render_html(kind: str, snapshot: dict, *, draft: bool = False) -> tuple[str, dict[str, Resource]]:
    """The finished HTML and the per-document resources it refers to (``ica-resource:…``)."""
    _check(kind, "pdf")
    resources: dict[str, Resource] = {}
    if kind == "letter":
        letter = compose_letter(snapshot)
        if letter.signature_png:
            resources["signature"] = Resource(letter.signature_png, "image/png")
        context = {"letter": _breakable(letter)}
    else:
        context = {"amendment": _breakable(compose_amendment(snapshot))}
    html = render_to_string(_TEMPLATES[kind], {**context, "draft": draft})
    return html, resources


def pdf_from_html(html: str, resources: dict[str, Resource] | None = None) -> bytes:
    fetcher = StaticOnlyFetcher(resources)
    try:
        return HTML(string=html, url_fetcher=fetcher).write_pdf()
    except FatalURLFetchingError as exc:
        logger.error("PDF rendering stopped: %s", exc.__cause__ or exc)
        raise RenderError(f"The PDF renderer refused a resource: {exc.__cause__ or exc}") from exc
    except Exception as exc:
        logger.exception("PDF rendering failed")
        raise RenderError(f"The PDF could not be rendered: {exc}") from exc


@lru_cache(maxsize=1)
def renderer_version() -> str:
    """A digest of the templates and stylesheets, so a changed layout never serves a stale cache entry."""
    sha = hashlib.sha256()
    for name in _TEMPLATES.values():
        sha.update(Path(get_template(name).origin.name).read_bytes())
    sha.update(Path(get_template("documents/print_base.html").origin.name).read_bytes())
    for path in _STATIC:
        found = finders.find(path)
        if found:
            sha.update(Path(found).read_bytes())
    return sha.hexdigest()[:16]


def _check(kind: str, fmt: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"Unknown document kind {kind!r}; use letter or amendment.")
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; use pdf or docx.")


def _breakable(value):
    """A copy of the composed document whose long unbroken runs may wrap (see prose.breakable)."""
    if isinstance(value, str):
        return breakable(value)
    if isinstance(value, list):
        return [_breakable(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _breakable(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value
