"""The benchmark corpus: generated HTML pages and PDF brochures, cached on disk, plus its catalogue.

Document ``i`` of a kind depends only on (generator version, seed, kind, i), so a corpus of 3,000
pages is the corpus of 2,000 pages plus 1,000 more, and a re-run with the same seed regenerates
nothing. The cache lives in ``output/bench/corpus/v{VERSION}-seed{SEED}/``:

    html/page-00000.html …     pdf/brochure-00000.pdf …     manifest.json (one entry per file)

:func:`write_catalogue` writes a ``[[source]]`` catalogue over the first N pages and M brochures,
each an offline snapshot, so the corpus is ingested exactly like the bundled sources.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from .corpus_html import make_page
from .corpus_pdf import make_pdf

VERSION = 3  # bump when the generator changes what it writes


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    kind: str  # "html" | "pdf"
    path: str  # relative to the corpus folder
    url: str
    publisher: str
    region: str
    title: str
    bytes: int
    pages: int


@dataclass(frozen=True, slots=True)
class Corpus:
    root: Path
    html: tuple[Item, ...]
    pdf: tuple[Item, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return self.html + self.pdf

    def paths(self, kind: str | None = None) -> list[Path]:
        return [self.root / i.path for i in self.items if kind in (None, i.kind)]

    def subset(self, n_html: int, n_pdf: int) -> Corpus:
        return Corpus(self.root, self.html[:n_html], self.pdf[:n_pdf])


def corpus_dir(output: Path, seed: int) -> Path:
    return output / "bench" / "corpus" / f"v{VERSION}-seed{seed}"


def _rng(seed: int, kind: str, index: int) -> random.Random:
    return random.Random(f"naravard-bench:v{VERSION}:{seed}:{kind}:{index}")


def _make(root: Path, seed: int, kind: str, index: int) -> Item:
    if kind == "html":
        doc = make_page(_rng(seed, kind, index), index)
        rel, pages = f"html/page-{index:05d}.html", 1
    else:
        doc = make_pdf(_rng(seed, kind, index), index)
        rel, pages = f"pdf/brochure-{index:05d}.pdf", doc.pages
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(doc.content)
    tmp.replace(path)
    return Item(f"bench-{kind}-{index:05d}", kind, rel, doc.url, doc.publisher, doc.place.county, doc.title,
                len(doc.content), pages)


def ensure_corpus(output: Path, seed: int, n_html: int, n_pdf: int,
                  progress: Callable[[str], None] | None = None) -> Corpus:
    """The first ``n_html`` pages and ``n_pdf`` brochures for ``seed``, generating only what is missing."""
    root = corpus_dir(output, seed)
    manifest = root / "manifest.json"
    known: dict[str, Item] = {}
    if manifest.is_file():
        for entry in json.loads(manifest.read_text(encoding="utf-8")):
            item = Item(**entry)
            if (root / item.path).is_file():
                known[item.id] = item
    made = 0
    for kind, count in (("html", n_html), ("pdf", n_pdf)):
        for index in range(count):
            if f"bench-{kind}-{index:05d}" not in known:
                item = _make(root, seed, kind, index)
                known[item.id] = item
                made += 1
                if progress and made % 250 == 0:
                    progress(f"generated {made} documents")
    if made:
        root.mkdir(parents=True, exist_ok=True)
        tmp = manifest.with_suffix(".tmp")
        tmp.write_text(json.dumps([asdict(i) for i in sorted(known.values(), key=lambda i: i.id)], indent=0),
                       encoding="utf-8")
        tmp.replace(manifest)
    html = tuple(known[f"bench-html-{i:05d}"] for i in range(n_html))
    pdf = tuple(known[f"bench-pdf-{i:05d}"] for i in range(n_pdf))
    return Corpus(root, html, pdf)


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def write_catalogue(corpus: Corpus, path: Path) -> Path:
    """A catalogue with one offline source per document of ``corpus``."""
    lines = []
    for item in corpus.items:
        lines += ["[[source]]", f"id = {_toml(item.id)}", f"url = {_toml(item.url)}",
                  f"publisher = {_toml(item.publisher)}", f"kind = {_toml(item.kind)}",
                  f"region = {_toml(item.region)}", f"title = {_toml(item.title)}",
                  f"snapshot = {_toml(str((corpus.root / item.path).resolve()))}", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def totals(corpus: Corpus) -> dict[str, int]:
    """Documents, pages and bytes of the corpus, per kind and overall."""
    out: dict[str, int] = {}
    for kind in ("html", "pdf"):
        items = [i for i in corpus.items if i.kind == kind]
        out[f"{kind}_documents"] = len(items)
        out[f"{kind}_pages"] = sum(i.pages for i in items)
        out[f"{kind}_bytes"] = sum(i.bytes for i in items)
    return out
