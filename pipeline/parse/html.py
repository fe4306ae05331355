"""HTML pages (``text/html``, XHTML): the main content with its structure, links and metadata.

The cascade, in order:

1. caps and sanity: size over ``Settings.max_bytes``, binary or PDF bytes served as HTML;
2. decoding (:mod:`.encoding`): HTTP charset, BOM, ``<meta charset>``, recovery from a wrong
   declaration and from double-encoded text;
3. the tree (libxml2's HTML parser through lxml, recovering from malformed and truncated markup;
   ``huge_tree`` so that libxml2 does not silently drop what lies deeper than 256 levels);
4. the head (:mod:`.html_meta`): meta tags and JSON-LD, read before scripts are dropped;
5. pruning (:mod:`.html_clean`): invisible elements first, then the visible dates are read, then
   site chrome;
6. the main content (:mod:`.html_content`) and informative asides;
7. blocks and links (:mod:`.html_blocks`): title ``h1`` if it lies outside the content, the
   content, then the asides;
8. metadata, with the content's ``h1`` as the title.

Why lxml and not BeautifulSoup, although both are in the stack: BeautifulSoup (even with its lxml
tree builder) turns every node into a Python object before any work starts, which alone limits
it to a few dozen 80 KB pages a second; lxml keeps the tree in C, gives text and XPath at C speed
and builds the same tolerant tree from broken markup. We use ``lxml.etree.HTMLParser`` rather than
``lxml.html`` because ``lxml.html`` calls back into Python to pick a class for every element
visited, about a tenth of the parse time. On the seed pages grown to 80 KB the whole cascade runs
at roughly 100-140 pages a second on one core, against 17-65 for ``trafilatura.extract``. Encoding detection is our own (:mod:`.encoding`) because pages that lie
about their charset need evidence from the bytes, not only the declarations.
"""

from __future__ import annotations

import re

from lxml import etree

from .. import mediatype, registry
from ..errors import EmptyDocumentError, ParseError, TooLargeError
from ..settings import Settings
from ..types import Document, Fetched
from .builder import DocumentBuilder
from .encoding import decode_bytes
from .html_blocks import BlockWriter
from .html_clean import prune_chrome, prune_invisible, text_of
from .html_content import find_main_area, select_content
from .html_meta import HeadInfo, build_metadata, read_head, visible_dates
from .links import is_document_link, resolve

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Characters lxml refuses in element text (not allowed in XML 1.0); they carry no meaning in a page.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TEXT_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")


def parse_html(fetched: Fetched, settings: Settings) -> Document:
    where = fetched.url
    _check_bytes(fetched, settings)
    decoded = decode_bytes(fetched.content, declared=fetched.charset, sniff_meta=True, where=where)
    root = _tree(decoded.text, where)
    head = read_head(root, where)
    body = root.find("body")
    body = body if body is not None else root

    prune_invisible(body)
    dates = visible_dates(find_main_area(body))
    prune_chrome(body)
    selection = select_content(body)

    base_url = _base_url(head, fetched)
    builder = DocumentBuilder()
    writer = BlockWriter(builder, base_url)
    if selection.title_heading is not None:
        writer.heading(selection.title_heading)
    writer.write(selection.container)
    for aside in selection.asides:
        writer.write(aside, kind="aside")
    _document_links(builder, selection.dropped_asides, base_url)
    if builder.length == 0:
        raise EmptyDocumentError(
            f"{where}: the page has no readable text",
            hint="check that the address serves the page itself, not a script-rendered shell or a login page",
            subject=where,
        )
    metadata = build_metadata(head, h1=writer.title, dates=writer.dates + dates, base_url=base_url)
    return builder.build(location=where, media_type=fetched.media_type, sha256=fetched.sha256,
                         metadata=metadata, source_id=fetched.source_id,
                         warnings=decoded.warnings + tuple(head.warnings))


def _check_bytes(fetched: Fetched, settings: Settings) -> None:
    where, content = fetched.url, fetched.content
    if len(content) > settings.max_bytes:
        raise TooLargeError(f"{where}: page is {len(content)} bytes, over the cap of {settings.max_bytes} bytes",
                            hint="raise max_bytes in naravard.toml if the page is genuine", subject=where)
    if content.startswith(_TEXT_BOMS):  # UTF-16/32 text has NUL bytes but is not binary
        return
    sniffed = mediatype.sniff(content)
    if sniffed == mediatype.PDF:
        raise ParseError(f"{where}: content is a PDF served as {fetched.media_type}",
                         hint="parse it as application/pdf (e.g. `naravard parse --media-type application/pdf`)",
                         subject=where)
    if sniffed == "application/octet-stream":
        raise ParseError(f"{where}: content is binary, not HTML (served as {fetched.media_type})",
                         hint="check the address or file; it does not hold a web page", subject=where)


def _tree(text: str, where: str):
    text = _NOT_XML.sub("", _XML_DECLARATION.sub("", text, count=1)).replace("\x0c", " ")
    if not text.strip():
        raise EmptyDocumentError(f"{where}: the page is empty", subject=where)
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True,
                              default_doctype=False, collect_ids=False, huge_tree=True)
    try:
        root = etree.fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise EmptyDocumentError(f"{where}: no HTML could be read from the page ({exc})", subject=where) from exc
    if root is None:
        raise EmptyDocumentError(f"{where}: no HTML could be read from the page", subject=where)
    return root


def _base_url(head: HeadInfo, fetched: Fetched) -> str:
    """Links resolve against ``<base href>``, else the page's own web address, else its canonical
    URL (a local snapshot's file path is no base for the site's links)."""
    page = fetched.final_url or fetched.url
    base = page
    if not page.startswith(("http://", "https://")):
        base = head.canonical or head.meta.get("og:url") or page
    if head.base:
        base = resolve(head.base, base) or base
    return base


def _document_links(builder: DocumentBuilder, asides: list, base_url: str) -> None:
    """Links to documents in dropped link-list asides are kept (without a text position)."""
    for aside in asides:
        for a in aside.iter("a"):
            href = resolve(a.get("href"), base_url)
            text = text_of(a)
            if href and is_document_link(href, text, a.get("type")):
                builder.link(href, text, is_document=True, locate=False)


registry.register("parser", "text/html", parse_html, aliases=("html", "application/xhtml+xml"))
