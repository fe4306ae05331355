"""Deterministic IRIs, minted in one place from stable keys.

Two runs on the same input mint the same IRIs; a concept keeps its IRI across sources and
re-ingests. No blank nodes are ever generated. All IRIs live under one base (default
``https://w3id.org/naravard/``) that a deployment may change in settings; IRIs stored in the
thesaurus files use the default base and are moved with :func:`rebase`.

    concept   {base}concept/{segment}/{slug}         e.g. .../concept/actor/region-halland, .../concept/place/halland
    source    {base}source/{source-id}
    snapshot  {base}snapshot/{source-id}/{sha256[:16]}
    graph     {base}graph/{source-id}                 the named graph of a source
    mention   {base}mention/{source-id}/{digest}      digest of (snapshot sha, concept, start, end)
    span      {base}span/{source-id}/{sha256[:16]}/{start}-{end}   characters [start, end) of a snapshot
    statement {base}statement/{source-id}/{digest}
    run       {base}run/{timestamp}
    summary   {base}summary/{kind}/{digest}           a row of the corpus summary, digest of its key
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from .settings import DEFAULT_BASE_IRI

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "æ": "ae", "ø": "o", "–": "-", "—": "-"})


@lru_cache(maxsize=16384)  # the graph builder asks for the same few (source ids, "target", "quote") often
def slug(text: str, max_len: int = 80) -> str:
    """A lower-case ASCII slug: 'Region Sörmland' -> 'region-sormland', 'SOU 2020:19' -> 'sou-2020-19'."""
    s = text.lower().translate(_FOLD)
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if len(s) > max_len:
        digest = hashlib.sha1(s.encode()).hexdigest()[:8]
        s = s[: max_len - 9].rstrip("-") + "-" + digest
    return s or "x"


def digest(*parts: object, length: int = 16) -> str:
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return h[:length]


# Concept type (as in Extraction and the extract JSON) -> IRI path segment.
TYPE_SEGMENT = {"region": "place", "focus_area": "focus-area", "success_factor": "success-factor",
                "driving_force": "driving-force"}


def concept(type_: str, key: str, base: str = DEFAULT_BASE_IRI) -> str:
    """IRI of a concept of ``type_`` (e.g. "actor", "region") with a normalised ``key`` (e.g. "Region Halland")."""
    return f"{base}concept/{TYPE_SEGMENT.get(type_, slug(type_))}/{slug(key)}"


def source(source_id: str, base: str = DEFAULT_BASE_IRI) -> str:
    return f"{base}source/{slug(source_id, 100)}"


def graph(source_id: str, base: str = DEFAULT_BASE_IRI) -> str:
    return f"{base}graph/{slug(source_id, 100)}"


def snapshot(source_id: str, sha256: str, base: str = DEFAULT_BASE_IRI) -> str:
    return f"{base}snapshot/{slug(source_id, 100)}/{sha256[:16]}"


def mention(source_id: str, sha256: str, concept_iri: str, start: int, end: int, base: str = DEFAULT_BASE_IRI) -> str:
    return f"{base}mention/{slug(source_id, 100)}/{digest(sha256, concept_iri, start, end)}"


def span(source_id: str, sha256: str, start: int, end: int, base: str = DEFAULT_BASE_IRI) -> str:
    """The characters [start, end) of a snapshot: the one target of every annotation and statement evidence there."""
    return f"{base}span/{slug(source_id, 100)}/{sha256[:16]}/{start}-{end}"


def statement(source_id: str, *parts: object, base: str = DEFAULT_BASE_IRI) -> str:
    return f"{base}statement/{slug(source_id, 100)}/{digest(*parts)}"


def run(timestamp: str, base: str = DEFAULT_BASE_IRI) -> str:
    return f"{base}run/{slug(timestamp)}"


def occurrence(source_id: str, sha256: str, concept_iri: str, base: str = DEFAULT_BASE_IRI) -> str:
    """The link node 'this snapshot mentions this concept N times'."""
    return f"{base}occurrence/{slug(source_id, 100)}/{digest(sha256, concept_iri)}"


def part(iri: str, name: str) -> str:
    """A node that belongs to another one (an annotation's target or selector, a run's per-source outcome).

    ``part(".../mention/x/abc", "target")`` is ``.../mention/x/abc#target``; a part of a part extends the
    fragment: ``...#target-quote``.
    """
    return f"{iri}{'-' if '#' in iri else '#'}{_part_name(name)}"


@lru_cache(maxsize=4096)
def _part_name(name: str) -> str:
    """Part names repeat ("target", "quote", "position"), and a part is made for every mention: slugged once."""
    return slug(name, 100)


def ontology_graph(base: str = DEFAULT_BASE_IRI) -> str:
    """Named graph holding the ontology, the thesaurus and the gazetteer ('ontology' is not a valid source id)."""
    return f"{base}graph/ontology"


def runs_graph(base: str = DEFAULT_BASE_IRI) -> str:
    """Named graph holding the ingest run records ('runs' is not a valid source id)."""
    return f"{base}graph/runs"


def summary_graph(base: str = DEFAULT_BASE_IRI) -> str:
    """Named graph holding the corpus summary (pipeline/graph/summary.py; 'summary' is not a valid source id)."""
    return f"{base}graph/summary"


def own_graphs(base: str = DEFAULT_BASE_IRI) -> frozenset[str]:
    """naravard's own named graphs (ontology, runs, summary): every other ``{base}graph/…`` holds a source."""
    return frozenset((ontology_graph(base), runs_graph(base), summary_graph(base)))


def rebase(iri: str, base: str) -> str:
    """Move an IRI minted under the default base to ``base``."""
    if base != DEFAULT_BASE_IRI and iri.startswith(DEFAULT_BASE_IRI):
        return base + iri[len(DEFAULT_BASE_IRI):]
    return iri
