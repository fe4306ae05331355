"""Report titles: cleaning what surrounds them, comparing them, and finding where they end.

The same report is written many ways: "Delbetänkande God och Nära Vård - En primärvårdsreform 2018
(regeringen.se)", "God och nära vård – En primärvårdsreform", "Målbild god och nära vård -
kortversion (PDF)". :func:`clean_title` removes what is not the title (file type, site, trailing
year, a "| Site" suffix); :func:`title_keys` gives the keys two spellings share (case, dashes, cue
words, articles and version suffixes folded away), so a title resolves to the known report of
``reports.ttl`` or to one minted concept per document and across documents.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .spans import DASHES

# Words that announce a title and are not part of it.
CUE_PREFIX = re.compile(
    r"^(?:statens\s+)?(?:(?:del|slut)?betänkande(?:t)?|publikation(?:en)?|rapport(?:en)?|webbrapport(?:en)?|"
    r"utredning(?:en)?|skrift(?:en)?|broschyr(?:en)?|handbok(?:en)?|vägledning(?:en)?|antologi(?:n)?)\s*:?\s+",
    re.I,
)
_SUFFIXES = [
    re.compile(r"\s*\((?:pdf|powerpoint|word|excel|docx?|pptx?|xlsx?)(?:[,;][^)]*)?\)\s*$", re.I),
    re.compile(r"\s*\((?:[\w-]+\.)+[a-z]{2,6}\)\s*$", re.I),  # (regeringen.se)
    re.compile(r"\s*\[(?:pdf|[\w\s,.]*\bMB|[\w\s,.]*\bkB)\]\s*$", re.I),
    re.compile(r"\s+\|\s+[^|]{1,60}$"),  # " | SKR"
    re.compile(r"\s*[.,:;]\s*$"),
]
_YEAR = re.compile(r"\s*,?\s+(?:19|20)\d\d(?:[-–/](?:19|20)?\d\d)?\s*$")
_VERSION = re.compile(r"\s+[-–]\s+(?:kortversion|kort version|sammanfattning|lättläst(?: version)?|populärversion|"
                      r"bilaga(?: \d+)?|presentation|powerpoint)\s*$", re.I)
_QUOTES = "\"'”“«»‘’"


@lru_cache(maxsize=50_000)
def clean_title(raw: str) -> str:
    """The title without quotes, file types, site names, trailing years and punctuation."""
    s = re.sub(r"\s+", " ", raw).strip().strip(_QUOTES).strip()
    for _ in range(3):
        before = s
        for pat in _SUFFIXES:
            s = pat.sub("", s).strip().strip(_QUOTES).strip()
        year = _YEAR.search(s)
        if year and len(s[:year.start()].split()) >= 3:  # "Målbild 2030" keeps its year
            s = s[:year.start()].strip()
        if s == before:
            break
    return s


@lru_cache(maxsize=50_000)
def base_title(title: str) -> str:
    """The title without a version suffix: "Målbild X - kortversion" -> "Målbild X"."""
    return _VERSION.sub("", title).strip()


@lru_cache(maxsize=50_000)
def title_key(title: str) -> str:
    """One comparison key: lower case, one dash style, no cue word, no leading article, no version suffix."""
    s = re.sub(r"\s*[\u2013\u2014]\s*", " - ", base_title(clean_title(title)))
    s = re.sub(r"\s+-\s+", " - ", s.translate(DASHES)).lower()
    s = CUE_PREFIX.sub("", s)
    s = re.sub(r"\b(?:om|avseende|kring)\s+(?:en|ett)\s+", "om ", s)
    s = re.sub(r"\b(?:avseende|kring)\s+", "om ", s)
    s = re.sub(r"^(?:en|ett)\s+", "", s)
    s = re.sub(r"^överenskommelsen\b", "överenskommelse", s)
    return re.sub(r"\s+", " ", s).strip(" -:,.")


def title_keys(label: str) -> list[str]:
    """Keys a known report is found under: its whole title, and its subtitle when it has one."""
    return list(_title_keys(label))


@lru_cache(maxsize=50_000)
def _title_keys(label: str) -> tuple[str, ...]:
    key = title_key(label)
    keys = [key]
    if " - " in key:
        sub = re.sub(r"^(?:en|ett)\s+", "", key.split(" - ", 1)[1])
        if len(sub.split()) >= 2:
            keys.append(sub)
    return tuple(keys)


# Lower-case words that end an unquoted title in running text: verbs, pronouns, adverbs.
_STOP = frozenset("""kan ska skall som är var har hade blir blev finns fanns visar beskriver handlar innehåller
tar ger får gör kommer du vi man de dem han hon där när här nu också även så sedan redan bland samt beskrivs ges görs
skrivs finns""".split())


class KnownStrings:
    """Strings a title may be (headings, link texts, known titles), indexed by their first letters, so
    that the longest one a text continues with is found without trying them all."""

    _KEY = 4

    def __init__(self, strings, also: KnownStrings | None = None) -> None:
        self.also = also  # a second, prebuilt set (the known reports' titles): the longest of both wins
        self.strings = sorted(set(strings), key=len, reverse=True)
        self._index: dict[str, list[str]] = {}
        self._short: list[str] = []
        for s in self.strings:
            if len(s) >= self._KEY:
                self._index.setdefault(s[:self._KEY], []).append(s)
            else:
                self._short.append(s)

    def __iter__(self):
        if self.also is None:
            return iter(self.strings)
        return iter(sorted(set(self.strings) | set(self.also), key=len, reverse=True))

    def longest_at(self, rest: str) -> str | None:
        """The longest string that ``rest`` starts with, ending at a word boundary; None if there is none."""
        mine = self._longest_at(rest)
        other = self.also.longest_at(rest) if self.also is not None else None
        return max((x for x in (mine, other) if x is not None), key=len, default=None)

    def _longest_at(self, rest: str) -> str | None:
        for s in self._index.get(rest[:self._KEY], ()):
            if rest.startswith(s) and (len(rest) == len(s) or not rest[len(s)].isalnum()):
                return s
        for s in self._short:
            if rest.startswith(s) and (len(rest) == len(s) or not rest[len(s)].isalnum()):
                return s
        return None


def title_extent(text: str, start: int, limit: int, known: KnownStrings | list[str]) -> int:
    """Where an unquoted title starting at ``start`` ends (exclusive), not beyond ``limit``.

    A heading, link text or short block of the document that the text continues with wins ("I skriften
    Nära vård i Ängelholm kan du läsa" ends where the heading "Nära vård i Ängelholm" ends); otherwise
    the title runs to punctuation, to a verb or pronoun, or to the organisation it comes from ("Nära
    vård i glesbygd från Glesbygdsmedicinskt centrum": "från", "av", "hos" or "vid" before a capital
    after two words), at most sixteen words.
    """
    rest = text[start:limit]
    found = (known if isinstance(known, KnownStrings) else KnownStrings(known)).longest_at(rest)
    if found is not None:
        return start + len(found)
    end = start
    count = 0
    words = list(re.finditer(r"[^\s]+", rest))
    for i, m in enumerate(words):
        word = m.group()
        core = word.rstrip(".,;:!?)”\"»|")
        if word.startswith(("(", "|", "”", "\"")) or (count and verb_like(core)):
            break
        if count >= 2 and word in _SOURCE and i + 1 < len(words) and words[i + 1].group()[:1].isupper():
            break
        if count >= 2 and word == "och" and i + 1 < len(words) and words[i + 1].group() in _PREPOSITIONS:
            break  # "… God och nära vård och på Vårdanalys rapport": a second phrase begins
        end = start + m.start() + len(core)
        count += core not in ("-", "–", "—")
        if core != word or count >= 16:
            break
    return end


_SOURCE = frozenset("från av hos vid".split())
_PREPOSITIONS = frozenset("på i av från till med för om vid hos inom genom".split())  # "… från Glesbygdsmedicinskt centrum": where the title came from


def verb_like(word: str) -> bool:
    """A lower-case word that ends a title: a verb or pronoun ("kan", "redovisas", "beskrivs")."""
    low = word.lower()
    return word[:1].islower() and (low in _STOP or (len(low) > 5 and low.endswith(("as", "ades", "ats", "des", "tes"))))
