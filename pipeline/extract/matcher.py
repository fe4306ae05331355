"""One compiled matcher for every thesaurus label: a trie over normalised token keys.

All labels of all concepts are compiled once into a token trie (dictionary of dictionaries keyed by
the keys of :mod:`.morph`), so matching a document is one left-to-right pass whatever the number of
labels — no regular expression per label. Three kinds of label:

* phrases ("personcentrerat arbetssätt", "Region Halland", "SKR"): a path in the trie;
* compound heads: a one-word label of an idea-like concept (principles, goals, …) also matches as
  the last part of a compound ("lättillgänglig" → "tillgänglig", "vårdsamverkan" → "samverkan");
* gap labels with "…" ("primärvården … nav"): the two parts within one sentence, up to
  :data:`MAX_GAP` words apart;
* prefix labels ending in "*" ("samverkans*"): any word that starts with the prefix and goes on for
  at least three letters ("samverkansavtal"); for compound modifiers that keep their meaning, which
  not all do ("Tillgänglighetsredogörelse" is about web pages).

A match may not run across sentence punctuation; a comma inside a match is allowed only when the
label itself has one. :func:`Matcher.find` returns every candidate; choosing among overlapping
ones is :func:`select`'s job.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import morph

MAX_GAP = 4
_PREFIX_KEY = 5  # prefix labels are indexed by their first letters
_GAP_OK = re.compile(r"[\s\-\u2010-\u2015/()\"'\u201c\u201d\u00bb\u00ab&+]*")
_GAP_COMMA = re.compile(r"[\s\-\u2010-\u2015/()\"'\u201c\u201d\u00bb\u00ab&+,]*")
_TERMINAL = ""  # trie key holding the labels that end at a node (no token key is empty)
_NOTHING = ()  # the plan of a token where no label can start
_MAX_PLANS = 500_000  # distinct token surfaces remembered


@dataclass(frozen=True, slots=True)
class Target:
    """What a label points to: the concept, the label text and how strongly it binds."""

    iri: str
    label: str
    rank: int  # 0 preferred, 1 alternative, 2 hidden, 3 notation
    strict: int  # label tokens that require capitals (names, abbreviations)
    comma: bool  # the label contains a comma


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate match: tokens [first, last] of the text, its character span, and its target."""

    first: int
    last: int
    start: int
    end: int
    target: Target
    how: str  # "phrase" | "compound" | "gap"

    @property
    def length(self) -> int:
        return self.last - self.first + 1


