"""Link targets: resolving hrefs and telling links to documents (PDF, Office files) from pages.

A link is to a document when its path ends in a document extension, or when its anchor text
carries the label Swedish sites put on such links: "(PDF)", "(pdf, 2 MB)", "(PowerPoint)", "[Word]".
Used by the HTML parser and usable by the PDF parser for link annotations.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin, urlsplit

DOCUMENT_EXTENSIONS = frozenset({
    "pdf", "doc", "docx", "dot", "dotx", "odt", "rtf", "xls", "xlsx", "xlsm", "ods", "csv",
    "ppt", "pptx", "pps", "ppsx", "odp", "epub",
})
_LABEL = re.compile(
    r"[(\[]\s*(?:pdf|word|excel|powerpoint|ppt|pptx|docx?|xlsx?|odt|ods|odp|rtf|epub)\b[^)\]]{0,30}[)\]]"
    r"|\bpdf\s*,\s*\d[\d,.\s]*(?:kb|mb)\b",
    re.IGNORECASE,
)
_IGNORED_SCHEMES = ("javascript:", "data:", "tel:", "sms:", "about:")


def resolve(href: str | None, base: str | None) -> str | None:
    """The absolute target of ``href`` against ``base``; None for same-page fragments, scripts and
    phone numbers, which are not links to follow."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith(_IGNORED_SCHEMES):
        return None
    try:
        return urljoin(base, href) if base else href
    except ValueError:  # malformed (e.g. an invalid IPv6 host): keep it as written
        return href


def is_document_link(href: str | None, text: str = "", media_type: str | None = None) -> bool:
    """True when the link points to a PDF, Office file or similar, by extension, type or label."""
    if media_type and ("pdf" in media_type or "officedocument" in media_type or "msword" in media_type
                       or "ms-excel" in media_type or "ms-powerpoint" in media_type):
        return True
    if text and _LABEL.search(text):
        return True
    if not href:
        return False
    try:
        path = unquote(urlsplit(href).path)
    except ValueError:
        return False
    name = path.rsplit("/", 1)[-1]
    return "." in name and name.rsplit(".", 1)[1].lower() in DOCUMENT_EXTENSIONS
