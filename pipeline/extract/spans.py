"""Text helpers for the named-entity patterns: sentences, capitalisation, common words, candidates.

Patterns for actors, reports and places all ask the same questions of the canonical text: where do
sentences start (a capital there says nothing), is this capitalised word also an ordinary Swedish
word ("Vara", "Mark", "Kommunal"), what are the headings and link texts of the document (they
delimit titles). :class:`TextContext` answers them once per document; :class:`Candidate` is what
every pattern returns before candidates become concepts and mentions.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..types import Document
from .anchors import find_all, first_char, members, offsets, shorter_word

# A capitalised name word ("Halland", "Upplands-Bro", "Dals-Ed"); never all capitals.
NAME = r"[A-ZÅÄÖÉÜ][a-zåäöéüæø]+(?:-[A-ZÅÄÖÉÜ]?[a-zåäöéüæø]+)*"
# Two name words at most: "Upplands Väsby", "Lilla Edet", "Jämtland Härjedalen".
NAMES = rf"{NAME}(?: {NAME})?"
# An abbreviation: "SKR", "KRF", "FoUiS", "IVO" (two capitals at least, no more than ten characters).
ABBR = r"(?=(?:[^\W\d_]*[A-ZÅÄÖ]){2})[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{1,9}"
WORD = re.compile(r"\w+(?:[-:.'’]\w+)*")
_WORD_RUN = re.compile(r"\w+")  # where a run of word characters begins, a word starts (as at "\b\w")
_WORD_CHAR = re.compile(r"\w")
# The first word character of a line, a list item or a table cell, or after a colon. Every choice begins
# with a literal, so that the engine skips straight to them; the start of the text is tried on its own.
_LINE_START = re.compile(r"(?:\n|:\s|•\s*|▪\s*|◦\s*|·\s*|\|\s)[\"”«(]?(\w)")
_TEXT_START = re.compile(r"[\"”«(]?(\w)")
_SENT_END = re.compile(r"[.!?]+[\"”»']?\s+(?=[\"”«]?[A-ZÅÄÖÉ0-9•])")
_NO_SPLIT = frozenset("t.ex bl.a prop dir skr ds ca nr kap jfr resp m.fl s d.v.s dvs inkl exkl st tel fr.o.m t.o.m".split())
DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00ad": ""})


@lru_cache(maxsize=100_000)
def norm_space(text: str) -> str:
    """Fold white space and unify dashes: the form labels are compared in."""
    return re.sub(r"\s+", " ", text.translate(DASHES)).strip()


@lru_cache(maxsize=100_000)
def is_common_word(word: str) -> bool:
    """True when ``word`` (any case) is an ordinary Swedish word, not only a name: "vara", "mark", "nära".

    simplemma knows names too, but gives them a capitalised lemma ("Gnesta", "Alaska").
    """
    from .lemmas import is_known, lemmatize  # loaded on first use

    low = word.lower()
    try:
        if not is_known(low):
            return False
        lemma = lemmatize(low)
    except (ValueError, KeyError):
        return False
    return bool(lemma) and lemma[:1].islower()


# Heads of names of projects, units, methods and buildings: "i Hälsostaden" is not a place.
NOT_PLACE_HEADS = (
    "staden", "huset", "centret", "centrum", "modellen", "projektet", "programmet", "satsningen", "kliniken",
    "mottagningen", "teamet", "gruppen", "nätverket", "rådet", "forumet", "enheten", "skolan", "gården",
    "boendet", "hemmet", "verket", "myndigheten", "kommunen", "regionen", "arbetet", "metoden", "appen",
    "tjänsten", "portalen", "plattformen", "systemet", "vården", "omsorgen", "lyftet", "dagen", "veckan",
)


def is_unit_name(word: str) -> bool:
    """True for a capitalised compound that names a unit, project or method ("Hälsostaden", "Vårdlyftet")."""
    low = word.lower()
    return any(low.endswith(h) and len(low) > len(h) for h in NOT_PLACE_HEADS)


def smart_case(text: str, names: set[str] | frozenset[str] = frozenset()) -> str:
    """Sentence case for an all-capitals line, keeping known names capitalised.

    "MÅLBILD NÄRA VÅRD I SÖRMLAND" -> "Målbild nära vård i Sörmland" (when "Sörmland" is a name).
    """
    if not text.isupper():
        return text
    words = text.lower().split(" ")
    out = []
    for i, w in enumerate(words):
        cap = w[:1].upper() + w[1:]
        out.append(cap if i == 0 or cap in names else w)
    return " ".join(out)


def genitive_base(word: str) -> str | None:
    """The word without a genitive ending, or None: "Hallands" -> "Halland", "SKR:s" -> "SKR"."""
    if word.endswith(":s"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return None


@dataclass(frozen=True, slots=True)
class Candidate:
    """One entity found by a pattern, before it becomes a concept and a mention.

    ``iri`` is set when the entity is known data (gazetteer, thesaurus); otherwise the concept IRI is
    minted from ``type`` and ``key``. ``related`` holds relations to the candidate at another span:
    (predicate, start, end, this_is_subject).
    """

    type: str  # actor | report | region
    label: str  # preferred label as found
    start: int
    end: int
    extractor: str
    kind: str | None = None
    key: str | None = None
    iri: str | None = None
    labels: tuple[str, ...] = ()
    notation: str | None = None
    strong: bool = False  # explicit evidence (a cue word, a definition): survives a thesaurus claim
    derived: bool = False  # a place read out of an organisation's name
    related: tuple[tuple[str, int, int, bool], ...] = ()
    role: tuple[str, int, int] | None = None  # persons: (role, start, end of the role words)
    score: float = 1.0

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


class TextContext:
    """Per-document facts the patterns share (computed lazily, once)."""

    _last: TextContext | None = None

    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text

    @classmethod
    def of(cls, doc: Document) -> TextContext:
        """The context of ``doc``, shared by the steps that run on it one after the other (the entity
        patterns, then the relations): its sentences and initials are computed once."""
        last = cls._last
        if last is None or last.doc is not doc:
            last = cls._last = cls(doc)
        return last

    @cached_property
    def blocks(self) -> list[tuple[int, int, str]]:
        """(start, end, kind) of each block; paragraphs split at blank lines when the parser gave none."""
        if self.doc.blocks:
            return [(b.start, b.end, b.kind) for b in self.doc.blocks]
        out, pos = [], 0
        for part in re.split(r"(\n\s*\n)", self.text):
            if part.strip() and not re.fullmatch(r"\n\s*\n", part):
                lead = len(part) - len(part.lstrip())
                out.append((pos + lead, pos + len(part.rstrip()), "paragraph"))
            pos += len(part)
        return out

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return sentence_spans(self.text, [(s, e) for s, e, _ in self.blocks])

    @cached_property
    def initials(self) -> frozenset[int]:
        """Offsets of the first word of every sentence, line, list item and heading (and after a colon)."""
        out = set()
        text = self.text
        for s, e in self.sentences:
            m = _WORD_CHAR.search(text, s, e)
            if m:
                out.add(m.start())
        first = _TEXT_START.match(text)
        if first:
            out.add(first.start(1))
        for m in _LINE_START.finditer(text):
            out.add(m.start(1))
        return frozenset(out)

    def is_initial(self, pos: int) -> bool:
        return pos in self.initials

    @cached_property
    def word_starts(self) -> list[int]:
        """Offsets where a word (or number) starts: a word character after a non-word one."""
        return [m.start() for m in _WORD_RUN.finditer(self.text)]

    @cached_property
    def folded(self) -> str | None:
        """The text in lower case, when that keeps every offset (it does for Swedish text)."""
        low = self.text.lower()
        return low if len(low) == len(self.text) else None

    def near(self, pattern: re.Pattern, anchor: re.Pattern, back: int = 80, fold: bool = False) -> Iterator[re.Match]:
        """The matches of ``pattern.finditer(self.text)``, found by trying only a few places.

        For a pattern whose every match starts at a word and contains a match of ``anchor`` at most
        ``back`` characters after its start (a head word such as "universitet", a cue, a bracket):
        only the word starts from ``back`` characters before each anchor to the anchor's end (and
        of those, only the ones with a first character the pattern can begin with) are tried, in
        order and without overlaps, as finditer would. A long text with few anchors is
        scanned at the speed of the anchor, a plain literal search, instead of the pattern's. With
        ``fold`` the anchor is written in lower case and searched in the lower-cased text (a
        case-insensitive search is several times slower).
        """
        text, starts = self.text, self.word_starts
        chars = self._first_chars_of(pattern)
        source = text
        if fold:
            source = self.folded
            if source is None:
                source, anchor = text, re.compile(anchor.pattern, anchor.flags | re.IGNORECASE)
        pos = 0
        match, left, right = pattern.match, bisect.bisect_left, bisect.bisect_right
        for a in find_all(anchor, source, self._offsets):
            last = a.end()
            if last <= pos:
                continue
            lo = a.start() - back
            i, j = left(starts, lo if lo > pos else pos), right(starts, last)
            while i < j:
                w = starts[i]
                m = match(text, w) if chars is None or text[w] in chars else None
                if m is None:
                    i += 1
                    continue
                yield m
                pos = m.end() if m.end() > w else w + 1
                i = left(starts, pos, i + 1, j)

    def _offsets(self, source: str, word: str) -> list[int]:
        """Where ``word`` occurs in ``source`` (the text or its lower-cased copy), found once per text."""
        key = (source is self.text, word)
        found = self._offsets_found.get(key)
        if found is None:
            shorter = shorter_word(word)
            if shorter is None:
                found = offsets(source, word)
            else:  # it can stand only where the shorter word does: no need to search the whole text again
                found = [i for i in self._offsets(source, shorter) if source.startswith(word, i)]
            self._offsets_found[key] = found
        return found

    @cached_property
    def _offsets_found(self) -> dict[tuple[bool, str], list[int]]:
        return {}

    def _first_chars_of(self, pattern: re.Pattern) -> frozenset[str] | None:
        """The characters of this text that words start with and ``pattern`` can begin with (None: any)."""
        first = first_char(pattern)
        if first is None:
            return None
        chars = self._chars_by.get(first)
        if chars is None:
            member = members(first)
            found = []
            for c in self._starts_by_char:
                ok = member.get(c)
                if ok is None:
                    ok = member[c] = first.match(c) is not None
                if ok:
                    found.append(c)
            chars = self._chars_by[first] = frozenset(found)
        return chars

    @cached_property
    def _chars_by(self) -> dict[re.Pattern, frozenset[str]]:
        return {}

    def word_starts_with(self, chars: Collection[str]) -> list[int]:
        """The offsets where a word starts with one of ``chars``, in text order."""
        by_char = self._starts_by_char
        lists = [at for c, at in by_char.items() if c in chars]
        if len(lists) == len(by_char):
            return self.word_starts
        return lists[0] if len(lists) == 1 else sorted(itertools.chain(*lists))

    @cached_property
    def _starts_by_char(self) -> dict[str, list[int]]:
        """Word starts by their first character."""
        out: dict[str, list[int]] = {}
        text = self.text
        starts = self.word_starts
        for c, w in zip([text[w] for w in starts], starts, strict=True):
            at = out.get(c)
            if at is None:
                out[c] = [w]
            else:
                at.append(w)
        return out

    @cached_property
    def block_texts(self) -> list[str]:
        return [self.text[s:e] for s, e, _ in self.blocks]

    @cached_property
    def headings(self) -> list[str]:
        return [self.text[s:e] for s, e, k in self.blocks if k == "heading"] + [s.heading for s in self.doc.sections]

    @cached_property
    def known_strings(self) -> list[str]:
        """Headings, short blocks and link texts: strings a title in running text may repeat."""
        out = set(self.headings)
        out.update(t for t in self.block_texts if len(t.split(maxsplit=12)) <= 12)  # no need to split on
        out.update(link.text for link in self.doc.links if link.text)
        return sorted((s.strip() for s in out if len(s.strip()) >= 4), key=len, reverse=True)

    @cached_property
    def _block_starts(self) -> list[int]:
        return [s for s, _e, _k in self.blocks]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _e in self.sentences]

    def block_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._block_starts, pos) - 1
        if i >= 0 and pos <= self.blocks[i][1]:
            return (self.blocks[i][0], self.blocks[i][1])
        return (pos, pos)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i][1]:
            return self.sentences[i]
        return self.block_of(pos)


def occurrences(text: str, word: str, start: int = 0, suffix: str = "") -> Iterator[tuple[int, int]]:
    """Spans of ``word`` (optionally followed by ``suffix``) standing as a whole word in ``text`` from ``start``:
    what ``(?<![\\w-])word(?:suffix)?(?![\\w-])`` finds, by plain string search (no pattern per word)."""
    n, size = len(word), len(text)
    i = text.find(word, start)
    while i >= 0:
        if i == 0 or not _wordish(text[i - 1]):
            end = i + n
            longer = end + len(suffix)
            if suffix and text.startswith(suffix, end) and (longer >= size or not _wordish(text[longer])):
                yield i, longer
                i = text.find(word, longer)
                continue
            if end >= size or not _wordish(text[end]):
                yield i, end
                i = text.find(word, end)
                continue
        i = text.find(word, i + 1)


def _wordish(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


def sentence_spans(text: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences inside each block: split after . ! ? before a capital, not after abbreviations."""
    out = []
    for bs, be in blocks or [(0, len(text))]:
        start = bs
        for m in _SENT_END.finditer(text, bs, be):
            before = text[start:m.start()].rsplit(" ", 1)[-1].lower().rstrip(".")
            if before in _NO_SPLIT or len(before) == 1:
                continue
            out.append((start, m.start() + len(m.group().rstrip())))
            start = m.end()
        if start < be:
            out.append((start, be))
    return [(s, e) for s, e in out if text[s:e].strip()]


class SpanIndex:
    """A fixed set of (possibly overlapping) spans: does one overlap, or contain, a given span?"""

    def __init__(self, spans) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _b in ordered]
        self.reach = list(itertools.accumulate((b for _a, b in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)  # spans that start before ``end``
        return i > 0 and self.reach[i - 1] > start

    def contains(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        return i > 0 and self.reach[i - 1] >= end
