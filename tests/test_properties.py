"""Property tests: the parsers and IRI minting on random and mutated input.

Whatever bytes arrive, ``parse`` returns a Document whose offsets stay inside its text, or raises one
of the documented errors (:mod:`pipeline.errors`) with a one-line message; it never crashes with
another exception and never runs past its time cap. Minted IRIs are always valid, deterministic and
ASCII. Example counts and deadlines are bounded so the whole file runs in well under a minute.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pyoxigraph as ox
from bad_corpus import LINE, SEED_HTML, SEED_PDF, pages_pdf, stream
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pipeline import iri
from pipeline.errors import NaravardError
from pipeline.parse import parse
from pipeline.settings import Settings
from pipeline.types import Document, Fetched

FAST = settings(max_examples=60, deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow])
PDFS = settings(max_examples=25, deadline=timedelta(seconds=15), suppress_health_check=[HealthCheck.too_slow])
CAPS = Settings(parse_timeout=5, max_bytes=2_000_000, max_pdf_pages=50, max_inflated_bytes=5_000_000)

SMALL_PDF = pages_pdf(3, stream(LINE * 3))
SEED_PAGE = SEED_HTML.read_bytes()
BROCHURE = SEED_PDF.read_bytes()


def fetched(content: bytes, media_type: str, charset: str | None = None) -> Fetched:
    return Fetched(url="https://www.exempel.se/dokument", content=content, media_type=media_type,
                   sha256="0" * 64, retrieved="2024-01-01T00:00:00Z", charset=charset)


def parse_or_documented_error(content: bytes, media_type: str, charset: str | None = None) -> Document | None:
    """The Document, or None when a documented error with a one-line message naming the URL was raised."""
    try:
        document = parse(fetched(content, media_type, charset), CAPS)
    except NaravardError as exc:
        message = str(exc)
        assert message.startswith("https://www.exempel.se/dokument"), message
        assert "\n" not in message and (exc.hint is None or "\n" not in exc.hint), message
        return None
    check_offsets(document)
    return document


def check_offsets(doc: Document) -> None:
    size = len(doc.text)
    for block in doc.blocks:
        assert 0 <= block.start < block.end <= size, block
    for section in doc.sections:
        assert 0 <= section.start <= section.heading_start <= section.heading_end <= section.end <= size, section
    for link in doc.links:
        assert link.start == -1 or 0 <= link.start <= link.end <= size, link
    for pair in doc.pairs:
        assert 0 <= pair.from_start <= pair.from_end <= size and 0 <= pair.to_start <= pair.to_end <= size, pair


@st.composite
def mutated(draw, original: bytes, max_ops: int = 8) -> bytes:
    """``original`` with a few bytes changed, inserted or deleted, or cut short."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, max_ops))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["flip", "insert", "delete", "cut", "repeat"]))
        if op == "flip" and data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=40))
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 400))]
        elif op == "cut":
            del data[at:]
        elif op == "repeat":
            chunk = data[at:at + draw(st.integers(1, 60))]
            data[at:at] = chunk * draw(st.integers(1, 50))
    return bytes(data)


_NUMBER = re.compile(rb"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")


@st.composite
def renumbered(draw, original: bytes) -> bytes:
    """``original`` with some of its numbers (lengths, counts, offsets, coordinates, object ids) replaced."""
    spans = [m.span() for m in _NUMBER.finditer(original)]
    chosen = draw(st.lists(st.sampled_from(spans), min_size=1, max_size=6, unique=True))
    values = st.one_of(st.integers(-2**40, 2**40), st.sampled_from([0, -1, 1, 2**31, 2**63, 10**300]),
                       st.floats(allow_nan=False, allow_infinity=False, width=32))
    out, last = bytearray(), 0
    for start, end in sorted(chosen):
        out += original[last:start] + str(draw(values)).encode()
        last = end
    return bytes(out + original[last:])


# -- HTML ------------------------------------------------------------------------------------------------
@FAST
@given(st.binary(max_size=3000))
def test_html_random_bytes(content):
    parse_or_documented_error(content, "text/html")


@FAST
@given(mutated(SEED_PAGE))
def test_html_mutated_seed_page(content):
    parse_or_documented_error(content, "text/html")


@FAST
@given(st.text(max_size=400), st.sampled_from(["p", "li", "td", "h2", "title", "script", "a", "pre"]),
       st.sampled_from([None, "utf-8", "windows-1252", "utf-16", "x-unknown"]))
