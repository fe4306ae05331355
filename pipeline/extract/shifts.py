"""Shifts (förflyttningar): "från X till Y" in text, lists and from→to diagrams.

Where a shift is stated:

* in a sentence or list item: "… byta fokus från sjukdom och behandling till hälsa …",
  "• Från reaktiv till proaktiv och hälsofrämjande";
* after a lead-in that ends in "från:" with items that read "X till Y";
* in a table whose header row reads "Från | Till" (also lines of cells "X | Y" in plain text);
* as a from→to diagram: the parser's ``Document.pairs``, a block "X → Y", or two short blocks in a
  row whose texts are the från- and till-state of a known shift (a diagram flattened to text).

A found pair is resolved to a thesaurus shift by the words of its states (:mod:`.shift_resolution`);
otherwise it becomes a discovered shift concept labelled "från X till Y", one for the pairs of a
document that share content words on both sides. Sentences need a cue ("förflyttning", "fokus", "gå
från", "flytta vården", …) unless the pair resolves to a known shift, which keeps "från januari till
mars" and "från ord till handling" out.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .. import iri as iris
from ..types import Block, Concept, Document, Mention, Relation
from . import morph
from .shift_resolution import STOPWORDS, Found, ShiftIndex, same

TIME_WORDS = frozenset("""
januari februari mars april maj juni juli augusti september oktober november december år året åren månad
månader vecka veckor dag dagar klockan kl vår sommar höst vinter morgon kväll timme timmar minut minuter
måndag tisdag onsdag torsdag fredag lördag söndag vardag vardagar helg helger
""".split())
# Set phrases that read "från X till Y" without stating a shift ("gå från ord till handling").
_IDIOMS = "ord:handling idé:handling idé:verklighet början:slut vagga:grav topp:tå ax:limpa dag:dag"
# Cues that a sentence states a shift; one must stand shortly before "från" (or in a list's lead-in).
_CUES = re.compile(
    r"förflytt|förskjut|skifte|paradigm|fokus|tyngdpunkt|omställ|ställa om|ställer om|förändr|"
    r"\bgå från|\bgår från|\bgått från|\bgå ifrån|\brör oss från|\bröra oss från|\bröra sig från|\bbyta|\bbyter|"
    r"\bskift|\bflytta[rs]? (?:vård\w*|resurs\w*|insats\w*|fokus|tyngdpunkt\w*)",
    re.IGNORECASE,
)
CUE_WINDOW = 8  # words before "från" in which a cue must stand
# A state is text up to sentence punctuation; "?" and "!" may close a quoted question inside it.
_STATE = r"(?:[^.;:!?→]|[?!](?=[\"'”’»]))"
_FRAN_TILL = re.compile(
    rf"\bfrån\s+(?!och\s+med\b|och\s+till\b)(?P<x>{_STATE}{{1,120}}?)\s+till\s+(?P<y>{_STATE}{{1,200}})",
    re.IGNORECASE,
)
# "allt från X till Y", "alla från X till Y": a range of things, not a change of state.
_RANGE = re.compile(r"\b(?:allt|alla|både|ända|vägen)\s*$", re.IGNORECASE)
# Where the till-state ends inside a sentence: always at a clause of purpose or contrast; at a
# relative clause or the sentence's finite verb only when the state would otherwise be too long.
_CUT_Y = re.compile(r",|\s[–—-]\s|\s(?:för att|så att|genom att|eftersom|men|vilket|samtidigt som)\s", re.IGNORECASE)
_CUT_Y_LONG = re.compile(r"\s(?:genom|där|när|från|har|hade|är|var|kan|ska|skall|måste|behöver|bör|blir|"
                         r"kommer att|innebär|betyder|kräver)\s", re.IGNORECASE)
_LEAD_IN = re.compile(r"\bfrån\s*:\s*$", re.IGNORECASE)
_CUE_LEAD_IN = re.compile(r"förflytt|förskjut|skifte", re.IGNORECASE)
_TILL = re.compile(r"\s+till\s+", re.IGNORECASE)
_ARROW = re.compile(r"^(?P<x>[^→⇒➔⟶>]{1,80}?)\s*(?:→|⇒|➔|⟶|-+>|=>)\s*(?P<y>[^→⇒➔⟶>]{1,80})$")
_ARROWS = ("→", "⇒", "➔", "⟶", "->", "=>")  # one of them stands in every match of _ARROW
_SENTENCE_BREAK = re.compile(r"[.!?:;]\s")  # a block with one is no side of a diagram
# Header cells of a two-state table: "Från | Till", "I dag | I framtiden", "Nuläge | Målbild".
_FROM_HEAD = re.compile(r"^(?:från|i ?dag|nu|nuläge|förr|tidigare|hittills)\b", re.IGNORECASE)
_TO_HEAD = re.compile(r"^(?:till|i ?morgon|i framtiden|framtid(?:en)?|framöver|målbild(?:en)?|målläge|(?:år )?20\d\d)\b",
                      re.IGNORECASE)
_CELL_SEP = re.compile(r"\s*(?:\||\t)\s*")
MAX_WORDS = 10  # longest state taken from running text
MAX_DIAGRAM_WORDS = 8  # longest block taken as one side of a flattened diagram


@dataclass(frozen=True, slots=True)
class ShiftResult:
    concepts: tuple[Concept, ...]  # discovered shifts only; thesaurus shifts are named by IRI in mentions
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]


@lru_cache(maxsize=1)
def _idioms() -> frozenset[tuple[str, str]]:
    return frozenset((morph.normalise(x), morph.normalise(y)) for x, y in (p.split(":") for p in _IDIOMS.split()))


def find_shifts(doc: Document, index: ShiftIndex, base: str = iris.DEFAULT_BASE_IRI) -> ShiftResult:
    """All shifts the document states, resolved to the thesaurus where possible."""
    found = _dedupe([*_in_text(doc, index), *_lead_ins(doc), *_tables(doc), *_diagrams(doc, index)])
    resolved = [(f, index.resolve(f.x, f.y)) for f in found]
    groups: dict[str, list[Found]] = {}
    for f, entry in resolved:
        if entry is not None:
            groups.setdefault(entry.iri, []).append(f)
    new: dict[str, Concept] = {}
    for f, entry in resolved:
        if entry is not None:
            continue
        iri = next((i for i, members in groups.items() if any(same(m, f) for m in members)), None)
        if iri is None:
            concept = _discovered(f, base)
            iri = concept.iri
            new.setdefault(iri, concept)
        groups.setdefault(iri, []).append(f)
    mentions, relations = [], []
    for iri, members in groups.items():
        for f in members:
            how = f"shift-{f.how}"
            mentions.append(Mention(iri, f.start, f.end, doc.text[f.start:f.end], how))
            relations.append(Relation(iri, "fromState", _clean(f.x), f.start, f.end, how, literal=True))
            relations.append(Relation(iri, "toState", _clean(f.y), f.start, f.end, how, literal=True))
    return ShiftResult(tuple(new.values()), tuple(mentions), tuple(relations))


def _in_text(doc: Document, index: ShiftIndex) -> Iterable[Found]:
    for block in _text_blocks(doc):
        text = doc.text[block.start:block.end]
        for m in _fran_till(text):
            x, y = m.group("x").strip(), _cut_y(m.group("y"))
            if not _plausible(x, y, names_ok=False):
                continue
            limit = MAX_WORDS + 2 if block.kind == "list_item" else MAX_WORDS
            if len(morph.words(x)) > limit or len(morph.words(y)) > limit:
                continue
            before = text[:m.start()]
            if _RANGE.search(before):
                continue
            listed = block.kind == "list_item" and not before.strip(" -–•")
            if not (listed or _cue_before(text, m.start()) or index.resolve(x, y)):
                continue
            y_start = m.start("y") + m.group("y").index(y)
            yield Found(block.start + m.start(), block.start + y_start + len(y), x, y, "text")


def _fran_till(text: str) -> Iterable[re.Match]:
    """What ``_FRAN_TILL.finditer(text)`` finds, with the pattern tried only where "från" stands (in any
    case): most blocks have none, and a case-insensitive pattern is slow to run over a whole block."""
    low = text.lower()
    if len(low) != len(text):  # lower-casing moved the offsets (a rare character): run the pattern itself
        yield from _FRAN_TILL.finditer(text)
        return
    pos = 0
    i = low.find("från")
    while i >= 0:
        m = _FRAN_TILL.match(text, i) if i >= pos else None
        if m:
            yield m
            pos = m.end()
        i = low.find("från", i + 1)


def _lead_ins(doc: Document) -> Iterable[Found]:
    """List items "X till Y" after a lead-in ending in "från:" or a heading or lead-in naming shifts."""
    blocks = list(doc.blocks)
    for i, block in enumerate(blocks):
        text = doc.text[block.start:block.end]
        if block.kind == "list_item" or not ((":" in text and _LEAD_IN.search(text)) or (
                (block.kind == "heading" or text.rstrip().endswith(":")) and _CUE_LEAD_IN.search(_last_sentence(text)))):
            continue
        for item in blocks[i + 1:]:
            if item.kind != "list_item":
                break
            text = doc.text[item.start:item.end]
            if re.match(r"\s*från\b", text, re.IGNORECASE):
                continue  # a full "från X till Y" item: found by _in_text
            parts = _TILL.split(text, maxsplit=1)
            if len(parts) != 2:
                continue
            x, y = parts[0].strip(), _cut_y(parts[1].rstrip(" .;"))
            if _plausible(x, y, names_ok=False) and max(len(morph.words(x)), len(morph.words(y))) <= MAX_WORDS:
                end = item.start + len(parts[0]) + text[len(parts[0]):].index(y) + len(y)
                yield Found(item.start + text.index(x), end, x, y, "lead-in")


def _tables(doc: Document) -> Iterable[Found]:
    """Rows of a table whose header has a från-column and a till-column (cells joined with " | "); in a
    text without table markup, lines of cells separated by " | " are rows too."""
    columns = None
    for block in doc.blocks:
        text = doc.text[block.start:block.end]
        if block.kind != "table_row" and not (block.kind == "paragraph" and " | " in text and "\n" not in text.strip()):
            columns = None
            continue
        cells = _CELL_SEP.split(text.strip())
        head = _table_head(cells)
        if head is not None:
            columns = head
            continue
        if columns is None or len(cells) <= max(columns):
            continue
        x, y = cells[columns[0]], cells[columns[1]]
        if _plausible(x, y, names_ok=True):
            start = block.start + text.index(x)
            end = block.start + text.index(y, text.index(x) + len(x)) + len(y)
            yield Found(start, end, x, y, "table")


def _table_head(cells: list[str]) -> tuple[int, int] | None:
    froms = [i for i, c in enumerate(cells) if _FROM_HEAD.match(c) and len(c.split()) <= 3]
    tos = [i for i, c in enumerate(cells) if _TO_HEAD.match(c) and len(c.split()) <= 3]
    if froms and tos and froms[0] < tos[0]:
        return froms[0], tos[0]
    return None


def _diagrams(doc: Document, index: ShiftIndex) -> Iterable[Found]:
    covered: set[int] = set()
    for p in doc.pairs:
        x, y = doc.text[p.from_start:p.from_end], doc.text[p.to_start:p.to_end]
        covered.update((p.from_start, p.to_start))
        if _plausible(x, y, names_ok=True):
            yield Found(p.from_start, p.to_end, x, y, "diagram")
    blocks = [b for b in doc.blocks if b.kind != "diagram_pair" and b.start not in covered]
    known: dict[int, bool] = {}

    def short(k: int) -> bool:
        """Whether block ``k`` is short enough to be one side of a diagram; worked out once, when asked."""
        if k not in known:
            known[k] = _short(doc, blocks[k])
        return known[k]

    i = 0
    while i < len(blocks):
        text = doc.text[blocks[i].start:blocks[i].end]
        arrow = _ARROW.match(text) if _has_arrow(text) else None
        if arrow and _plausible(arrow.group("x"), arrow.group("y"), names_ok=True):
            yield Found(blocks[i].start, blocks[i].end, arrow.group("x").strip(), arrow.group("y").strip(), "arrow")
        elif i + 1 < len(blocks) and short(i) and short(i + 1):
            y = doc.text[blocks[i + 1].start:blocks[i + 1].end]
            if index.resolve(text, y):
                yield Found(blocks[i].start, blocks[i + 1].end, text, y, "diagram")
                i += 2
                continue
        i += 1


def _has_arrow(text: str) -> bool:
    """Whether ``text`` has one of the arrows :data:`_ARROW` needs (a quick test before the pattern)."""
    return any(arrow in text for arrow in _ARROWS)


def _text_blocks(doc: Document) -> list[Block]:
    if doc.blocks:
        return [b for b in doc.blocks if b.kind != "diagram_pair"]
    return [Block("paragraph", 0, len(doc.text))]


def _short(doc: Document, block: Block) -> bool:
    text = doc.text[block.start:block.end]
    if block.kind not in ("paragraph", "heading", "caption", "quote", "aside"):
        return False
    if _SENTENCE_BREAK.search(text):  # tested first: it rules out most paragraphs at once
        return False
    words = sum(1 for _ in itertools.islice(morph.iter_words(text), MAX_DIAGRAM_WORDS + 1))  # no need to count on
    return 0 < words <= MAX_DIAGRAM_WORDS


def _last_sentence(text: str) -> str:
    return re.split(r"[.!?]\s+", text.strip())[-1]


def _cue_before(text: str, pos: int) -> bool:
    """A shift cue among the few words before ``pos`` in the same sentence (or in the från-phrase itself)."""
    head = re.split(r"[.!?;]\s", text[:pos])[-1]
    window = " ".join(head.split()[-CUE_WINDOW:])
    return bool(_CUES.search(window + " från"))


def _cut_y(y: str) -> str:
    m = _CUT_Y.search(y)
    y = (y[:m.start()] if m else y).strip(" \t\"'”“»«-–")
    if len(morph.words(y)) > MAX_WORDS:
        m = _CUT_Y_LONG.search(y)
        y = (y[:m.start()] if m else y).strip(" \t\"'”“»«-–")
    while " " in y and y.rsplit(" ", 1)[1].lower() in STOPWORDS:  # "aktiva medskapare som" -> "aktiva medskapare"
        y = y.rsplit(" ", 1)[0]
    return y


def _plausible(x: str, y: str, *, names_ok: bool) -> bool:
    """Both sides are states: content words, no numbers or dates, not only proper names."""
    for side in (x, y):
        ws = morph.words(side)
        if not ws or any(w[0].isdigit() for w in ws):
            return False
        meaningful = [w for w in ws if w.lower() not in STOPWORDS and w.lower() not in TIME_WORDS]
        if not meaningful:
            return False
    xk, yk = morph.content_keys(x, STOPWORDS), morph.content_keys(y, STOPWORDS)
    if (xk[-1], yk[0]) in _idioms():
        return False
    if not names_ok:
        names = [w for w in morph.words(x) + morph.words(y) if w.lower() not in STOPWORDS]
        if names and all(w[0].isupper() for w in names):
            return False
    return True


def _dedupe(found: list[Found]) -> list[Found]:
    out: list[Found] = []
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if any(o.start <= f.start and f.end <= o.end for o in out):
            continue
        out.append(f)
    return out


def _clean(state: str) -> str:
    """A state as a label: one line, no surrounding punctuation or leading article, lower-case start."""
    state = re.sub(r"\s+", " ", state).strip(" .,;:\"'”“»«-–")
    state = re.sub(r"^(?:en|ett|den|det|de)\s+(?=\S)", "", state, flags=re.IGNORECASE)
    words = state.split(" ")
    if words and not morph.is_abbreviation(words[0]):
        words[0] = words[0][:1].lower() + words[0][1:]
    return " ".join(words)


def _discovered(f: Found, base: str) -> Concept:
    x, y = _clean(f.x), _clean(f.y)
    key = " ".join(morph.content_keys(x, STOPWORDS)) + " till " + " ".join(morph.content_keys(y, STOPWORDS))
    return Concept(iri=iris.concept("shift", key, base), type="shift", pref_label=f"från {x} till {y}",
                   labels=(), in_thesaurus=False)
