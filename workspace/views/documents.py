"""Draft previews, generation of final documents, and downloads of stored ones.

Every view needs a login (global middleware); each checks its own permission.
"""

from __future__ import annotations

import hashlib
import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from documents.models import GeneratedDocument
from documents.rendering import CONTENT_TYPES, FORMATS, RenderError, cache_key, cached_render
from documents.services import SUBJECTS, generate_document, snapshot_of
from documents.snapshot import SnapshotError

logger = logging.getLogger(__name__)

VIEW_SUBJECT = {"letter": "agreements.view_negotiationrequest", "amendment": "amendments.view_amendment"}
GENERATE = "documents.generate_document"
VIEW_DOCUMENTS = "documents.view_generateddocument"


def _subject(request: HttpRequest, kind: str, pk: int):
    if not request.user.has_perm(VIEW_SUBJECT[kind]):
        raise PermissionDenied
    return get_object_or_404(SUBJECTS[kind], pk=pk)


@require_GET
def workspace(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """The live preview beside the versions generated so far, and the Generate buttons."""
    subject = _subject(request, kind, pk)
    versions = subject.generated_documents.order_by("-version")
    return render(
        request,
        "documents/workspace.html",
        {
            "kind": kind,
            "subject": subject,
            "versions": versions,
            "can_generate": request.user.has_perm(GENERATE),
            "can_download": request.user.has_perm(VIEW_DOCUMENTS),
            "formats": GeneratedDocument.Format.choices,
            "preview_url": reverse(f"documents:{kind}-preview", args=[pk]),
            "generate_url": reverse(f"documents:{kind}-generate", args=[pk]),
        },
    )


@xframe_options_sameorigin  # the workspace page shows it in a frame
@require_http_methods(["GET", "HEAD"])
def preview(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """The draft PDF as the records read now, marked DRAFT.

    The ETag is the digest of the data and the templates: HEAD answers it without rendering (the
    workspace polls it to refresh the preview), a matching If-None-Match gets 304, and an equal
    snapshot is rendered once and then served from the cache.
    """
    subject = _subject(request, kind, pk)
    try:
        snapshot = snapshot_of(subject, kind)
    except SnapshotError as exc:
        return HttpResponse(str(exc), status=422, content_type="text/plain; charset=utf-8")
    etag = '"' + hashlib.sha256(cache_key(kind, snapshot, "pdf", draft=True).encode()).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if request.headers.get("If-None-Match") == etag:
        return HttpResponse(status=304, headers=headers)
    if request.method == "HEAD":
        return HttpResponse(content_type="application/pdf", headers=headers)
    try:
        content = cached_render(kind, snapshot, "pdf", draft=True)
    except RenderError as exc:
        return HttpResponse(str(exc), status=500, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content, content_type="application/pdf", headers=headers)
    response["Content-Disposition"] = f'inline; filename="draft-{kind}-{pk}.pdf"'
    return response


@require_POST
def generate(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Make a final document from the records as they read now and keep it; then back to the workspace."""
    if not request.user.has_perm(GENERATE):
        raise PermissionDenied
    subject = _subject(request, kind, pk)
    fmt = request.POST.get("format", "pdf")
    if fmt not in FORMATS:
        return HttpResponse("Choose pdf or docx.", status=400, content_type="text/plain; charset=utf-8")
    try:
        document = generate_document(subject, kind, fmt, request.user)
    except (SnapshotError, RenderError) as exc:
        messages.error(request, f"Nothing was generated: {exc}")
    else:
        messages.success(request, f"Generated version {document.version} ({document.get_format_display()}).")
    return redirect("documents:" + kind, pk=pk)


@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    """The stored file exactly as generated, as an attachment."""
    if not request.user.has_perm(VIEW_DOCUMENTS):
        raise PermissionDenied
    document = get_object_or_404(GeneratedDocument, pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        logger.error("Generated document #%s has lost its file %s", document.pk, document.file.name)
        raise Http404("The stored file is missing.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.filename,
        content_type=CONTENT_TYPES[document.format],
    )
    response["ETag"] = f'"{document.sha256}"'
    response["Cache-Control"] = "private, max-age=0"
    return response
