"""Swedish normalisation for matching: tokens, lemmas, stems and compound heads.

Thesaurus labels and document text go through the same functions, so matching compares like with
like: "regionerna", "regionens" and "region" share one key, as do "personcentrerad",
"personcentrerade" and "personcentrerat". A key is the Snowball-style stem of the simplemma lemma:
the lemmatiser knows irregular and definite forms ("navet" -> "nav", "sammanhållet" ->
"sammanhållen"), the stemmer folds what it leaves inconsistent ("jämlik" -> "jämlike" but
"jämlika" -> "jämlik"; both stem to "jämlik"). Both ship their data with the code; nothing is
downloaded.

Case carries meaning for names, so a token yields several candidate keys (:func:`candidates`):

* ``k``       the normalised key, for labels written in lower case (match any case);
* ``^name``   the lower-cased token, also without a genitive "s", when it starts with a capital:
  capitalised label words are names, which inflect only in the genitive ("Hallands"), and
  stemming them would confuse "Vara" with "var";
* ``=SKR``    the exact surface without a genitive ":s" when the token has capitals, for
  abbreviations such as "SKR", "KRF", "FoUiS" (labels written with capitals inside).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

# A number with its separators ("2020:19", "2019/20:164") or a word, optionally with a genitive ":s".
_TOKEN = re.compile(r"\d+(?:[:/]\d+)*|[^\W\d_][^\W_]*(?::s\b)?")
_VOWELS = frozenset("aeiouyäåö")
_S_ENDING = frozenset("bcdfghjklmnoprtvy")
_STEP1 = sorted(
    """a arna erna heterna orna ad e ade ande arne are aste en anden aren heten ern ar er heter or as
    arnas ernas ornas es ades andes ens arens hetens erns at andet het ast""".split(),
    key=len,
    reverse=True,
)
_STEP2 = ("dd", "gd", "nn", "dt", "gt", "kt", "tt")
_STEP3 = (("fullt", "full"), ("löst", "lös"), ("lig", ""), ("els", ""), ("ig", ""))
# Suffixes simplemma leaves on adjectives it does not know: neuter "-t" after -iv, comparative forms.
# Stems that would fold a content word into a function word ("närhet", "nära" -> "när"): keep the lemma.
_FUNCTION_WORDS = frozenset("när man men den det som han hon vi de dem ett en att och för från till med av på".split())
_EXTRA = (("ivt", "iv"), ("ivare", "iv"), ("ivast", "iv"), ("ivaste", "iv"))


class Token(NamedTuple):
    """One word or number of a text, with its span and the keys it can match under.

    A named tuple rather than a frozen dataclass: a document has tens of thousands of tokens, and
    a tuple is built several times faster.
    """

    start: int
    end: int
    surface: str
    keys: frozenset[str]
    key: str  # the plain normalised key (lower case)


def tokenize(text: str) -> list[Token]:
    """Words and numbers of ``text`` with their offsets and candidate keys."""
    out = []
    seen = _SURFACE_KEYS
    new = tuple.__new__  # Token(...) without the named tuple's Python-level __new__
    for m in _TOKEN.finditer(text):
        surface = m.group()
        keys = seen.get(surface)
        if keys is None:
            if len(seen) > 500_000:
                seen.clear()
            keys = seen[surface] = (candidates(surface), normalise(surface))
        start, end = m.span()
        out.append(new(Token, (start, end, surface, keys[0], keys[1])))
    return out


_SURFACE_KEYS: dict[str, tuple[frozenset[str], str]] = {}  # surface -> (candidate keys, key), per process


def words(text: str) -> list[str]:
    """The surface words and numbers of ``text``, in order."""
    return _TOKEN.findall(text)


def iter_words(text: str) -> Iterator[str]:
    """The surface words and numbers of ``text``, lazily (for counting a few)."""
    return (m.group() for m in _TOKEN.finditer(text))


def bare(token: str) -> str:
    """The token without a genitive written with a colon: "SKL:s" -> "SKL"."""
    return token[:-2] if token.endswith(":s") else token


@lru_cache(maxsize=200_000)
def is_abbreviation(token: str) -> bool:
    """True for tokens written with capitals after the first letter: "SKR", "KRF", "FoUiS", "IBIC"."""
    t = bare(token)
    return len(t) >= 2 and any(c.isupper() for c in t[1:])


@lru_cache(maxsize=200_000)
def candidates(token: str) -> frozenset[str]:
    """All keys a text token can match under (see the module docstring)."""
    keys = {normalise(token)}
    if token[:1].isupper():
        name = bare(token).lower()
        keys.add("^" + name)
        if name.endswith("s") and len(name) > 3:  # genitive of a name: "Hallands", "Regioners"
            keys.add("^" + name[:-1])
    if any(c.isupper() for c in token):
        keys.add("=" + bare(token))
    return frozenset(keys)


def label_key(token: str) -> str:
    """The one key a thesaurus label token requires of the text token it matches."""
    if is_abbreviation(token):
        return "=" + bare(token)
    if token[:1].isupper():
        return "^" + bare(token).lower()
    return normalise(token)


@lru_cache(maxsize=200_000)
def normalise(token: str) -> str:
    """Case-folded key of one token: stem of its lemma; numbers stay as they are."""
    t = bare(token).lower()
    if not t or t[0].isdigit():
        return t
    base = lemma(t)
    if len(base) > len(t) + 1 or base[:3] != t[:3]:  # the lemmatiser guessed another word
        base = t
    key = stem(base)
    return base if key in _FUNCTION_WORDS and key != base else key


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """simplemma's Swedish lemma of a lower-case word (the word itself when unknown)."""
    from .lemmas import lemmatize  # loaded on first use (see .lemmas for the fast dictionary)

    try:
        out = lemmatize(word)
    except (ValueError, KeyError):  # defensive: an odd character in the word
        return word
    return out.lower() if out else word


def _r1(word: str) -> int:
    """Start of the Snowball R1 region, with at least three letters before it."""
    for i in range(1, len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            return max(i + 1, 3)
    return len(word)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Swedish Snowball stem (steps 1–3) with a few adjective endings added; ``word`` is lower case."""
    r1 = _r1(word)
    for suffix, repl in _EXTRA:
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            word = word[: -len(suffix)] + repl
            break
    else:
        word = _step1(word, r1)
    if any(word.endswith(s) and len(word) - len(s) >= r1 for s in _STEP2):
        word = word[:-1]
    for suffix, repl in _STEP3:
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            return word[: -len(suffix)] + repl
    return word


def _step1(word: str, r1: int) -> str:
    for suffix in _STEP1:
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            return word[: -len(suffix)]
    if word.endswith("s") and len(word) - 1 >= r1 and len(word) >= 2 and word[-2] in _S_ENDING:
        return word[:-1]
    return word


def head_splits(key: str, min_modifier: int = 3, min_head: int = 5) -> list[tuple[int, str]]:
    """Possible compound heads of a normalised key, longest first: (offset, head key).

    "lättillgäng" (lättillgänglig) yields ("tillgäng", …) among others; the caller keeps the heads
    that are thesaurus keys. A modifier shorter than ``min_modifier`` letters is not split off, so
    prefixes such as "o-" ("otrygg") do not count as compounds.
    """
    return [(i, key[i:]) for i in range(min_modifier, len(key) - min_head + 1)]


def content_keys(text: str, stopwords: frozenset[str]) -> list[str]:
    """Normalised keys of the words of ``text`` that are not stop words (for comparing phrases)."""
    out = []
    for w in words(text):
        low = bare(w).lower()
        if low in stopwords:
            continue
        out.append(normalise(w))
    return out
