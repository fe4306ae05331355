"""Goal areas, focus areas, success factors and driving forces that a document lists under a lead-in.

A målbild names its own goal areas, a plan its own focus areas: they are not in any thesaurus, but
the layout gives them away. A lead-in that names the kind of list ("Målbildens ledord är:",
"Fokusområden för 2023–2027 är:", "Förutsättningar och framgångsfaktorer:", "Fem drivande
krafter …:") is followed by list items; each item's lead term ("Tillsammans – Individen ges …",
"Personcentrering") becomes a concept of that type. A lead-in that announces a number ("tre
målområden") may also be followed by that many headings. Terms are short: an item that is a whole
sentence without a lead term gives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .. import iri as iris
from ..types import Block, Concept, Document, Mention
from . import morph

# (concept type, what a lead-in says about its list)
KINDS = (
    ("goal", re.compile(r"målområde|ledord|delmål", re.IGNORECASE)),
    ("focus_area", re.compile(r"fokusområde|insatsområde|prioriterade områden|utvecklingsområde", re.IGNORECASE)),
    ("success_factor", re.compile(r"framgångsfaktor|förutsättningar", re.IGNORECASE)),
    ("driving_force", re.compile(r"drivkraft|drivande krafter", re.IGNORECASE)),
)
_ANY_KIND = re.compile("|".join(cue.pattern for _t, cue in KINDS))  # one pass, in lower case, before the four
NUMBERS = {"två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8}
_NUMBER_WORDS = [(re.compile(rf"\b{w}\b", re.IGNORECASE), n) for w, n in NUMBERS.items()]
_ANY_NUMBER = re.compile(rf"\b(?:{'|'.join(NUMBERS)})\b", re.IGNORECASE)  # one pass before the seven
_LEAD_TERM = re.compile(r"\s+[–—-]\s+|:\s+")
MAX_LEAD_WORDS = 6  # a lead term before a dash or colon
MAX_ITEM_WORDS = 8  # an item that is itself the term
MAX_HEADING_GAP = 12  # blocks searched for announced headings


@dataclass(frozen=True, slots=True)
class Listed:
    type: str
    term: str
    start: int
    end: int


def find_listed(doc: Document, base: str = iris.DEFAULT_BASE_IRI) -> tuple[list[Concept], list[Mention]]:
    """Concepts named by the list items (or announced headings) after a lead-in, with their mentions."""
    concepts: dict[str, Concept] = {}
    mentions: list[Mention] = []
    for item in _listed(doc):
        iri = iris.concept(item.type, item.term, base)
        concepts.setdefault(iri, Concept(iri=iri, type=item.type, pref_label=item.term, in_thesaurus=False))
        mentions.append(Mention(iri, item.start, item.end, doc.text[item.start:item.end], f"list-{item.type}"))
    return list(concepts.values()), mentions


def _listed(doc: Document) -> Iterable[Listed]:
    blocks = list(doc.blocks)
    for i, block in enumerate(blocks):
        if block.kind == "list_item":
            continue
        lead = doc.text[block.start:block.end]
        if not _ANY_KIND.search(lead.lower()):
            continue
        type_ = next((t for t, cue in KINDS if cue.search(lead)), None)
        if type_ is None:
            continue
        if lead.rstrip().endswith(":") or block.kind == "heading":
            for item in _items(blocks, i):
                found = _term(doc, item)
                if found:
                    yield Listed(type_, *found)
        count = 0 if lead.rstrip().endswith(":") else _announced_count(lead)
        if count:
            for head in _announced_headings(blocks, i, count):
                text = doc.text[head.start:head.end]
                if 0 < len(morph.words(text)) <= MAX_LEAD_WORDS:
                    yield Listed(type_, text.strip(), head.start, head.end)


def _announced_count(lead: str) -> int:
    """The number of items a lead-in announces ("tre målområden"): its first number word found, else 0."""
    if not _ANY_NUMBER.search(lead):
        return 0
    return next((n for word, n in _NUMBER_WORDS if word.search(lead)), 0)


def _items(blocks: list[Block], i: int) -> list[Block]:
    out = []
    for b in blocks[i + 1:]:
        if b.kind != "list_item":
            break
        out.append(b)
    return out


def _announced_headings(blocks: list[Block], i: int, count: int) -> list[Block]:
    out: list[Block] = []
    for b in blocks[i + 1:i + 1 + MAX_HEADING_GAP]:
        if b.kind != "heading":
            continue
        if out and b.level < out[0].level:
            break
        if not out or b.level == out[0].level:
            out.append(b)
        if len(out) == count:
            return out
    return []


def _term(doc: Document, item: Block) -> tuple[str, int, int] | None:
    text = doc.text[item.start:item.end]
    m = _LEAD_TERM.search(text)
    if m and 0 < len(morph.words(text[:m.start()])) <= MAX_LEAD_WORDS:
        term = text[:m.start()].strip()
    else:
        term = text.strip().rstrip(".;:!")
        if not 0 < len(morph.words(term)) <= MAX_ITEM_WORDS:
            return None
    start = item.start + text.index(term)
    return term, start, start + len(term)
