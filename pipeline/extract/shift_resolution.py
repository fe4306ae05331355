"""Which shift a found "från X till Y" states: a thesaurus shift, or the same one as another found pair.

A pair is the thesaurus shift whose ``nvo:fromState`` and ``nvo:toState`` (any variant) it contains,
comparing normalised content words so that inflection does not matter: "byta fokus från sjukdomen och
behandlingen till hälsan" is the shift "från sjukdom och behandling till hälsa", "från sjukhusen till
en nära vård" is "från sjukhusvård till nära vård". One side may match only in part when the other
contains a variant of two words or more (:meth:`ShiftIndex.resolve`). Function words (:data:`STOPWORDS`)
are no content words: "fokus på sjukdom" is {fokus, sjukdom}.

Pairs that resolve to no thesaurus shift are one shift when they share content words on both sides
other than the most general ones (:func:`same`): "från sjukhuset till hemmet" and "från vård på
sjukhuset till vård i hemmet".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from . import morph
from .thesaurus import Entry

STOPWORDS = frozenset("""
och eller att av i på för med till från som den det de en ett är vara var varit har ha hade om sin sina sitt
deras dess hans hennes vi oss vår våra vårt man alla några många fler färre få mer mindre mest allt all andra
annan annat varje inga ingen inget samma egen egna eget mycket lite bara också även nu då här där så sådan vad
hur vem vilka vilken vilket ska kan måste bör vill kommer blir bli sig du dig din ditt dina jag mig min mitt
mina ni er ert era hon han denna detta dessa mot under över efter före inom utan mellan genom vid hos än när
samt både inte ej hela helt mer ännu redan
""".split())
# Words too general to tell two shifts apart when comparing discovered ones.
_GENERIC_WORDS = "fokus perspektiv vård omsorg insats insatser arbete arbetssätt sätt utifrån"


@dataclass(frozen=True, slots=True)
class Found:
    """One stated shift: its span in the text, the two states, and how it was found."""

    start: int
    end: int
    x: str
    y: str
    how: str


@dataclass(frozen=True, slots=True)
class ShiftIndex:
    """Thesaurus shifts with their states as sets of normalised content words."""

    entries: tuple[tuple[Entry, tuple[frozenset[str], ...], tuple[frozenset[str], ...]], ...]
    from_words: frozenset[str] = frozenset()  # every word of every från-state: a quick first test
    to_words: frozenset[str] = frozenset()
    # per entry, the words of all its från-states and of all its till-states: a quick test per entry
    entry_words: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()

    @classmethod
    def build(cls, shifts: Iterable[Entry]) -> ShiftIndex:
        rows = []
        for e in sorted(shifts, key=lambda e: e.iri):
            froms = tuple(k for k in (content(s) for s in e.from_states) if k)
            tos = tuple(k for k in (content(s) for s in e.to_states) if k)
            if froms and tos:
                rows.append((e, froms, tos))
        return cls(tuple(rows), frozenset().union(*(v for r in rows for v in r[1])),
                   frozenset().union(*(v for r in rows for v in r[2])),
                   tuple((frozenset().union(*froms), frozenset().union(*tos)) for _e, froms, tos in rows))

    def resolve(self, x: str, y: str) -> Entry | None:
        """The thesaurus shift whose från- and till-state (some variant of each) x and y contain.

        One side may match only in part (half of a variant's words) when the other side contains a
        variant of two words or more: "från att se patienten som mottagare av vård till att se
        personen som en aktiv partner" is the passive-to-active shift.
        """
        xk, yk = content(x), content(y)
        if not (xk & self.from_words and yk & self.to_words):
            return None  # every way to resolve needs words of both states
        best, best_score = None, 0
        for (entry, froms, tos), (f_words, t_words) in zip(self.entries, self.entry_words, strict=True):
            if xk.isdisjoint(f_words) or yk.isdisjoint(t_words):
                continue  # no word of one state: no way to resolve to this entry
            f_full, f_part = _coverage(froms, xk)
            t_full, t_part = _coverage(tos, yk)
            if f_full and t_full:
                score = f_full + t_full
            elif f_full >= 2 and t_part:
                score = f_full + t_part - 0.5
            elif t_full >= 2 and f_part:
                score = t_full + f_part - 0.5
            else:
                continue
            if score > best_score:
                best, best_score = entry, score
        return best


def _coverage(variants: tuple[frozenset[str], ...], keys: frozenset[str]) -> tuple[int, int]:
    """(size of the largest variant wholly in ``keys``, words shared with a variant at least half in ``keys``)."""
    full = max((len(v) for v in variants if v <= keys), default=0)
    part = max((len(v & keys) for v in variants if 2 * len(v & keys) >= len(v)), default=0)
    return full, part


@lru_cache(maxsize=20_000)
def content(text: str) -> frozenset[str]:
    """Normalised content words of a phrase (function words dropped)."""
    return frozenset(morph.content_keys(text, STOPWORDS))


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    return frozenset(morph.normalise(w) for w in _GENERIC_WORDS.split())


def same(a: Found, b: Found) -> bool:
    """Whether two found pairs are one shift: content words in common on both sides, not only general ones."""
    g = _generic()
    return bool((content(a.x) & content(b.x)) - g) and bool((content(a.y) & content(b.y)) - g)