class Matcher:
    """Compiled labels; build with :meth:`compile`, use with :meth:`find`."""

    def __init__(self) -> None:
        self._trie: dict = {}
        self._heads: dict[str, list[Target]] = {}
        self._gaps: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], Target]]] = {}  # by first key
        self._head_cache: dict[str, tuple[Target, ...]] = {}
        self._prefixes: dict[str, list[tuple[str, Target]]] = {}  # by the prefix's first letters
        self._plans: dict[str, tuple] = {}  # token surface -> what may start there (see _plan)
        self.size = 0

    @classmethod
    def compile(cls, labels: Iterable[tuple[str, str, int, bool]]) -> Matcher:
        """Labels as (concept IRI, label, rank, may match as compound head)."""
        m = cls()
        for iri, label, rank, compound in labels:
            m.add(iri, label, rank, compound)
        return m

    def add(self, iri: str, label: str, rank: int, compound: bool = False) -> None:
        if label.endswith("*") and " " not in label.strip():
            prefix = label[:-1].lower()
            if len(prefix) >= 5:
                self._prefixes.setdefault(prefix[:_PREFIX_KEY], []).append((prefix, _target(iri, label, rank, prefix)))
                self.size += 1
                self._plans.clear()
            return
        if "…" in label:
            left, _, right = label.partition("…")
            lk, rk = _keys(left), _keys(right)
            if lk and rk:
                self._gaps.setdefault(lk[0], []).append((lk, rk, _target(iri, label, rank, left + " " + right)))
                self.size += 1
                self._plans.clear()
            return
        keys = _keys(label)
        if not keys:
            return
        target = _target(iri, label, rank, label)
        node = self._trie
        for key in keys:
            node = node.setdefault(key, {})
        bucket = node.setdefault(_TERMINAL, [])
        same = [t for t in bucket if t.iri == iri]
        if not same or same[0].rank > rank:  # one target per concept and path: the best-ranked label
            bucket[:] = [t for t in bucket if t.iri != iri] + [target]
        self.size += 1
        if compound and len(keys) == 1 and keys[0][0] not in "^=" and len(keys[0]) >= 5:
            heads = self._heads.setdefault(keys[0], [])
            if all(t.iri != iri for t in heads):
                heads.append(target)
            self._head_cache.clear()
        self._plans.clear()

    def find(self, text: str, tokens: list[morph.Token] | None = None) -> list[Match]:
        """Every candidate match in ``text`` (overlapping ones included), in text order."""
        tokens = morph.tokenize(text) if tokens is None else tokens
        out: list[Match] = []
        plans = self._plans
        for i, tok in enumerate(tokens):
            plan = plans.get(tok.surface)
            if plan is None:
                if len(plans) > _MAX_PLANS:
                    plans.clear()
                plan = plans[tok.surface] = self._plan(tok)
            if plan is _NOTHING:
                continue
            phrase, compounds, prefixed, gaps = plan
            if phrase:
                self._phrases(text, tokens, i, out, phrase)
            for target in compounds:
                out.append(Match(i, i, tok.start, tok.end, target, "compound"))
            for target in prefixed:
                out.append(Match(i, i, tok.start, tok.end, target, "compound"))
            if gaps:
                out.extend(self._gapped(text, tokens, i, gaps))
        out.sort(key=lambda m: (m.start, -m.end, m.target.iri))
        return out

    def _plan(self, tok: morph.Token) -> tuple:
        """What may start at a token, a function of its surface alone (cached per surface): whether a
        phrase path starts there, the compound-head and prefix targets, and the gap labels."""
        trie = self._trie
        firsts = [trie[k] for k in tok.keys if k in trie]
        # the trie nodes after this token, the labels that end there (one-word phrases), and the keys
        # a next token must have for a longer label to go on
        phrase = (firsts, [t for node in firsts for t in node.get(_TERMINAL, ())],
                  frozenset(k for node in firsts for k in node if k != _TERMINAL)) if firsts else None
        compounds = tuple(self._compound(tok))
        prefixed = tuple(self._prefixed(tok))
        gaps = tuple(g for k in tok.keys for g in self._gaps.get(k, ()))
        if not (phrase or compounds or prefixed or gaps):
            return _NOTHING
        return phrase, compounds, prefixed, gaps

    def _phrases(self, text: str, tokens: list[morph.Token], i: int, out: list[Match], first: tuple) -> None:
        """Append the phrase labels that start at token ``i``: walk the trie along the following tokens.

        ``first`` is what the token's plan knows of its first step: the nodes reached, the labels
        ending there, and the keys by which a longer label goes on (most next tokens have none of them).
        """
        nodes, ending, longer = first
        tok = tokens[i]
        for target in ending:  # no comma is crossed yet
            out.append(Match(i, i, tok.start, tok.end, target, "phrase"))
        if i + 1 >= len(tokens) or longer.isdisjoint(tokens[i + 1].keys):
            return
        states = [(node, False) for node in nodes]
        for j in range(i + 1, len(tokens)):
            gap = text[tokens[j - 1].end:tokens[j].start]
            if gap != " " and not _GAP_OK.fullmatch(gap):
                if not _GAP_COMMA.fullmatch(gap):
                    return
                states = [(node, True) for node, _ in states]
            nxt = [(node[k], comma) for node, comma in states for k in tokens[j].keys if k in node]
            if not nxt:
                return
            states = nxt
            for node, comma in states:
                for target in node.get(_TERMINAL, ()):
                    if target.comma or not comma:
                        out.append(Match(i, j, tokens[i].start, tokens[j].end, target, "phrase"))

    def _compound(self, tok: morph.Token) -> tuple[Target, ...]:
        if not self._heads or morph.is_abbreviation(tok.surface):
            return ()
        targets = self._head_cache.get(tok.key)
        if targets is None:
            targets = tuple(t for _offset, head in morph.head_splits(tok.key) for t in self._heads.get(head, ()))
            self._head_cache[tok.key] = targets
        return targets

    def _prefixed(self, tok: morph.Token) -> Iterable[Target]:
        low = morph.bare(tok.surface).lower()
        for prefix, target in self._prefixes.get(low[:_PREFIX_KEY], ()):
            if low.startswith(prefix) and len(low) - len(prefix) >= 3 and not _names_a_body(low[len(prefix):]):
                yield target

    def _gapped(self, text: str, tokens: list[morph.Token], i: int, gaps: tuple) -> Iterable[Match]:
        for left, right, target in gaps:
            if not _seq_at(tokens, i, left):
                continue
            first_right = i + len(left)
            for j in range(first_right, min(first_right + MAX_GAP + 1, len(tokens))):
                if re.search(r"[.!?;:\n]", text[tokens[j - 1].end:tokens[j].start]):
                    break
                if _seq_at(tokens, j, right):
                    last = j + len(right) - 1
                    yield Match(i, last, tokens[i].start, tokens[last].end, target, "gap")
                    break


