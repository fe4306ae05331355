"""Bodies found once the organisations are known: their units, their partners and their abbreviations.

* units "X vid Y" of a known organisation: "Leap for Life vid Högskolan i Halmstad", "Institutionen för
  hälsovetenskap vid Luleå tekniska universitet" (X memberOf Y) — :func:`units`;
* an unknown abbreviation named together with an organisation: "VGR och VästKom", "KSL och Region
  Stockholm" — :func:`partners`;
* abbreviations defined right after any organisation's name: "…, FoUiS", "… (ABC)" — :func:`abbreviations`;

each with every later use of an abbreviation it finds (:func:`.bodies.repeats`). :mod:`.entities` runs
these passes over the organisations that :mod:`.actors`, :mod:`.bodies` and the gazetteer found.
"""

from __future__ import annotations

import re

from .actors import org
from .bodies import abbreviates, fields, repeats
from .gazetteer import EntityKnowledge
from .spans import ABBR, Candidate, TextContext, is_common_word

# An unknown abbreviation named with an organisation: after its name ("VGR och VästKom") or in the 20
# characters before it ("KSL och Region Stockholm").
_PARTNER_AFTER = re.compile(rf" (?:och|samt) (?P<a>{ABBR})(?![\w-])")
_PARTNER_BEFORE = re.compile(rf"(?<![\w-])(?P<a>{ABBR}) (?:och|samt) $")


def units(ctx: TextContext, ek: EntityKnowledge, actors: list[Candidate]) -> list[Candidate]:
    """Named programmes and units "X vid Y" (Y a known organisation candidate): X memberOf Y."""
    out = []
    name_re = re.compile(r"(?P<n>(?:[A-ZÅÄÖ][\w'-]*|for|of|and|the|in|on|at|to|&)"
                         r"(?:\s+(?:[A-ZÅÄÖ][\w'-]*|for|of|and|the|in|on|at|to|&)){0,6})\s+vid\s+$")
    unit_re = re.compile(r"(?P<n>(?:Institutionen|Centrum|Centret|Enheten|Avdelningen|Sektionen|Kunskapscentrum|"
                         r"Kompetenscentrum|Forskargruppen|Forskningsmiljön|Programmet) för [a-zåäö][\w ,-]{2,80}?)"
                         r"\s+vid\s+$")
    for b in actors:
        if b.type != "actor" or b.kind == "person":
            continue
        window_start = max(0, b.start - 100)
        window = ctx.text[window_start:b.start]
        m = unit_re.search(window) or name_re.search(window)
        if not m:
            continue
        name = m["n"]
        words = name.split()
        while words and not words[0][:1].isupper():
            words.pop(0)
        if not words:
            continue
        name = " ".join(words)
        if words[0] in ek.first_names:
            continue  # a person "vid" an organisation: memberOf, found with the person
        start = window_start + m.start("n") + m["n"].index(words[0])
        if len(words) == 1 and (is_common_word(name) or name in ek.first_names):
            continue
        if all(is_common_word(w) for w in words if w[:1].isupper()) and ctx.is_initial(start):
            continue
        kind = "rd_unit" if b.kind == "university" else "organisation"
        cand = org(ek, name, start, start + len(name), kind, "actors.unit")
        out.append(Candidate(**{**fields(cand), "related": (("memberOf", b.start, b.end, True),)}))
    return out


def partners(ctx: TextContext, ek: EntityKnowledge, actors: list[Candidate]) -> list[Candidate]:
    """An unknown abbreviation named together with an organisation: "VGR och VästKom", "KSL och Region Stockholm"."""
    out: list[Candidate] = []
    text = ctx.text
    seen: set[str] = set()
    for c in actors:
        if c.type != "actor" or c.kind == "person":
            continue
        for m, offset in ((_PARTNER_AFTER.match(text, c.end), 0),
                          (_PARTNER_BEFORE.search(text[max(0, c.start - 20):c.start]), max(0, c.start - 20))):
            if m is None or m["a"] in seen or ek.lookup_name(m["a"]) is not None:
                continue
            seen.add(m["a"])
            start = offset + m.start("a")
            cand = org(ek, m["a"], start, start + len(m["a"]), "organisation", "actors.partner")
            out += [cand] + repeats(text, m["a"], cand)
    return out


def abbreviations(ctx: TextContext, actors: list[Candidate]) -> list[Candidate]:
    """Abbreviations defined right after a name ("…, FoUiS", "… (ABC)") and their later uses."""
    out: list[Candidate] = []
    text = ctx.text
    seen: set[str] = set()
    after = re.compile(rf"\s*(?:\((?P<p>{ABBR})\)|,\s*(?P<c>{ABBR})(?=[,.;:\s]))")
    for c in actors:
        if c.type != "actor" or c.kind == "person":
            continue
        m = after.match(text, c.end)
        abbr = (m["p"] or m["c"]) if m else None
        if not abbr or abbr in seen or not abbreviates(abbr, c.label):
            continue
        seen.add(abbr)
        defined = Candidate(**{**fields(c), "end": m.end(), "labels": c.labels + (abbr,),
                               "extractor": "actors.abbreviation", "related": ()})
        out += [defined] + repeats(text, abbr, defined)
    return out
