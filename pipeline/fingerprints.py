"""When a graph is the same as before: canonical N-Quads, graph hashes, and the code's fingerprint.

- :func:`canonical` — sorted, de-duplicated N-Quads lines: the form compared, hashed and kept in history;
- :func:`graph_hash` — SHA-256 of a canonical graph without its run metadata (the quads saying when
  and by which run it was built, ``RUN_METADATA_PREDICATES``): equal hashes, same content;
- :func:`canonical_dump` — a whole store in that form, for comparing two stores;
- :func:`fingerprint` — a hash of what turns bytes into a graph (code, version, ontology data, base
  IRI, parse caps): when it changes, unchanged sources are rebuilt.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from . import __version__, iri
from .settings import Settings

# Quads that say when and by which run a graph was built, not what the source says: ignored when
# deciding whether a rebuilt graph changed, and by the canonical comparison of two stores.
RUN_METADATA_PREDICATES = frozenset({
    "http://www.w3.org/ns/prov#wasGeneratedBy",
    "http://www.w3.org/ns/prov#generatedAtTime",
    "https://w3id.org/naravard/ontology#softwareVersion",
    "https://w3id.org/naravard/ontology#httpStatus",
})
FINGERPRINT_CODE = ("parse", "extract", "graph", "iri.py", "types.py", "vocab.py", "mediatype.py")


def canonical(nquads: bytes | str) -> bytes:
    """Sorted, de-duplicated N-Quads lines: the form compared, hashed and kept in history.

    Sorting the UTF-8 bytes orders lines by code point, as sorting the text would."""
    data = nquads.encode("utf-8") if isinstance(nquads, str) else nquads
    lines = sorted({ln.strip() for ln in data.split(b"\n")} - {b""})
    return b"\n".join(lines) + b"\n" if lines else b""


def is_run_metadata(line: str) -> bool:
    parts = line.split(" ", 2)
    return len(parts) > 1 and parts[1].strip("<>") in RUN_METADATA_PREDICATES


_MARKERS = tuple(f"> <{p}> ".encode() for p in sorted(RUN_METADATA_PREDICATES))


def graph_hash(nquads: bytes) -> str:
    """SHA-256 of a canonical graph without its run metadata: equal hashes, same content.

    Run-metadata lines are few; they are found by substring search (fast) and cut out, checking
    that the marker really is the predicate (an IRI subject holds neither '>' nor a space)."""
    cuts: list[tuple[int, int]] = []
    for marker in _MARKERS:
        at = nquads.find(marker)
        while at != -1:
            start = nquads.rfind(b"\n", 0, at) + 1
            if nquads.find(b"> ", start) == at:
                end = nquads.find(b"\n", at)
                cuts.append((start, len(nquads) if end == -1 else end + 1))
            at = nquads.find(marker, at + 1)
    h = hashlib.sha256()
    position = 0
    for start, end in sorted(cuts):
        h.update(nquads[position:start])
        position = end
    h.update(nquads[position:])
    return h.hexdigest()


def canonical_dump(store, settings: Settings, *, run_metadata: bool = False) -> bytes:
    """The store as sorted N-Quads without the runs graph (and, unless ``run_metadata``, without the
    quads saying when and by which run each graph was built): two ingests of the same inputs give
    the same bytes."""
    runs = iri.runs_graph(settings.base_iri)
    lines = []
    for quad in store.quads():
        if getattr(quad.graph_name, "value", None) == runs:
            continue
        line = f"{quad} ."
        if run_metadata or not is_run_metadata(line):
            lines.append(line)
    return canonical("\n".join(lines))


def fingerprint(settings: Settings) -> str:
    """A hash of what turns bytes into a graph: naravard's code and version (as loaded by this process),
    the ontology data, the base IRI and parse caps. When it changes, unchanged sources are rebuilt."""
    h = hashlib.sha256(f"{_code_fingerprint()}\x1f{settings.base_iri}\x1f{settings.max_pdf_pages}".encode())
    if settings.ontology.is_dir():
        for path in sorted(p for p in settings.ontology.rglob("*") if p.is_file() and p.suffix != ".pyc"):
            _hash_file(h, path)
    return h.hexdigest()[:32]


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """Once per process: the code that runs is the code that was imported."""
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for name in FINGERPRINT_CODE:
        path = package / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            _hash_file(h, file)
    return h.hexdigest()


def _hash_file(h, path: Path) -> None:
    try:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    except OSError:
        pass
