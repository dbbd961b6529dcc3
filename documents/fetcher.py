"""The only way the PDF renderer reaches outside the HTML it is given.

WeasyPrint's default fetcher follows ``file://``, ``http(s)://``, ``data:`` and redirects. A document
that quoted a hostile value could then read local files or probe the network. This fetcher knows
two schemes and nothing else:

- ``ica-static:documents/letter.css`` — a file of the project's own static files under
  ``documents/``, found by the staticfiles finders;
- ``ica-resource:signature`` — bytes the renderer was handed for this one document (the signature
  image carried in the snapshot).

Every other URL is refused, logged, and stops the rendering (``fail_on_errors``): a final document
is never made with a resource silently missing.
"""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

STATIC_SCHEME = "ica-static"
RESOURCE_SCHEME = "ica-resource"
STATIC_PREFIX = "documents/"
MAX_STATIC_BYTES = 2 * 1024 * 1024
CONTENT_TYPES = {
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}


class RefusedURL(ValueError):
    """The renderer asked for something outside the project's static files."""


@dataclass(frozen=True)
class Resource:
    body: bytes
    content_type: str


class StaticOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves our static files and per-document resources, nothing else."""

    def __init__(self, resources: dict[str, Resource] | None = None):
        # No protocol is allowed to the parent class: its opener is never used, but if a later
        # WeasyPrint called it, it would refuse instead of fetching.
        super().__init__(timeout=1, allowed_protocols=(), allow_redirects=False, fail_on_errors=True)
        self._resources = dict(resources or {})
        self.fetched: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        scheme, _, rest = url.partition(":")
        if scheme == STATIC_SCHEME:
            response = self._static(rest, url)
        elif scheme == RESOURCE_SCHEME and rest in self._resources:
            resource = self._resources[rest]
            response = URLFetcherResponse(
                url, resource.body, {"Content-Type": resource.content_type}, status=200
            )
        else:
            logger.warning("Document renderer refused to fetch %.200r", url)
            raise RefusedURL(f"The document renderer fetches only its own static files, not {url[:200]!r}.")
        self.fetched.append(url)
        return response

    def _static(self, path: str, url: str) -> URLFetcherResponse:
        if not path.startswith(STATIC_PREFIX) or "\\" in path or ".." in Path(path).parts or "?" in path:
            raise self._refuse(url)
        content_type = CONTENT_TYPES.get(Path(path).suffix.lower())
        found = finders.find(path)
        if not content_type or not found:
            raise self._refuse(url)
        real = os.path.realpath(found)
        if not any(_inside(real, root) for root in _static_roots()):
            raise self._refuse(url)
        # A regular file of bounded size: never a device, a FIFO, or something that grows while read.
        info = os.stat(real)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_STATIC_BYTES:
            raise self._refuse(url)
        with open(real, "rb") as handle:
            body = handle.read(MAX_STATIC_BYTES + 1)
        if len(body) > MAX_STATIC_BYTES:
            raise self._refuse(url)
        return URLFetcherResponse(url, body, {"Content-Type": content_type}, status=200)

    @staticmethod
    def _refuse(url: str) -> RefusedURL:
        logger.warning("Document renderer refused static path %.200r", url)
        return RefusedURL(f"{url[:200]!r} is not one of the project's document static files.")


def _inside(path: str, root: str) -> bool:
    return os.path.commonpath([path, root]) == root


def _static_roots() -> list[str]:
    """Real paths of every folder the staticfiles finders search."""
    roots = []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(os.path.realpath(location))
    return roots
