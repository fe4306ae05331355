"""What a regular expression's matches begin with, for :meth:`.spans.TextContext.near`.

``near`` runs a pattern only at the word starts around the matches of an anchor. Two questions about
compiled patterns make that fast: which characters a match can begin with (:func:`first_char`, read
from the parsed pattern), and which literal words an anchor's matches begin with, so that the anchor
is found by plain string search rather than by the engine trying it at every character
(:func:`find_all`).
"""

from __future__ import annotations

import re
from re import _constants as _c
from re import _parser

_FIRST: dict[re.Pattern, re.Pattern | None] = {}
_MEMBER: dict[re.Pattern, dict[str, bool]] = {}  # character class -> character -> in it


def first_char(pattern: re.Pattern) -> re.Pattern | None:
    """A character class of the characters a match of ``pattern`` can begin with (``[A-ZÅÄÖ]`` for a
    pattern that starts with a capital), in the pattern's case sensitivity; None when unknown."""
    if pattern not in _FIRST:
        try:
            found = _first(_parser.parse(pattern.pattern, pattern.flags).data)
        except (re.error, TypeError, ValueError, IndexError):  # defensive: an unexpected parse tree
            found = None
        if found is None or found[2]:
            _FIRST[pattern] = None
        else:
            chars, fold, empty = found
            flags = re.IGNORECASE if fold or pattern.flags & re.IGNORECASE else 0
            _FIRST[pattern] = re.compile("[" + "".join(sorted(chars)) + "]", flags)
    return _FIRST[pattern]


def members(cls: re.Pattern) -> dict[str, bool]:
    """Which characters are in the character class ``cls`` (a :func:`first_char` result): a memo shared
    by all texts, character -> in it, that the caller fills as it asks about characters."""
    return _MEMBER.setdefault(cls, {})


def _first(items) -> tuple[set[str], bool, bool] | None:
    """The characters (as class members) a sequence of parsed items can begin with, whether any of
    them is case-insensitive, and whether the sequence can take no character at all (then what
    follows it counts too); None when it may begin with any character."""
    out: set[str] = set()
    fold = False
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # takes no character
        if op is _c.LITERAL:
            return out | {re.escape(chr(av))}, fold, False
        if op is _c.IN:
            for kind, value in av:
                if kind is _c.LITERAL:
                    out.add(re.escape(chr(value)))
                elif kind is _c.RANGE:
                    out.add(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
                else:  # a category or a negated class
                    return None
            return out, fold, False
        if op is _c.SUBPATTERN:
            found = _first(av[3])
            empty_ok = False
            if found is not None:
                found = (found[0], found[1] or bool(av[1] & re.IGNORECASE), found[2])
        elif op is _c.BRANCH:
            parts = [_first(branch) for branch in av[1]]
            if any(part is None for part in parts):
                return None
            found = (set().union(*(p[0] for p in parts)), any(p[1] for p in parts), any(p[2] for p in parts))
            empty_ok = False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            found = _first(av[2])
            empty_ok = av[0] == 0
        else:
            return None
        if found is None:
            return None
        out |= found[0]
        fold = fold or found[1]
        if not (found[2] or empty_ok):
            return out, fold, False
    return out, fold, True


_LITERALS: dict[re.Pattern, list[str] | None] = {}
_ANCHOR_WORDS: set[str] = set()  # the words of every anchor in _LITERALS
_SHORTER: dict[str, str | None] = {}  # anchor word -> the shortest other anchor word it begins with


def find_all(anchor: re.Pattern, text: str, offsets=None):
    """What ``anchor.finditer(text)`` finds. An anchor that is a choice of words without a common first
    character ("rådet|nätverket|forumet") is slow for the regular expression engine, which tries it at
    every character; then each word is looked for with plain string search and the anchor is tried
    only where one of them occurs. ``offsets(text, word)``, when given, is where a word occurs (a
    cache shared by the anchors of one text, several of which look for the same words)."""
    if anchor not in _LITERALS:
        _LITERALS[anchor] = _literal_prefixes(anchor)
        _ANCHOR_WORDS.update(_LITERALS[anchor] or ())
        _SHORTER.clear()
    words = _LITERALS[anchor]
    if words is None:
        return anchor.finditer(text)
    at = set()
    for word in words:
        at.update(offsets(text, word) if offsets is not None else offsets(text, word))
    out, pos, match = [], 0, anchor.match
    for i in sorted(at):
        if i < pos:
            continue
        m = match(text, i)
        if m is not None:
            out.append(m)
            pos = m.end() if m.end() > i else i + 1
    return out


def offsets(text: str, word: str) -> list[int]:
    """Every offset where ``word`` occurs in ``text``, overlapping occurrences included."""
    out = []
    i = text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def shorter_word(word: str) -> str | None:
    """The shortest other anchor word that ``word`` begins with ("råd" for "rådet"), or None: where that
    one does not stand, ``word`` does not either."""
    if word not in _SHORTER:
        _SHORTER[word] = next((word[:n] for n in range(1, len(word)) if word[:n] in _ANCHOR_WORDS), None)
    return _SHORTER[word]


def _literal_prefixes(anchor: re.Pattern) -> list[str] | None:
    """Strings one of which every match of ``anchor`` starts with, when there are several that do not
    share a first character (a common one lets the engine's own literal search do better); else None."""
    if anchor.flags & re.IGNORECASE:
        return None
    try:
        words = _expand(_parser.parse(anchor.pattern, anchor.flags).data)
    except (re.error, TypeError, ValueError, IndexError):  # defensive: an unexpected parse tree
        return None
    if words is None or len({w[0] for w in words}) < 2:
        return None
    return words


def _expand(items, limit: int = 40) -> list[str] | None:
    """The strings (at most ``limit``) one of which every match of the parsed items begins with."""
    out = [""]
    for op, av in items:
        if op is _c.AT or (op is _c.ASSERT and av[0] == -1):  # a boundary or a look-behind takes no character
            if out == [""]:
                continue
            break
        if op is _c.LITERAL:
            out = [s + chr(av) for s in out]
            continue
        if op is _c.IN and all(kind is _c.LITERAL for kind, _v in av) and len(av) * len(out) <= limit:
            out = [s + chr(v) for s in out for _kind, v in av]
            continue
        if op is _c.SUBPATTERN and not av[1] and not av[2]:
            inner = _expand(av[3], limit)
        elif op is _c.BRANCH:
            parts = [_expand(branch, limit) for branch in av[1]]
            inner = None if any(p is None for p in parts) else [x for p in parts for x in p]
        else:
            break
        if inner is not None and "" not in inner and len(inner) * len(out) <= limit:
            out = [s + x for s in out for x in inner]
        break  # a group ends the prefix
    return None if "" in out else out
