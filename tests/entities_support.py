"""Helpers for the entity tests: documents from short texts, a scorer for the fixture gold files.

The scorer follows ``../shared/eval/score.py`` (the project's evaluation): each gold entry is one
concept given as regular expressions over normalised labels; a predicted concept is a true positive
when it matches an entry no earlier concept matched, neutral when it matches an optional entry, and
a false positive otherwise.
"""

from __future__ import annotations

import re

from pipeline.parse.builder import DocumentBuilder
from pipeline.types import Document

TYPES = ("actor", "report", "region")


def doc(text: str, *, links: list[tuple[str, str, bool]] = (), title: str | None = None,
        media_type: str = "text/plain") -> Document:
    """A Document from paragraphs separated by blank lines; "# " starts a heading, "- " a list item.

    ``links`` are (href, anchor text, is_document), located in the block that contains the anchor.
    """
    from pipeline.types import Metadata

    b = DocumentBuilder()
    blocks = []
    for part in re.split(r"\n\s*\n", text.strip()):
        part = part.strip()
        if part.startswith("# "):
            blocks.append(b.heading(part[2:], 2))
        elif part.startswith("- "):
            for item in part.split("\n"):
                blocks.append(b.add("list_item", item[2:], level=1))
        else:
            blocks.append(b.add("paragraph", part))
    for href, anchor, is_doc in links:
        block = next((bl for bl in blocks if bl and anchor in _text(b, bl)), None)
        b.link(href, anchor, block=block, is_document=is_doc)
    return b.build(location="test", media_type=media_type, sha256="0" * 64, metadata=Metadata(title=title))


def _text(b: DocumentBuilder, block) -> str:
    return "".join(b._parts)[block.start:block.end]


def norm(label: str) -> str:
    s = label.lower().replace("\u2013", "-").replace("\u2014", "-").replace("\u00ad", "")
    s = re.sub(r"\s+", " ", s).strip()
    return s.strip(" \"'\u201d\u201c\u00bb\u00ab.,:;!?")


def score(gold: dict, concepts: list[dict]) -> dict[str, list[int]]:
    """{type: [tp, fp, fn]} for one document; ``concepts`` as in `naravard extract --json`."""
    out = {}
    optional = gold.get("optional", {})
    for t in TYPES:
        entries = gold["gold"].get(t, [])
        found = [False] * len(entries)
        tp = fp = 0
        for c in concepts:
            if c["type"] != t:
                continue
            labels = [norm(x) for x in c["labels"]]
            hit = [i for i, g in enumerate(entries) if any(re.fullmatch(p, lab) for p in g for lab in labels)]
            fresh = [i for i in hit if not found[i]]
            if fresh:
                found[fresh[0]] = True
                tp += 1
            elif not hit and any(re.fullmatch(p, lab) for g in optional.get(t, []) + optional.get("any", [])
                                 for p in g for lab in labels):
                continue
            else:
                fp += 1
        out[t] = [tp, fp, found.count(False)]
    return out


def f1(tp: int, fp: int, fn: int) -> float:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0
