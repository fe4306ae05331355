"""The JSON of ``naravard extract --json`` (the format ``../shared/eval/score.py`` reads).

    {"documents": [{"file": PATH, "concepts": [{"type": T, "labels": [..], "iri": IRI, "kind": K,
                     "mentions": [{"quote": Q, "start": S, "end": E}]}]}]}

``labels`` holds the preferred label, the concept's other labels, then the surface forms it was
found under in this document (each once). One entry per concept per document, in the order of
first mention; mentions in text order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..types import Concept, Extraction


def document_json(extraction: Extraction, file: str | None = None) -> dict:
    """One document's entry: its concepts with labels and mentions."""
    doc = extraction.document
    concepts = []
    for c in extraction.concepts:
        mentions = extraction.mentions_of(c.iri)
        concepts.append({
            "type": c.type,
            "labels": labels_of(c, (m.surface for m in mentions)),
            "iri": c.iri,
            "kind": c.kind,
            "mentions": [{"quote": doc.text[m.start:m.end], "start": m.start, "end": m.end} for m in mentions],
        })
    return {"file": file or doc.location, "concepts": concepts}


def labels_of(concept: Concept, surfaces: Iterable[str]) -> list[str]:
    """Preferred label, other labels, then the surface forms, without repeats."""
    out: list[str] = []
    for label in (concept.pref_label, *concept.labels, *surfaces):
        label = " ".join(label.split())
        if label and label not in out:
            out.append(label)
    return out


def dumps(extractions: Iterable[tuple[str, Extraction]]) -> str:
    """The whole JSON text for (file, extraction) pairs."""
    docs = [document_json(x, file) for file, x in extractions]
    return json.dumps({"documents": docs}, ensure_ascii=False, indent=1)