def test_html_any_text_in_any_element(text, tag, charset):
    meta = f"<meta charset='{charset}'>" if charset else ""
    markup = f"<!doctype html><html><head>{meta}</head><body><main><{tag}>{text}</{tag}>" \
             f"<p>Personcentrerad vård.</p></main></body></html>"
    document = parse_or_documented_error(markup.encode("utf-8", "surrogatepass"), "text/html", charset)
    if document is not None and charset in (None, "utf-8"):
        assert "Personcentrerad vård." in document.text


# -- plain text --------------------------------------------------------------------------------------------
@FAST
@given(st.binary(max_size=3000))
def test_text_random_bytes(content):
    parse_or_documented_error(content, "text/plain")


@FAST
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=600), st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_text_in_any_encoding(text, encoding):
    try:
        content = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    parse_or_documented_error(content, "text/plain", encoding if encoding != "utf-8" else None)


@FAST
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöÅÄÖéü .,:;!?-–•*#\n\t", max_size=800))
def test_swedish_text_in_utf8_is_never_garbled(text):
    document = parse_or_documented_error(text.encode("utf-8"), "text/plain")
    if document is not None:
        assert "Ã" not in document.text and "\ufffd" not in document.text
        letters = set("".join(re.findall(r"\w+", document.text)))
        assert letters <= set(text), letters - set(text)


@FAST
@given(mutated(SEED_PAGE))
def test_text_mutated_bytes(content):
    parse_or_documented_error(content, "text/plain")


# -- PDF -----------------------------------------------------------------------------------------------------
@PDFS
@given(st.binary(max_size=2000))
def test_pdf_random_bytes_after_a_header(content):
    parse_or_documented_error(b"%PDF-1.7\n" + content, "application/pdf")


@PDFS
@given(mutated(SMALL_PDF))
def test_pdf_mutated_small_file(content):
    parse_or_documented_error(content, "application/pdf")


@PDFS
@given(renumbered(SMALL_PDF))
def test_pdf_with_numbers_replaced(content):
    parse_or_documented_error(content, "application/pdf")


@settings(max_examples=8, deadline=timedelta(seconds=20), suppress_health_check=[HealthCheck.too_slow])
@given(mutated(BROCHURE, max_ops=4))
def test_pdf_mutated_brochure(content):
    parse_or_documented_error(content, "application/pdf")


# -- IRI minting ----------------------------------------------------------------------------------------------
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@settings(max_examples=300, deadline=timedelta(seconds=2))
@given(st.text(max_size=300), st.integers(10, 120))
def test_slug_is_short_lower_case_ascii(text, max_len):
    slug = iri.slug(text, max_len)
    assert SLUG.fullmatch(slug) and len(slug) <= max_len
    assert slug == iri.slug(text, max_len)


@settings(max_examples=300, deadline=timedelta(seconds=2))
@given(st.sampled_from(["principle", "shift", "actor", "report", "region", "goal", "focus_area",
                        "success_factor", "driving_force", "initiative"]) | st.text(max_size=30),
       st.text(max_size=200), st.text(max_size=120), st.text(alphabet="0123456789abcdef", min_size=16, max_size=64),
       st.integers(0, 10**9), st.integers(0, 10**9))
def test_minted_iris_are_valid_and_deterministic(type_, key, source_id, sha, start, end):
    concept = iri.concept(type_, key)
    minted = [concept, iri.source(source_id), iri.graph(source_id), iri.snapshot(source_id, sha),
              iri.mention(source_id, sha, concept, start, end), iri.statement(source_id, key, start),
              iri.run(key), iri.occurrence(source_id, sha, concept), iri.part(concept, key),
              iri.part(iri.part(concept, key), source_id)]
    for value in minted:
        assert value.startswith(iri.DEFAULT_BASE_IRI) and value.isascii(), value
        assert not re.search(r"[\s<>\"{}|\\^`]", value), value
        assert ox.NamedNode(value).value == value
    assert iri.concept(type_, key) == concept
    assert iri.graph(source_id) != iri.source(source_id)


@settings(max_examples=100, deadline=timedelta(seconds=2))
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöé -:", min_size=1, max_size=60))
def test_concept_iri_ignores_case_and_swedish_letters(key):
    assert iri.concept("actor", key) == iri.concept("actor", key.upper())
    assert iri.concept("actor", key) == iri.concept("actor", key.replace("å", "a").replace("ä", "a")
                                                    .replace("ö", "o").replace("é", "e"))


def test_rebase_keeps_iris_valid():
    base = "https://data.example.se/vard/"
    for value in (iri.concept("principle", "Personcentrering"), iri.graph("region-halland")):
        moved = iri.rebase(value, base)
        assert moved.startswith(base) and ox.NamedNode(moved).value == moved

