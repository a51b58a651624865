"""HTML to PDF, for letters, referral packs and reports (WeasyPrint).

WeasyPrint needs Pango and fonts from the system (Debian: libpango-1.0-0,
libpangoft2-1.0-0, fonts-dejavu-core, fonts-liberation); `scripts/system-deps`
installs them. Nothing is fetched from the network: any URL other than the
project's own static files is refused.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from django.contrib.staticfiles import finders

logger = logging.getLogger(__name__)


class PdfUnavailable(RuntimeError):
    """The system libraries WeasyPrint needs are missing."""


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no types
        """Serves ``static:`` URLs from the project's static files and ``data:``
        URLs; refuses everything else, so rendering never touches the network."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("static:"):
                path = finders.find(url[len("static:") :].lstrip("/"))
                if isinstance(path, str):
                    with open(path, "rb") as handle:
                        body = handle.read()
                    return URLFetcherResponse(url, body, {"Content-Type": _mime(path)})
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(
                f"refused to fetch {url!r}: documents may only use the project's static files"
            )

    return LocalOnlyFetcher(allowed_protocols={"static", "data"})


def _mime(path: str) -> str:
    for suffix, mime in (
        (".css", "text/css"),
        (".png", "image/png"),
        (".svg", "image/svg+xml"),
        (".jpg", "image/jpeg"),
    ):
        if path.endswith(suffix):
            return mime
    return "application/octet-stream"


def _html_class() -> Any:
    try:
        from weasyprint import HTML
    except OSError as exc:  # missing Pango/fontconfig shared libraries
        raise PdfUnavailable(
            "PDF rendering needs Pango and fonts from the system; run scripts/system-deps as root"
        ) from exc
    return HTML


def html_to_pdf(html: str) -> bytes:
    """Render an HTML document to PDF bytes. Refer to static files as ``static:path``."""
    document = _html_class()(string=html, url_fetcher=_fetcher(), base_url="static:/")
    return bytes(document.write_pdf())


def html_to_pdf_pages(
    documents: Sequence[str], *, progress: Callable[[int], None] = lambda index: None
) -> bytes:
    """Render several HTML documents and join their pages into one PDF.

    ``progress`` is told the index of each document before it is laid out, so
    a long job can report how far it got (or stop by raising).
    """
    html_class, fetcher = _html_class(), _fetcher()
    rendered = []
    for index, html in enumerate(documents):
        progress(index)
        rendered.append(html_class(string=html, url_fetcher=fetcher, base_url="static:/").render())
    pages = [page for document in rendered for page in document.pages]
    return bytes(rendered[0].copy(pages).write_pdf())