# Heads that make a compound name a body or a role, not the idea in its modifier:
# "samverkansgruppen", "samordningsförbundet", "rehabiliteringskoordinatorn".
_BODY_HEADS = ("grupp", "råd", "organ", "forum", "nämnd", "förbund", "kansli", "funktion", "ledare", "chef",
               "koordinator", "samordnare", "team", "enhet", "mottagning")


def _names_a_body(rest: str) -> bool:
    """True when the part after a prefix label ends in a body or role, in any inflection."""
    for suffix in ("erna", "arna", "orna", "en", "et", "er", "ar", "na", "n", ""):
        if rest.endswith(suffix) and rest[: len(rest) - len(suffix)].endswith(_BODY_HEADS):
            return True
    return False


def _keys(label: str) -> tuple[str, ...]:
    return tuple(morph.label_key(w) for w in morph.words(label))


def _target(iri: str, label: str, rank: int, text: str) -> Target:
    strict = sum(1 for k in _keys(text) if k[0] in "^=")
    return Target(iri=iri, label=label, rank=rank, strict=strict, comma="," in label)


def _seq_at(tokens: list[morph.Token], i: int, keys: tuple[str, ...]) -> bool:
    if i + len(keys) > len(tokens):
        return False
    return all(k in tokens[i + n].keys for n, k in enumerate(keys))


def select(matches: list[Match], layer: dict[str, int], dominant: frozenset[int] = frozenset()) -> list[Match]:
    """Choose among overlapping candidates.

    Within one layer (``layer`` maps a concept IRI to its layer number), leftmost-longest wins and the
    chosen matches do not overlap; ties on the same span go to the label with more capitalised
    tokens (a name beats a common word), then the better-ranked label. Across layers matches may
    overlap, except that a match of a ``dominant`` layer swallows the matches of other layers that
    lie inside it (a report title hides the principle words in it).
    """
    by_layer: dict[int, list[Match]] = {}
    for m in matches:
        by_layer.setdefault(layer.get(m.target.iri, 0), []).append(m)
    chosen: list[Match] = []
    for lay in sorted(by_layer):
        chosen.extend(_leftmost_longest(by_layer[lay]))
    cover = _union(sorted((m.start, m.end) for m in chosen if layer.get(m.target.iri, 0) in dominant))
    starts = [s for s, _ in cover]
    out = []
    for m in chosen:
        if layer.get(m.target.iri, 0) not in dominant:
            i = bisect.bisect_right(starts, m.start) - 1
            if i >= 0 and m.end <= cover[i][1]:
                continue
        out.append(m)
    out.sort(key=lambda m: (m.start, m.end, m.target.iri))
    return out


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans merged where they overlap."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _leftmost_longest(matches: list[Match]) -> list[Match]:
    ordered = sorted(matches, key=lambda m: (m.start, -(m.end - m.start), -m.target.strict, m.target.rank,
                                             m.how != "phrase", m.target.iri))
    out: list[Match] = []
    end = -1
    for m in ordered:
        if m.start >= end:
            out.append(m)
            end = m.end
    return out
