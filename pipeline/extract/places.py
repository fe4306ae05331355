"""Places beyond the gazetteer scan: in place contexts, in address lines, and inside organisation names.

* "i X", "från X" with a capitalised X that is not an ordinary word, a given name, an abbreviation
  or the name of a unit or project ("Nära vård i Alaska" -> Alaska; not "i Hälsostaden");
* a postal code and town, "632 20 Eskilstuna" (the organisation named just before it is located there);
* unknown names listed with known places, after or before them: "Singapore, Skottland och Moldavien";
* the place in an organisation's name: "Björnlunda hemtjänst" -> Björnlunda, "Region Halland" ->
  Halland (:func:`derived_place`, used by the actor patterns and for known organisations).

Places found by name alone (the gazetteer, with genitives) come from :func:`.gazetteer.scan`.
"""

from __future__ import annotations

import re

from .gazetteer import EntityKnowledge
from .spans import NAME, Candidate, TextContext, is_common_word, is_unit_name, smart_case

_CONTEXT = re.compile(rf"\b(?:[Ii]|[Ff]rån|[Uu]tanför|(?:[Nn]orr|[Ss]öder|[Vv]äster|[Öö]ster) om)\s+(?P<x>{NAME})"
                      rf"(?P<next> [A-ZÅÄÖ]\w*)?")
# "från Hälsingland i norr till Gästrikland i söder": the end of a range of places.
_RANGE = re.compile(rf"\b[Ff]rån [A-ZÅÄÖ][^.!?]{{0,60}}? till (?P<x>{NAME})(?P<next> [A-ZÅÄÖ]\w*)?")
_RANGE_AT = re.compile(r"[Ff]rån [A-ZÅÄÖ]")  # an anchor for TextContext.near
# A postal code not preceded by a digit or a dash. The look-behind stands after the first digit, where it
# reads the same, so that the pattern begins with a digit and the engine skips straight to digits.
_POSTAL = re.compile(rf"\d(?<![\d-]\d)\d{{2}} ?\d{{2}}\s+(?P<x>{NAME}(?:[ -]{NAME})?|[A-ZÅÄÖ]{{3,}}(?:[ -][A-ZÅÄÖ]{{2,}})?)\b")


def derived_place(ek: EntityKnowledge, name: str, start: int, end: int, owner: Candidate,
                  allow_unknown: bool | str = False) -> Candidate | None:
    """The place named inside an organisation's name (span ``start``-``end``), related to ``owner``.

    ``allow_unknown`` admits a name the gazetteer does not know; "capitalised" admits it even when it
    is also an ordinary word, because its capital mid-name proves it a name ("Hälsocentralen Lit").
    """
    pred = "responsibleFor" if owner.kind in ("region", "municipality") else "locatedIn"
    related = ((pred, owner.start, owner.end, False),)
    entry = ek.lookup_name(name, "region")
    if entry is not None:
        return Candidate("region", entry.pref_label, start, end, "places.derived", kind=entry.kind, iri=entry.iri,
                         derived=True, related=related)
    if allow_unknown and unknown_ok(ek, name, common_ok=allow_unknown == "capitalised"):
        return Candidate("region", name, start, end, "places.derived", kind="locality", key=name, derived=True,
                         related=related)
    return None


def unknown_ok(ek: EntityKnowledge, name: str, common_ok: bool = False) -> bool:
    """A capitalised word the gazetteer does not know may be a place: not an ordinary word (unless
    ``common_ok``), a given name, a unit's or project's name or a known actor."""
    return (len(name) >= 3 and (common_ok or not is_common_word(name)) and name not in ek.first_names
            and not is_unit_name(name)
            and ek.lookup_name(name, "actor") is None)


def find(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    """Places in place contexts and address lines (see module docstring)."""
    return _contexts(ctx, ek) + _postal(ctx, ek)


_PREVIOUS_IN_LIST = re.compile(rf"(?<![\w-])(?P<x>{NAME})(?:,\s*|\s+(?:och|samt|eller)\s+)$")
_NEXT_IN_LIST = re.compile(rf"(?:,\s*|\s+(?:och|samt|eller)\s+)(?P<x>{NAME})(?![\w-]| [A-ZÅÄÖ])")


def lists(ctx: TextContext, ek: EntityKnowledge, found: list[Candidate]) -> list[Candidate]:
    """Unknown names listed with places: "till Singapore, Skottland och Moldavien" -> Moldavien; "Höglandet,
    Jönköping och Värnamo" -> Höglandet."""
    out = []
    for c in found:
        if c.type != "region" or c.derived:
            continue
        m = _PREVIOUS_IN_LIST.search(ctx.text, max(0, c.start - 40), c.start)
        if m and ek.lookup_name(m["x"]) is None and unknown_ok(ek, m["x"]) and not m["x"].endswith("s"):
            out.append(Candidate("region", m["x"], m.start("x"), m.end("x"), "places.list", kind="locality", key=m["x"],
                                 score=0.8))
        end = c.end
        for _ in range(12):
            m = _NEXT_IN_LIST.match(ctx.text, end)
            if not m:
                break
            x = m["x"]
            entry = ek.lookup_name(x)
            if entry is not None:
                if entry.type != "region":
                    break
            elif unknown_ok(ek, x) and not x.endswith("s"):
                out.append(Candidate("region", x, m.start("x"), m.end("x"), "places.list", kind="locality", key=x,
                                     score=0.8))
            else:
                break
            end = m.end("x")
    return out


def _contexts(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    for m in list(_CONTEXT.finditer(ctx.text)) + list(ctx.near(_RANGE, _RANGE_AT, 0)):
        group = "x"
        x = m[group]
        if m["next"] or ek.lookup_name(x) is not None:
            continue  # a longer name ("i Gnesta kommun") or a known one (found by the gazetteer scan)
        if not unknown_ok(ek, x) or x.endswith("s"):
            continue  # an unknown genitive ("i Anderssons hus") is a possessor, not a place
        out.append(Candidate("region", x, m.start(group), m.end(group), "places.context", kind="locality", key=x,
                             score=0.8))
    return out


def _postal(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    for m in _POSTAL.finditer(ctx.text):
        raw = m["x"]
        name = smart_case(raw, ek.place_names) if raw.isupper() else raw
        if raw.isupper():
            name = " ".join(w[:1].upper() + w[1:] for w in name.split(" "))
        entry = ek.lookup_name(name, "region")
        if entry is not None:
            out.append(Candidate("region", entry.pref_label, m.start("x"), m.end("x"), "places.postal",
                                 kind=entry.kind, iri=entry.iri, strong=True))
        elif unknown_ok(ek, name):
            out.append(Candidate("region", name, m.start("x"), m.end("x"), "places.postal", kind="locality",
                                 key=name, strong=True))
    return out
