"""Small helpers the workspace views share."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import FileResponse, Http404, HttpRequest

PAGE_SIZE = 50


def paginate(request: HttpRequest, queryset, per_page: int = PAGE_SIZE) -> Page:
    """A page of the list; a page number out of range shows the last page rather than an error."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    """The list's filters as a query string, for the pager's links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def stored_file(field_file) -> FileResponse:
    """An uploaded file (proof of receipt, an extension letter) as a download, never rendered inline."""
    if not field_file:
        raise Http404("No file is on record.")
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404("The stored file is missing.") from None
    name = field_file.name.rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/octet-stream")
