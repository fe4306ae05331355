"""Text rules for PDF lines: joining lines (hyphenation), list markers, running headers and footers.

Swedish needs care when a line ends in a hyphen. "förbätt-" + "ra" is a word broken by the
typesetter and becomes "förbättra"; but "vård-" + "och omsorgsinsatser" is a *suspended* hyphen
(the shared part of two compounds is left out) and must stay "vård- och omsorgsinsatser", as must
comma lists such as "hälso-, sjuk- och tandvård".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

# Glyphs that start a list item (PDFs made from Word use private-use Symbol/Wingdings codes).
BULLETS = "•◦▪▫■□●○‣⁃∙⦁\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0be"
BULLET_START = re.compile(rf"^\s*[{BULLETS}]\s*")
MARKER = re.compile(rf"^(?:[{BULLETS}]|[-–—*]|\d{{1,2}}[.)]|[a-zA-Z][.)])$")
# Words after a line-final hyphen that show the hyphen is suspended ("vård- och omsorg").
CONJUNCTIONS = frozenset({"och", "eller", "samt", "respektive", "resp.", "som", "till", "men", "and", "or", "to"})
HYPHENS = "-\u2010\u2011"
_LETTER_HYPHEN = re.compile(rf"([^\W\d_]+)[{HYPHENS}]$")
_FIRST_WORD = re.compile(r"^\s*([\w.]+)")
_WS = re.compile(r"\s+")

# Page-number lines: "Sida 2 av 4", "Sida 2", "2 av 4", "Page 2 of 4", "2 (4)", "2/4", "– 2 –", "12".
PAGE_NUMBER = re.compile(
    r"^(?:(?:sida|sid\.?|s\.|page|p\.)\s*\d{1,4}(?:\s*(?:av|of|/)\s*\d{1,4})?"
    r"|\d{1,4}\s*(?:av|of|/)\s*\d{1,4}|\d{1,4}\s*\(\d{1,4}\)|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4})$",
    re.IGNORECASE,
)


def strip_bullet(text: str) -> str:
    return BULLET_START.sub("", text, count=1)


def join_lines(lines: Iterable[str]) -> str:
    """Join the lines of one block into running text, rejoining words broken at a line end."""
    out = ""
    for line in lines:
        line = _WS.sub(" ", line).strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        out = _join_two(out, line)
    return out


def _join_two(left: str, right: str) -> str:
    if left.endswith("\u00ad"):  # soft hyphen: always a typesetter's break
        return left[:-1] + right
    m = _LETTER_HYPHEN.search(left[-64:]) if left[-1] in HYPHENS else None
    if not m:
        return left + " " + right
    first = _FIRST_WORD.match(right)
    word = first.group(1).lower() if first else ""
    if right[0] in ",;:":
        return left + right  # "hälso-" + ", sjuk- och tandvård"
    if not first or word in CONJUNCTIONS:
        return left + " " + right  # suspended hyphen: "vård- och omsorgsinsatser"
    prefix = m.group(1)
    if right[0].isupper() or right[0].isdigit() or prefix.isupper() or len(prefix) <= 1:
        return left + right  # a real hyphen in a compound: "covid-19", "IT-stöd", "e-hälsa"
    return left[:-1] + right  # a broken word: "förbätt-" + "ra"


def normalise(text: str) -> str:
    """Key for comparing repeated lines: white space folded, digits and case ignored."""
    return re.sub(r"\d+", "#", _WS.sub(" ", text).strip().casefold())


def fold(text: str) -> str:
    """Key for finding the same text again: white space folded, case ignored."""
    return _WS.sub(" ", text).strip().casefold()


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER.match(_WS.sub(" ", text).strip()))


def running_keys(margin_lines: Sequence[Sequence[str]]) -> set[str]:
    """Normalised texts that repeat in the top or bottom margin of most pages (or of three or more).

    ``margin_lines[i]`` holds the texts found in page i's margins.
    """
    pages = len(margin_lines)
    counts: Counter[str] = Counter()
    for texts in margin_lines:
        counts.update({normalise(t) for t in texts if t.strip()})
    return {key for key, n in counts.items() if n >= 2 and (n >= 3 or 2 * n >= pages)}


def first_seen(texts: Iterable[str]) -> tuple[str, ...]:
    """Distinct texts in order of first appearance, white space folded."""
    seen: dict[str, None] = {}
    for t in texts:
        seen.setdefault(_WS.sub(" ", t).strip(), None)
    return tuple(seen)


def repeated_on_page(texts: Iterable[tuple[int, str]], min_words: int = 3) -> set[tuple[int, str]]:
    """(page, key) for texts of ``min_words`` or more that occur more than once on the same page."""
    counts: dict[tuple[int, str], int] = defaultdict(int)
    for page, text in texts:
        if len(text.split()) >= min_words:
            counts[(page, fold(text))] += 1
    return {k for k, n in counts.items() if n > 1}
