"""Dates as Swedish public-sector documents write them, normalised to ISO 8601.

Used by the HTML parser (meta tags, JSON-LD, ``<time>``, visible lines such as "Publicerad: 15
oktober 2019") and usable by the PDF parser (``D:20230124…`` dates, "Eskilstuna januari 2023").

* :func:`parse_date` turns one date string into ``YYYY-MM-DD`` (or ``YYYY-MM`` when only a month
  and a year are given), or None.
* :func:`find_labelled_dates` finds "label: date" statements in running text and says whether
  each is a publication or a modification date.
* :func:`date_line` recognises a line that is nothing but such statements ("Uppdaterat: 5 juni
  2023", "Senast ändrad:"), which is page metadata, not body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "february": 2,
    "mars": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "maj": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "augusti": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_TIME = r"(?:,?\s*(?:kl\.?\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?"

# The forms a date takes, most specific first. Named groups: y, m, d, mon (month name).
_DATE_FORMS = (
    r"(?P<y1>\d{4})-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
    rf"(?:den\s+)?(?P<d2>\d{{1,2}})\s*(?:\.\s*)?(?P<mon2>{_MONTH})\.?,?\s+(?P<y2>\d{{4}}){_TIME}",
    rf"(?P<mon3>{_MONTH})\.?\s+(?P<d3>\d{{1,2}}),?\s+(?P<y3>\d{{4}})",  # English: June 5, 2023
    r"(?P<d4>\d{1,2})[./](?P<m4>\d{1,2})[./ ]\s*(?P<y4>\d{4})",  # 5/6 2023, 05.06.2023
    r"(?P<y5>\d{4})/(?P<m5>\d{1,2})/(?P<d5>\d{1,2})",
    rf"(?P<mon6>{_MONTH})\s+(?P<y6>\d{{4}})",  # januari 2023
)
DATE_PATTERN = "(?:" + "|".join(_DATE_FORMS) + ")"
_DATE_RE = re.compile(rf"(?<![\w-]){DATE_PATTERN}(?![\w])", re.IGNORECASE)
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?\d{4,6})?(?:Z|[+-]\d{2}'?\d{2}'?)?$")

# Labels that introduce a page date, and which date they are.
_LABEL = (
    r"(?:(?:sidan|artikeln|texten|inneh[aå]llet|nyheten)\s+)?(?:senast\s+)?"
    r"(?P<label>publicera\w*|publiceringsdatum|skapa(?:d|t|des)|uppdatera\w*|[aä]ndra(?:d|t|des)|"
    r"granska(?:d|t|des)|reviderad|datum|published|posted|updated|last\s+(?:modified|updated)|modified)"
    r"(?:\s+senast)?"
)
_LABELLED_RE = re.compile(rf"(?:^|(?<=[\n|•]))[ \t]*{_LABEL}\s*(?::|\s)\s*(?P<date>{DATE_PATTERN})?",
                          re.IGNORECASE | re.MULTILINE)
_LINE_ITEM = re.compile(rf"{_LABEL}\s*(?P<colon>:)?\s*(?P<date>{DATE_PATTERN})?", re.IGNORECASE)
_LINE_SEP = re.compile(r"\s*(?:[,;|•·–—]|\s-\s|\boch\b)\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A labelled date in a text: which date it is, its ISO value (None if the label has no date)."""

    kind: str  # "published" | "modified"
    iso: str | None
    start: int
    end: int


def parse_date(value: str | None) -> str | None:
    """``value`` as ``YYYY-MM-DD`` (``YYYY-MM`` for a month and year), or None if it is not a date."""
    if not value:
        return None
    value = value.strip()
    pdf = _PDF_DATE.match(value)
    if pdf:
        return _iso(pdf.group(1), pdf.group(2) or "1", pdf.group(3) or "1")
    compact = _COMPACT.match(value)
    if compact:
        return _iso(*compact.groups())
    match = _DATE_RE.search(value)
    return _from_match(match) if match else None


def find_labelled_dates(text: str) -> list[DateMention]:
    """Every "label: date" statement that starts a line of ``text`` and whose date parses, in order
    (a line start, so that "the report was published 2019-10-15" in running prose is not taken)."""
    out = []
    for m in _LABELLED_RE.finditer(text):
        if not m.group("date"):
            continue
        iso = _from_match(_DATE_RE.match(m.group("date")))
        if iso:
            out.append(DateMention(_kind(m.group("label")), iso, m.start(), m.end()))
    return out


def date_line(text: str) -> list[DateMention] | None:
    """The dates of ``text`` if it consists only of labelled dates ("Publicerad: 15 oktober 2019",
    "Publicerad 2019-10-15, uppdaterad 2020-01-02", or an empty "Senast ändrad:"); else None."""
    text = text.strip().rstrip(".")
    if not text or len(text) > 160:
        return None
    out: list[DateMention] = []
    pos = 0
    while pos < len(text):
        m = _LINE_ITEM.match(text, pos)
        if not m or m.end() == pos:
            return None
        raw = m.group("date")
        if not raw and not m.group("colon"):
            return None  # a bare word such as "Uppdaterad" is not a date line
        if m.group("label").lower() == "datum" and not raw:
            return None
        iso = _from_match(_DATE_RE.match(raw)) if raw else None
        out.append(DateMention(_kind(m.group("label")), iso, m.start(), m.end()))
        pos = m.end()
        sep = _LINE_SEP.match(text, pos)
        if sep and sep.end() > pos:
            pos = sep.end()
        elif pos < len(text):
            return None
    return out or None


def _kind(label: str) -> str:
    label = label.lower()
    if label.startswith(("publ", "skap", "datum", "posted")):
        return "published"
    return "modified"


def _from_match(m: re.Match | None) -> str | None:
    if m is None:
        return None
    g = m.groupdict()
    if g["y1"]:
        return _iso(g["y1"], g["m1"], g["d1"])
    for n in ("2", "3"):
        if g[f"y{n}"]:
            return _iso(g[f"y{n}"], MONTHS[g[f"mon{n}"].lower()], g[f"d{n}"])
    if g["y4"]:
        return _iso(g["y4"], g["m4"], g["d4"])
    if g["y5"]:
        return _iso(g["y5"], g["m5"], g["d5"])
    if g["y6"]:
        year = int(g["y6"])
        return f"{year:04d}-{MONTHS[g['mon6'].lower()]:02d}" if 1900 <= year <= 2100 else None
    return None


def _iso(year, month, day) -> str | None:
    try:
        d = date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None
    return d.isoformat() if 1900 <= d.year <= 2100 else None
