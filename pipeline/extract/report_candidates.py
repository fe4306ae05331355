"""Report candidates: what a found title or number names, and where else the document names it.

* a title resolves to a known report of ``reports.ttl`` through :func:`.titles.title_keys` (dashes,
  capitals, cue words, years and "(PDF)" folded): "Delbetänkande God och Nära Vård - En
  primärvårdsreform 2018 (regeringen.se)" is SOU 2018:39; other titles are minted from their
  :func:`.titles.title_key`, and a name in brackets after a title is another label of it (:func:`report`);
* a number right after a title is that title's: "Effektiv vård (SOU 2016:2)", "Från mottagare till
  medskapare. Rapport 2021:3" (:func:`attach_numbers`);
* a title found once is found again where the text writes it exactly so, as a heading naming the
  report (:func:`repeats`).

:mod:`.reports` finds the titles and numbers; :mod:`.entities` looks for the repeats once the
overlaps are settled.
"""

from __future__ import annotations

import re

from .gazetteer import EntityKnowledge
from .spans import Candidate, SpanIndex, TextContext
from .titles import base_title, clean_title, title_key, title_keys

# "Målbild 2030 (kortversion)": another name in brackets after a title.
_PAREN = re.compile(r"^(?P<t>.+?)\s*\((?P<alt>[^()]{3,60})\)$")


def kind_of(cue: str) -> str:
    """The kind of report a cue word names: "Delbetänkande" -> sou, "handlingsplanen" -> plan, else publication."""
    c = cue.lower()
    for stem, kind in (("betänkande", "sou"), ("webbrapport", "web_report"), ("målbild", "malbild"),
                       ("överenskommelse", "agreement"), ("rapport", "report"), ("utredning", "report"),
                       ("plan", "plan"), ("strategi", "plan"), ("program", "plan")):
        if stem in c:
            return kind
    return "publication"


def report(ek: EntityKnowledge, title: str, start: int, end: int, kind: str, extractor: str,
           labels: tuple[str, ...] = (), strong: bool = True) -> Candidate:
    """A report candidate for ``title``: the known report when a key matches, else one keyed by the title."""
    title = clean_title(title)
    m = _PAREN.match(title)
    if m and "." not in m["alt"]:
        title, labels = m["t"].strip(), labels + (m["alt"].strip(),)
    extra = tuple(x for x in (base_title(title),) + labels if x != title)
    for key in title_keys(title):
        if key in ek.titles:
            entry = ek.entries[ek.titles[key]]
            return Candidate("report", entry.pref_label, start, end, extractor, kind=entry.kind, iri=entry.iri,
                             labels=(title,) + extra, notation=(entry.notations or (None,))[0], strong=strong)
    return Candidate("report", base_title(title), start, end, extractor, kind=kind, key=title_key(title),
                     labels=(title,) + extra if base_title(title) != title else extra, strong=strong)


def attach_numbers(ctx: TextContext, cands: list[Candidate]) -> list[Candidate]:
    """ "Effektiv vård (SOU 2016:2)", "Från mottagare till medskapare. Rapport 2021:3": the title and the number
    are one report."""
    numbers = {c.start: c for c in cands if c.extractor == "reports.number"}
    out = []
    for c in cands:
        if c.extractor != "reports.number":
            n = next((numbers[c.end + 2] for sep in (" (", ". ", ", ")
                      if ctx.text.startswith(sep, c.end) and c.end + 2 in numbers), None)
            if n is not None and c.iri is None:
                c = Candidate("report", c.label, c.start, c.end, c.extractor, kind=n.kind, key=n.key, iri=n.iri,
                              labels=c.labels + (n.label,), notation=n.notation, strong=True)
        out.append(c)
    return out


def repeats(ctx: TextContext, reports: list[Candidate], taken: list[tuple[int, int]]) -> list[Candidate]:
    """Further occurrences of a found title, written exactly as found (a heading naming the report)."""
    out = []
    seen = set()
    claimed = SpanIndex(taken)
    for c in reports:
        for title in {clean_title(ctx.text[c.start:c.end])} | {c.label}:
            if len(title.split()) < 3 or title in seen:
                continue
            seen.add(title)
            pos = ctx.text.find(title)
            while pos >= 0:
                end = pos + len(title)
                if not claimed.overlaps(pos, end):
                    out.append(Candidate("report", c.label, pos, end, "reports.repeat", kind=c.kind, key=c.key,
                                         iri=c.iri, labels=c.labels, notation=c.notation, score=0.8))
                pos = ctx.text.find(title, end)
    return out
