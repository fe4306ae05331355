"""Shared helpers of the graph, store, query, endpoint, validation and RDF export tests.

``seed_store_dir()`` builds, once per test process, an on-disk store from the bundled catalogue the
way ingest does: for each source in ``sources/*.toml``: read its snapshot → parse → extract →
``source_graph`` → ``replace_graph``; plus the ontology graph, one run record and the corpus
summary. Tests open it
read-only (``open_seed_store()``) or copy it when they write.

``small_extraction()`` is a hand-made extraction of a short text with known offsets, for tests that
check the graph model exactly.
"""

from __future__ import annotations

import shutil
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pipeline import iri
from pipeline.settings import PROJECT_ROOT, Settings
from pipeline.types import Block, Concept, Document, Extraction, Fetched, Mention, Metadata, Relation, Source

CATALOGUE = PROJECT_ROOT / "sources"
RUN_STARTED = "2025-03-01T10:00:00Z"
_SEED: dict[str, object] = {}


@dataclass(frozen=True)
class SeedSource:
    source: Source
    fetched: Fetched
    extraction: Extraction


def seed_extractions() -> list[SeedSource]:
    """Every bundled source, parsed and extracted (cached for the process)."""
    if "extractions" not in _SEED:
        from pipeline.catalogue import load_catalogue
        from pipeline.extract import extract, load_knowledge
        from pipeline.fetch.local import read_snapshot
        from pipeline.parse import parse

        settings = Settings()
        knowledge = load_knowledge(settings)
        out = []
        for source in load_catalogue(CATALOGUE):
            fetched = read_snapshot(source, settings)
            out.append(SeedSource(source, fetched, extract(parse(fetched, settings), knowledge)))
        _SEED["extractions"] = out
    return _SEED["extractions"]  # type: ignore[return-value]


def build_store(output: Path, settings: Settings | None = None) -> Settings:
    """Write the seed corpus into a fresh store under ``output``; returns the settings pointing at it."""
    from pipeline.graph.build import SourceOutcome, ontology_quads, run_quads, source_graph
    from pipeline.graph.store import open_store
    from pipeline.graph.summary import refresh_summary

    settings = settings or Settings(output=output)
    run = iri.run(RUN_STARTED, settings.base_iri)
    with open_store(settings) as store:
        store.replace_graph(iri.ontology_graph(settings.base_iri), ontology_quads(settings))
        outcomes = []
        for seed in seed_extractions():
            quads = source_graph(seed.source, seed.fetched, seed.extraction, settings, run_iri=run)
            store.replace_graph(iri.graph(seed.source.id, settings.base_iri), quads)
            outcomes.append(SourceOutcome(seed.source.id, "new", seed.fetched.sha256))
        store.replace_graph(iri.runs_graph(settings.base_iri),
                            run_quads(run, started=RUN_STARTED, ended="2025-03-01T10:01:00Z", outcomes=outcomes,
                                      base=settings.base_iri))
        refresh_summary(store, settings.base_iri)
    return settings


def seed_store_dir() -> Path:
    """The output folder of the shared seed store (built on first use)."""
    if "dir" not in _SEED:
        output = Path(tempfile.mkdtemp(prefix="naravard-seed-"))
        build_store(output)
        _SEED["dir"] = output
    return _SEED["dir"]  # type: ignore[return-value]


def seed_settings(**overrides) -> Settings:
    return Settings(output=seed_store_dir(), **overrides)


def open_seed_store():
    from pipeline.graph.store import open_store

    return open_store(seed_settings(), read_only=True)


def copy_seed_store(target: Path) -> Settings:
    """A writable copy of the seed store in ``target`` (the shared one stays untouched)."""
    shutil.copytree(seed_store_dir() / "store", target / "store")
    return Settings(output=target)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------------- small
