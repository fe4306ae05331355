"""PDF (``application/pdf``): brochures and reports in reading order, with structure and metadata.

The cascade, once per document:

1. open with pypdf (encrypted files are opened when they need no password; errors become
   :class:`~pipeline.errors.ParseError` naming the file and what to do);
2. read every page once (:mod:`.pdf_content`): positioned runs, drawn shapes, images, link
   annotations; pages without a text layer are read by OCR (:mod:`.pdf_ocr`) or reported;
3. drop running headers, footers and page numbers (kept in ``Metadata.running_lines``);
4. lay out each page (:mod:`.pdf_layout`, :mod:`.pdf_diagram`): lines, blocks, from→to diagrams,
   columns, reading order;
5. classify blocks against the body text size (headings and levels, list items, quotes) and feed
   them to the :class:`~.builder.DocumentBuilder` (:mod:`.pdf_assemble`), then links and metadata.

Caps from :class:`~pipeline.settings.Settings`: ``max_bytes``, ``max_pdf_pages`` and
``parse_timeout`` (checked between pages and while a page is read). pypdf's own warnings are
collected into ``Document.warnings`` instead of being printed.
"""

from __future__ import annotations

import io
import logging
import threading
import time
import warnings
from contextlib import contextmanager, nullcontext

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

try:  # pypdf >= 7: resource limits per parse
    from pypdf import apply_configuration, get_configuration
except ImportError:  # pragma: no cover - older pypdf keeps its built-in 75 MB limits
    apply_configuration = get_configuration = None

from .. import registry
from ..errors import ParseError, TooLargeError
from ..settings import Settings
from ..types import Document, Fetched
from . import pdf_ocr
from .builder import DocumentBuilder
from .pdf_assemble import Emitter, PageText, body_size, classify, layout_page, remove_running_lines
from .pdf_content import Deadline, PageContent, page_matrix, read_page
from .pdf_fonts import FontCache
from .pdf_layout import Block, make_lines
from .pdf_meta import metadata, page_links

MAX_MESSAGES = 10  # pypdf warnings kept per document
MIN_TEXT_CHARS = 20  # a page with less text than this and a large image is a scan


def parse_pdf(fetched: Fetched, settings: Settings) -> Document:
    """The Document of a PDF: text in reading order, blocks with pages, pairs, links, metadata."""
    name = str(fetched.path) if fetched.path is not None else fetched.url
    if len(fetched.content) > settings.max_bytes:
        raise TooLargeError(f"{name}: {len(fetched.content)} bytes, over the cap of {settings.max_bytes} bytes",
                            hint="raise max_bytes in naravard.toml if the file is genuine", subject=name)
    deadline = Deadline(settings.parse_timeout)
    notes: list[str] = []
    with pypdf_messages() as messages, _inflate_limit(settings):
        reader = open_pdf(fetched.content, name)
        pages = _read_pages(reader, name, fetched.url, settings, deadline, notes)
        running = remove_running_lines(pages)
        body = body_size(pages)
        for page in pages:
            if page.ocr is None:
                _layout(page, body, name, notes)
        classify(pages, body)
        builder = DocumentBuilder()
        emitter = Emitter(builder, pages)
        for page in pages:
            emitter.page(page)
        emitter.flush()
        for page in pages:
            emitter.links(page)
        meta = metadata(reader, page_count=len(pages), fallback_title=emitter.title, running=running)
    notes.extend(_summarise(name, messages))
    return builder.build(location=fetched.url, media_type=fetched.media_type, sha256=fetched.sha256,
                         metadata=meta, source_id=fetched.source_id, warnings=tuple(notes))


def open_pdf(content: bytes, name: str) -> PdfReader:
    """A pypdf reader for ``content``, decrypted if it opens without a password."""
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ParseError(f"{name}: the PDF is protected by a password", subject=name,
                             hint="save an unprotected copy (e.g. `qpdf --decrypt --password=… in.pdf out.pdf`)")
        len(reader.pages)
    except ParseError:
        raise
    except LimitReachedError as exc:
        raise _inflated(name, exc) from None
    except (DependencyError, FileNotDecryptedError) as exc:
        raise ParseError(f"{name}: the PDF is encrypted and cannot be decrypted here ({_brief(exc)})",
                         hint="pip install cryptography, or save an unencrypted copy", subject=name) from exc
    except Exception as exc:  # pypdf raises many types for broken files
        tail = content[-2048:]
        what = "truncated (no end-of-file marker)" if b"%%EOF" not in tail else "corrupt"
        raise ParseError(f"{name}: the PDF is {what} and cannot be read ({_brief(exc)})", subject=name,
                         hint="download the file again, or open and re-save it in a PDF reader") from exc
    return reader


