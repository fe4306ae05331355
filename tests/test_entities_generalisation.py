"""Actors, reports and places on pages from other regions, municipalities and agencies.

Each fixture in ``tests/data/entities/`` (a text or HTML page written in the style of Region Skåne,
Västra Götalandsregionen, Region Jämtland Härjedalen, Region Örebro län, a Norrland municipality,
SKL and Vårdanalys) has a gold file ``<name>.gold.json`` in the format of the dev gold set. The
whole extraction cascade runs on them and is scored like the dev set; the floors are the project's
targets (every type at least 0.85, micro F1 at least 0.90).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from entities_support import TYPES, f1, score

from pipeline.api import extract_files

DATA = Path(__file__).resolve().parent / "data" / "entities"
FILES = sorted(p for p in DATA.iterdir() if p.suffix in (".txt", ".html"))


@pytest.fixture(scope="module")
def totals():
    out = {t: [0, 0, 0] for t in TYPES}
    per_doc = {}
    for path, ex in zip(FILES, extract_files(FILES), strict=True):
        gold = json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))
        concepts = [{"type": c.type, "labels": [c.pref_label, *c.labels, *(m.surface for m in ex.mentions_of(c.iri))]}
                    for c in ex.concepts]
        result = score(gold, concepts)
        per_doc[path.name] = result
        for t, counts in result.items():
            out[t] = [a + b for a, b in zip(out[t], counts, strict=True)]
    return out, per_doc


def test_fixtures_have_gold():
    assert len(FILES) >= 7
    for path in FILES:
        assert path.with_name(path.stem + ".gold.json").exists(), path


@pytest.mark.parametrize("type_", TYPES)
def test_each_type_reaches_the_floor(totals, type_):
    counts, per_doc = totals
    assert f1(*counts[type_]) >= 0.85, {k: v[type_] for k, v in per_doc.items() if v[type_][1] or v[type_][2]}


def test_micro_f1_reaches_the_floor(totals):
    counts, _ = totals
    tp, fp, fn = (sum(v[i] for v in counts.values()) for i in range(3))
    assert f1(tp, fp, fn) >= 0.90
