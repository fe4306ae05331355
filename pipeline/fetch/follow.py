"""Following links to PDFs from a page (the catalogue's ``follow_pdfs = true``), depth 1, same site.

A brochure linked from a region's page becomes a source by itself: its own named graph, and an id
derived from the page's (``<page-id>.<file-name>-<digest>``), stable across runs. PDFs found on a
followed PDF are not followed again.
"""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin, urlsplit

from .. import iri
from ..types import Document, Source


def site_of(url: str) -> str:
    """The host without a leading ``www.``: pages and files of one site share it."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def looks_like_pdf(url: str, is_document: bool) -> bool:
    path = urlsplit(url).path.lower()
    return path.endswith(".pdf") or (is_document and "pdf" in path.rsplit("/", 1)[-1])


def pdf_links(document: Document, page_url: str) -> tuple[str, ...]:
    """Absolute URLs of the PDFs ``document`` links to on its own site, in order of appearance."""
    site = site_of(page_url)
    found: dict[str, None] = {}
    for link in document.links:
        href = (link.href or "").strip()
        if not href or href.startswith(("mailto:", "javascript:", "tel:")):
            continue
        url = urldefrag(urljoin(page_url, href))[0]
        if urlsplit(url).scheme not in ("http", "https") or site_of(url) != site:
            continue
        if looks_like_pdf(url, link.is_document) and url != page_url:
            found.setdefault(url, None)
    return tuple(found)


def derived_id(parent_id: str, url: str) -> str:
    """A stable source id for a PDF found on ``parent_id``'s page."""
    stem = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0] or "document"
    tail = f".{iri.slug(stem, 40)}-{iri.digest(url, length=6)}"
    return parent_id[: 100 - len(tail)] + tail


def derived_source(parent: Source, url: str) -> Source:
    """The catalogue-like entry of a PDF followed from ``parent``."""
    return Source(id=derived_id(parent.id, url), url=url, publisher=parent.publisher, kind="pdf",
                  language=parent.language, region=parent.region, title=None, snapshot=None,
                  follow_pdfs=False, catalogue_file=parent.catalogue_file)