def _read_pages(reader: PdfReader, name: str, base: str, settings: Settings, deadline: Deadline,
                notes: list[str]) -> list[PageText]:
    total = len(reader.pages)
    if total > settings.max_pdf_pages:
        raise TooLargeError(f"{name}: {total} pages, over the cap of {settings.max_pdf_pages} pages", subject=name,
                            hint="raise max_pdf_pages in naravard.toml if the whole document is wanted")
    fonts = FontCache()
    pages: list[PageText] = []
    for index in range(total):
        try:
            deadline.check()
            page = reader.pages[index]
            matrix, width, height = page_matrix(page)
            content = read_page(page, reader, fonts, deadline)
            links = page_links(page, matrix, base)
        except TimeoutError:
            raise TooLargeError(f"{name}: parsing took longer than {settings.parse_timeout:g} s "
                                f"(stopped at page {index + 1} of {total})", subject=name,
                                hint="raise parse_timeout in naravard.toml, or split the PDF") from None
        except LimitReachedError as exc:  # a decompression bomb is refused, not skipped
            raise _inflated(f"{name}: page {index + 1}", exc) from None
        except Exception as exc:  # one broken page must not lose the others
            notes.append(f"{name}: page {index + 1} could not be read ({_brief(exc)}); its text is missing")
            pages.append(PageText(index + 1, 0.0, 0.0, []))
            continue
        text = PageText(index + 1, width, height, make_lines(content.runs), content.shapes, links)
        if _is_scan(content):
            _ocr(text, page, content, name, deadline, notes)
        pages.append(text)
    return pages


def _inflate_limit(settings: Settings):
    """pypdf's decompression caps set to ``Settings.max_inflated_bytes`` for this parse."""
    if apply_configuration is None:
        return nullcontext()
    cap = settings.max_inflated_bytes
    return apply_configuration(zlib_maximum_output_length=cap, lzw_maximum_output_length=cap,
                               run_length_maximum_output_length=cap, jbig2_maximum_output_length=cap,
                               brotli_maximum_output_length=cap, image_maximum_buffer_size=cap,
                               maximum_declared_stream_length=cap, array_based_stream_maximum_output_length=cap)


def _inflated(where: str, exc: LimitReachedError) -> TooLargeError:
    """A resource cap of pypdf was hit: a decompression bomb, or a structure far larger than any brochure."""
    if "decompress" not in str(exc).lower():
        return TooLargeError(f"{where}: the PDF exceeds a structural limit ({_brief(exc)})",
                             subject=where.split(": page ")[0], hint="the file is not a normal document; skip it")
    cap = get_configuration().zlib_maximum_output_length if apply_configuration is not None else 75_000_000
    return TooLargeError(f"{where}: a compressed stream inflates to more than {cap} bytes (decompression bomb?)",
                         subject=where.split(": page ")[0],
                         hint="raise max_inflated_bytes in naravard.toml if the file is genuine")


def _layout(page: PageText, body: float, name: str, notes: list[str]) -> None:
    try:
        layout_page(page, body)
    except Exception as exc:  # a layout nobody foresaw: keep the text, in plain top-to-bottom order
        notes.append(f"{name}: page {page.number}: layout analysis failed ({_brief(exc)}); "
                     "its lines are kept in top-to-bottom order")
        page.items = [Block([ln], page.number).fit() for ln in sorted(page.lines, key=lambda ln: (-ln.y, ln.x0))]


def _is_scan(content: PageContent) -> bool:
    """No real text layer, and images cover a good part of the page."""
    if sum(len(r.text.strip()) for r in content.runs) >= MIN_TEXT_CHARS or not content.images:
        return False
    area = sum(min(s.width, content.width) * min(s.height, content.height) for s in content.images)
    return area >= 0.25 * content.width * content.height


def _ocr(text: PageText, page, content: PageContent, name: str, deadline: Deadline, notes: list[str]) -> None:
    where = f"{name}: page {text.number} has no text layer"
    if not pdf_ocr.available():
        notes.append(f"{where}; {pdf_ocr.INSTALL_HINT}")
        return
    try:
        result = pdf_ocr.ocr_page(page, content.images, timeout=deadline.end - time.monotonic())
    except pdf_ocr.OcrError as exc:
        notes.append(f"{where} and OCR failed: {exc}")
        return
    text.ocr = pdf_ocr.paragraphs(result)
    text.lines = []
    notes.append(f"{where}; its text was read by OCR (tesseract, {pdf_ocr.LANGUAGE})" if text.ocr
                 else f"{where} and OCR found no text in its images")


def _brief(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _summarise(name: str, messages: list[str]) -> list[str]:
    unique = list(dict.fromkeys(" ".join(m.split()) for m in messages if m.strip()))
    out = [f"{name}: pypdf: {m}" for m in unique[:MAX_MESSAGES]]
    if len(unique) > MAX_MESSAGES:
        out.append(f"{name}: pypdf: … and {len(unique) - MAX_MESSAGES} more warnings")
    return out


# ---------------------------------------------------------------- pypdf's log messages
class _Capture(logging.Handler):
    """Collects pypdf's log records for the parse running in this thread; passes on all others."""

    local = threading.local()

    def emit(self, record: logging.LogRecord) -> None:
        sink = getattr(self.local, "sink", None)
        if sink is None:
            logging.getLogger().handle(record)
        else:
            sink.append(record.getMessage())


_HANDLER = _Capture()


@contextmanager
def pypdf_messages():
    """Collect pypdf's log messages and Python warnings in a list instead of printing them."""
    logger = logging.getLogger("pypdf")
    if _HANDLER not in logger.handlers:
        logger.addHandler(_HANDLER)
        logger.propagate = False  # records not captured are handed to the root logger by _Capture
    sink: list[str] = []
    previous = getattr(_Capture.local, "sink", None)
    _Capture.local.sink = sink
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                yield sink
            finally:
                sink.extend(str(w.message) for w in caught)
    finally:
        _Capture.local.sink = previous


registry.register("parser", "application/pdf", parse_pdf, aliases=("pdf",))