SMALL_TEXT = ("Region Halland arbetar personcentrerat.\n\n"
              "Från reaktiv till proaktiv vård.\n\n"
              "Region Halland och Gnesta vårdcentral samverkar personcentrerat kring målbilden 2030.")


def small_source() -> Source:
    return Source(id="test-source", url="https://example.org/nara-vard", publisher="Region Halland", kind="pdf",
                  region="Halland", title="Testkälla")


def small_fetched(sha: str = "a" * 64) -> Fetched:
    return Fetched(url="https://example.org/nara-vard", content=SMALL_TEXT.encode(), media_type="application/pdf",
                   sha256=sha, retrieved="2025-03-01T10:00:00Z", source_id="test-source", etag='"abc"',
                   last_modified="Sat, 01 Mar 2025 09:00:00 GMT", status=200)


def span(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = SMALL_TEXT.index(word, start + 1)
    return start, start + len(word)


def small_extraction() -> Extraction:
    """Four concepts (one discovered, the others in the thesaurus or gazetteer), five mentions (one repeated), one stated relation with two passages, a co-occurrence."""
    paragraphs = [(0, SMALL_TEXT.index("\n\n"))]
    second = SMALL_TEXT.index("Från")
    third = SMALL_TEXT.index("Region Halland och")
    blocks = (Block("paragraph", 0, paragraphs[0][1], page=1),
              Block("paragraph", second, third - 2, page=1),
              Block("paragraph", third, len(SMALL_TEXT), page=2))
    doc = Document(location="https://example.org/nara-vard", media_type="application/pdf", sha256="a" * 64,
                   text=SMALL_TEXT, metadata=Metadata(title="Nära vård i Halland", published="2023-01-24",
                                                      language="sv", page_count=2),
                   blocks=blocks, source_id="test-source")
    region = Concept(iri.concept("actor", "Region Halland"), "actor", "Region Halland", kind="region", in_thesaurus=True)
    gnesta = Concept(iri.concept("actor", "Gnesta vårdcentral"), "actor", "Gnesta vårdcentral", labels=("Gnesta VC",),
                     kind="care_unit")
    person = Concept(iri.concept("principle", "personcentrering"), "principle", "personcentrering", in_thesaurus=True)
    shift = Concept(iri.concept("shift", "reaktiv till proaktiv"), "shift", "från reaktiv till proaktiv")
    mentions = (
        Mention(region.iri, *span("Region Halland"), "Region Halland", "gazetteer"),
        Mention(person.iri, *span("personcentrerat"), "personcentrerat", "thesaurus", 0.9),
        Mention(shift.iri, *span("Från reaktiv till proaktiv"), "Från reaktiv till proaktiv", "shifts"),
        Mention(region.iri, *span("Region Halland", 1), "Region Halland", "gazetteer"),
        Mention(gnesta.iri, *span("Gnesta vårdcentral"), "Gnesta vårdcentral", "pattern", 0.75),
        Mention(person.iri, *span("personcentrerat", 1), "personcentrerat", "thesaurus", 0.9),
        Mention(person.iri, *span("personcentrerat", 1), "personcentrerat", "morph", 0.8),  # same span again
    )
    sentence = (third, len(SMALL_TEXT))
    relations = (
        Relation(region.iri, "collaboratesWith", gnesta.iri, *sentence, "pattern"),
        Relation(gnesta.iri, "collaboratesWith", region.iri, *sentence, "pattern"),  # same pair, other way round
        Relation(region.iri, "coOccursWith", person.iri, 0, paragraphs[0][1], "cooccurrence"),
        Relation(person.iri, "coOccursWith", region.iri, *sentence, "cooccurrence"),
        Relation(shift.iri, "fromState", "reaktiv", *span("reaktiv"), "shifts", literal=True),
        Relation(gnesta.iri, "targetYear", "2030", *span("2030"), "pattern", literal=True),
    )
    return Extraction(document=doc, concepts=(region, person, shift, gnesta), mentions=mentions, relations=relations)
