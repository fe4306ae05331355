"""Organisations found by the shape of their names, beyond any list.

Each pattern names a kind of organisation by its head word and takes the capitalised name next to
it; a name that resolves to the gazetteer or the thesaurus gets that concept's IRI, any other is
minted from its normalised label. A capital that only starts a sentence proves nothing, so a name
that is also an ordinary word ("Kommunal hemtjänst", "Alla universitet") is refused there.

* regional and local authorities: "Region X", "X kommun", "Xs kommun";
* universities: "Högskolan i X", "Högskolan X", "X universitet", "Xs universitet" (the genitive of
  the university, "Umeå universitets", is folded), "Linnéuniversitetet";
* R&D units: "FoU i X", "FoU X", "Forskning och utveckling i X" (one actor, both labels);
* care units: "Borgholms Hälsocentral", "Vårdcentralen Skärholmen", "Björnlunda hemtjänst",
  "Hallands sjukhus", "Södersjukhuset";
* foundations and international bodies: "Southcentral Foundation Alaska", "Stiftelsen X";
* agencies: "…myndigheten", "…verket", "…inspektionen", "Myndigheten för …".

The place inside a name becomes a place candidate related to the organisation (see
:func:`.places.derived_place`). Committees, networks, bodies defined with an abbreviation and agents
are found by :mod:`.bodies`, units "X vid Y" by :mod:`.affiliations`.
"""

from __future__ import annotations

import re

from .gazetteer import EntityKnowledge
from .places import derived_place
from .spans import NAME, NAMES, Candidate, TextContext, genitive_base, is_common_word

_REGION = re.compile(rf"\bRegion (?P<x>{NAMES})(?P<lan> län)?")
_KOMMUN = re.compile(rf"\b(?P<x>{NAMES}) [Kk]ommun(?P<g>s)?\b")
_HOGSKOLAN_I = re.compile(rf"\b(?P<h>Högskolan|Universitetet) i (?P<x>{NAMES})")
_HOGSKOLAN_X = re.compile(rf"\bHögskolan (?P<x>{NAME})\b")
_UNIVERSITET = re.compile(rf"\b(?P<x>{NAME})(?P<adj> tekniska| medicinska)? (?P<u>universitet|högskola|University)"
                          rf"(?P<suf>ets|ens|s|et|n)?\b")
_UNI_COMPOUND = re.compile(r"\b(?P<x>[A-ZÅÄÖ][a-zåäöé]{2,})(?P<u>universitetet|högskolan)(?P<g>s)?\b")
_FOU = re.compile(rf"\bFoU(?P<i> i| inom)? (?P<x>{NAMES})")
_FOU_LONG = re.compile(rf"\bForskning och [Uu]tveckling (?:i|inom) (?P<x>{NAMES})")
_UNIT_HEADS = r"[Vv]årdcentral|[Hh]älsocentral|[Hh]emtjänst|[Hh]emsjukvård|[Ää]ldreboende|[Vv]årdboende|" \
              r"[Ss]jukvårdsområde|[Nn]ärsjukvårdsområde|[Vv]årdområde|" \
              r"[Ss]jukhus|[Ll]asarett|[Uu]niversitetssjukhus"
_UNIT = re.compile(rf"\b(?P<x>{NAMES}) (?P<h>{_UNIT_HEADS})(?P<d>ets|ens|en|et)?\b(?P<y> {NAME})?")
_UNIT_HEAD_FIRST = re.compile(rf"\b(?P<h>Vårdcentralen|Hälsocentralen|Vårdcentral|Hälsocentral|Sjukhuset|Lasarettet|"
                              rf"Universitetssjukhuset) (?P<i>i )?(?P<x>{NAMES})")
_UNIT_COMPOUND = re.compile(rf"\b(?P<x>[A-ZÅÄÖ][a-zåäö]{{2,}})(?P<h>sjukhuset|lasarettet|vårdcentralen|hälsocentralen)\b"
                            rf"(?: (?:i )?(?P<y>{NAME}))?")
_FOUNDATION = re.compile(rf"\b(?P<pre>(?:{NAME}(?:'s)? ){{1,3}})(?P<h>Foundation|Institute|Trust|Fund|Council|Association|"
                         rf"Network|Alliance|Centre|Center)(?P<post>(?: {NAME}){{0,2}})\b")
_STIFTELSEN = re.compile(rf"\bStiftelsen (?P<x>{NAME}(?: {NAME}){{0,3}})")
_AGENCY = re.compile(r"\b(?P<w>[A-ZÅÄÖ][a-zåäö-]{2,}(?:myndigheten|(?<!nät)verket|inspektionen|kassan|förmedlingen|"
                     r"ombudsmannen|stiftelsen))(?P<g>s)?\b")
# "Myndigheten för X": X is a noun ("delaktighet"), an adjective and a noun ("digital förvaltning"), or two
# joined by "och" or "till" ("vård- och omsorgsanalys", "stöd till trossamfund"); the sentence goes on after it.
_MYNDIGHETEN_FOR = re.compile(r"\bMyndigheten för (?P<x>(?:[a-zåäö]+(?:a|al|ig|isk|ell|iv) )?[a-zåäö][\w]*-?"
                              r"(?: (?:och|till) (?:[a-zåäö]+(?:a|al|ig|isk|ell|iv) )?[a-zåäö]\w*)?)")
# Anchors for TextContext.near: a literal every match of the pattern contains near its start.
_KOMMUN_AT = re.compile(r" [Kk]ommuns?\b")
_HOGSKOLAN_I_AT = re.compile(r"(?:Högskolan|Universitetet) i ")
_HOGSKOLAN_X_AT = re.compile(r"Högskolan ")
_UNIVERSITET_AT = re.compile(r" (?:universitet|högskola|University)(?:ets|ens|s|et|n)?\b")
_UNI_COMPOUND_AT = re.compile(r"universitetet|högskolan")
_FOU_AT = re.compile(r"FoU")
_FOU_LONG_AT = re.compile(r"Forskning och ")
_UNIT_AT = re.compile(r" (?:" + _UNIT_HEADS + r")(?:ets|ens|en|et)?\b")
_UNIT_HEAD_FIRST_AT = re.compile(r"Vårdcentral|Hälsocentral|Sjukhuset|Lasarettet|Universitetssjukhuset")
_UNIT_COMPOUND_AT = re.compile(r"sjukhuset|lasarettet|vårdcentralen|hälsocentralen")
_FOUNDATION_AT = re.compile(r"Foundation|Institute|Trust|Fund|Council|Association|Network|Alliance|Centre|Center")
_STIFTELSEN_AT = re.compile(r"Stiftelsen ")
_AGENCY_AT = re.compile(r"myndigheten|verket|inspektionen|kassan|förmedlingen|ombudsmannen|stiftelsen")
_MYNDIGHETEN_FOR_AT = re.compile(r"Myndigheten för ")
_REGION_AT = re.compile(r"Region ")
_STREET = re.compile(r"(?:gatan|vägen|torget|gränd|gränden|allén|plan|backen|stigen|leden)$")
_ORG_WORDS = frozenset("Region Regionen Kommun Kommunen Landsting Landstinget Stad Staden".split())
FUNCTION_WORDS = frozenset("i och för av med på till från vid om en ett den det de".split())


def find(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    """Organisations by pattern, each with the place candidates its name implies."""
    out: list[Candidate] = []
    for fn in (_regions, _municipalities, _universities, _rd_units, _care_units, _foundations, _agencies):
        out.extend(fn(ctx, ek))
    return out


def org(ek: EntityKnowledge, label: str, start: int, end: int, kind: str, extractor: str, *,
        labels: tuple[str, ...] = (), strong: bool = False) -> Candidate:
    """An actor candidate, resolved to known data when the label names a known actor."""
    entry = ek.lookup_name(label, "actor")
    if entry is not None:
        extra = tuple(x for x in (label,) + labels if x != entry.pref_label)
        return Candidate("actor", entry.pref_label, start, end, extractor, kind=entry.kind, iri=entry.iri,
                         labels=extra, strong=strong)
    return Candidate("actor", label, start, end, extractor, kind=kind, key=label, labels=labels, strong=strong)


def refused(ctx: TextContext, word: str, pos: int, ek: EntityKnowledge | None = None) -> bool:
    """A capitalised word that is an ordinary word at a sentence start: no evidence of a name.

    A known place or actor ("Ystads", "Lunds") is always a name.
    """
    if ek is not None and ek.lookup_name(word) is not None:
        return False
    return ctx.is_initial(pos) and is_common_word(word)


def _with_place(ek: EntityKnowledge, cand: Candidate, name: str, start: int,
                allow_unknown: bool | str) -> list[Candidate]:
    place = derived_place(ek, name, start, start + len(name), cand, allow_unknown)
    return [cand] + ([place] if place else [])


def _regions(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    for m in ctx.near(_REGION, _REGION_AT, 0):
        x = m["x"]
        options = ([x + " län"] if m["lan"] else []) + [x, x.split(" ")[0]]
        for opt in options:
            entry = ek.lookup_name("Region " + opt, "actor")
            if entry is not None:
                end = m.start("x") + len(opt)
                out.append(org(ek, ctx.text[m.start():end], m.start(), end, "region", "actors.region"))
                break
        else:
            first = x.split(" ")[0]
            if is_common_word(first):
                continue
            end = m.start("x") + len(first)
            cand = org(ek, "Region " + first, m.start(), end, "region", "actors.region")
            out.extend(_with_place(ek, cand, first, m.start("x"), False))
    return out


def _municipalities(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    for m in ctx.near(_KOMMUN, _KOMMUN_AT, 60):
        x = m["x"]
        parts = x.split(" ")
        for k in range(len(parts)):
            name = " ".join(parts[k:])
            start = m.start("x") + len(" ".join(parts[:k])) + (1 if k else 0)
            entry = ek.lookup_name(name + " kommun", "actor") or ek.lookup_name(name + " Kommun", "actor")
            if entry is not None:
                out.append(org(ek, entry.pref_label, start, m.end(), "municipality", "actors.municipality"))
                break
        else:
            name, start = parts[-1], m.start("x") + len(x) - len(parts[-1])
            if ctx.is_initial(start) or is_common_word(name) or name in ek.first_names:
                continue
            cand = org(ek, f"{name} kommun", start, m.end(), "municipality", "actors.municipality")
            out.extend(_with_place(ek, cand, name, start, False))
    return out


def _universities(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    text = ctx.text
    for m in ctx.near(_HOGSKOLAN_I, _HOGSKOLAN_I_AT, 0):
        x = m["x"].split(" ")[0] if ek.lookup_name(m["x"], "region") is None else m["x"]
        base = genitive_base(x) if genitive_base(x) and ek.lookup_name(genitive_base(x), "region") else x
        end = m.start("x") + len(base)
        cand = org(ek, f"{m['h']} i {base}", m.start(), end, "university", "actors.university")
        out.extend(_with_place(ek, cand, base, m.start("x"), True))
    for m in ctx.near(_HOGSKOLAN_X, _HOGSKOLAN_X_AT, 0):
        if m["x"] in ("I",) or text[m.end():m.end() + 2] == " i":
            continue
        cand = org(ek, m.group(), m.start(), m.end(), "university", "actors.university")
        out.extend(_with_place(ek, cand, m["x"], m.start("x"), False))
    for m in ctx.near(_UNIVERSITET, _UNIVERSITET_AT, 60):
        x = m["x"]
        if refused(ctx, x, m.start(), ek) or x.lower() in FUNCTION_WORDS or x in ek.first_names:
            continue
        label = f"{x}{m['adj'] or ''} {m['u']}"
        cand = org(ek, label, m.start(), m.end(), "university", "actors.university")
        base = x if ek.lookup_name(x, "region") else genitive_base(x) or x
        out.extend(_with_place(ek, cand, base, m.start(), False))
    for m in ctx.near(_UNI_COMPOUND, _UNI_COMPOUND_AT, 60):
        if refused(ctx, m.group(), m.start()):
            continue
        out.append(org(ek, m["x"] + m["u"], m.start(), m.end("u"), "university", "actors.university"))
    return out


def _rd_units(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    for m in list(ctx.near(_FOU, _FOU_AT, 0)) + list(ctx.near(_FOU_LONG, _FOU_LONG_AT, 0)):
        long_form = m.group().startswith("Forskning")
        x = _place_words(ek, m["x"])
        end = m.start("x") + len(x)
        county = x.split(" ")[-1] + " län"
        if ctx.text.startswith(" län", end) and ek.lookup_name(county, "region") is not None:
            x, end = x + " län", end + len(" län")  # "FoU Välfärd Örebro län"
        joiner = " i " if long_form or m["i"] else " "
        label = f"FoU{joiner}{x}"
        extra = (ctx.text[m.start():end],) if long_form else ()
        cand = org(ek, label, m.start(), end, "rd_unit", "actors.rd_unit", labels=extra)
        out.append(cand)
        pos = m.start("x")
        words = x.split(" ")
        for word in [x] + ([" ".join(words[-2:])] if x.endswith(" län") else []) + (words if " " in x else []):
            start = ctx.text.find(word, pos, end)
            place = derived_place(ek, word, start, start + len(word), cand) if start >= 0 else None
            if place is not None:
                out.append(place)
                break
    return out


def _place_words(ek: EntityKnowledge, x: str) -> str:
    """The name words of an R&D unit: a known place, else one word (not a street line)."""
    if ek.lookup_name(x, "region") is not None:
        return x
    parts = x.split(" ")
    if len(parts) == 2 and not _STREET.search(parts[1].lower()) and parts[1] not in _ORG_WORDS:
        return x
    return parts[0]  # "FoU Välfärd Region Gävleborg": the unit, then its owner


def _district(ek: EntityKnowledge, x: str) -> bool:
    """Two names, a known town and a part of it ("Sala Väsby"): the second is a name, not a word or an organisation."""
    parts = x.split(" ")
    return (len(parts) == 2 and ek.lookup_name(parts[0], "region") is not None and not is_common_word(parts[1])
            and ek.lookup_name(parts[1]) is None and parts[1] not in ek.first_names and parts[1] not in _ORG_WORDS)


def _care_units(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    text = ctx.text
    for m in ctx.near(_UNIT, _UNIT_AT, 60):
        x, head, start = m["x"], m["h"], m.start()
        first = x.split(" ")[0]
        if " " in x and (is_common_word(first) and ek.lookup_name(first) is None or first.lower() in FUNCTION_WORDS):
            x, start = x.split(" ", 1)[1], start + len(first) + 1  # "Vid Sahlgrenska Universitetssjukhuset"
            first = x
        if refused(ctx, first, start, ek) or first.lower() in FUNCTION_WORDS:
            continue
        end = m.end("d") if m["d"] else m.end("h")
        if m["y"] and head[0].isupper() and not is_common_word(m["y"].strip()):
            end = m.end("y")
        label = text[start:end]
        if m["d"] in ("ets", "ens") and end == m.end("d"):
            label = label[:-1]  # "Hallands sjukhusets" -> "Hallands sjukhuset"
        cand = org(ek, label, start, end, "care_unit", "actors.care_unit")
        last = x.split(" ")[-1]
        place = last if ek.lookup_name(last, "region") else (genitive_base(last) or last)
        local = head.lower() not in ("universitetssjukhus",) and not head.lower().endswith("område")
        unit = _with_place(ek, cand, place, start + len(x) - len(last), local and " " not in x)
        if m["y"] and end == m.end("y"):
            y = m["y"].strip()
            unit += [p for p in [derived_place(ek, y, m.start("y") + 1, m.end("y"), cand)] if p]
        out.extend(unit)
    for m in ctx.near(_UNIT_HEAD_FIRST, _UNIT_HEAD_FIRST_AT, 0):
        x = m["x"] if ek.lookup_name(m["x"], "region") is not None or _district(ek, m["x"]) else m["x"].split(" ")[0]
        if x.lower() in FUNCTION_WORDS or x in ek.first_names:
            continue
        end = m.start("x") + len(x)
        cand = org(ek, text[m.start():end], m.start(), end, "care_unit", "actors.care_unit")
        out.extend(_with_place(ek, cand, x, m.start("x"), "capitalised"))
    for m in ctx.near(_UNIT_COMPOUND, _UNIT_COMPOUND_AT, 60):
        word = m["x"] + m["h"]
        if refused(ctx, word, m.start(), ek):
            continue
        end = m.end() if m["y"] and ek.lookup_name(m["y"], "region") else m.end("h")
        cand = org(ek, text[m.start():end], m.start(), end, "care_unit", "actors.care_unit")
        out.append(cand)
        if m["y"] and end == m.end():
            out += [p for p in [derived_place(ek, m["y"], m.start("y"), m.end("y"), cand)] if p]
    return out


def _foundations(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    for m in ctx.near(_FOUNDATION, _FOUNDATION_AT, 200):
        pre, start = m["pre"].strip(), m.start()
        while " " in pre and is_common_word(pre.split(" ")[0]) and pre.split(" ")[0] != "The":
            start += len(pre.split(" ")[0]) + 1  # "Även The King's Fund" -> "The King's Fund"
            pre = pre.split(" ", 1)[1]
        if refused(ctx, pre.split(" ")[0], start):
            continue
        post = [w for w in m["post"].split(" ") if w]
        keep = []
        for w in post:  # trailing words belong to the name when they are names, not sentence words
            if is_common_word(w):
                break
            keep.append(w)
        end = m.end("h") + sum(len(w) + 1 for w in keep)
        kind = "foundation" if m["h"] == "Foundation" else "organisation"
        cand = org(ek, ctx.text[start:end], start, end, kind, "actors.foundation")
        out.append(cand)
        pos = m.end("h")
        for w in keep:
            place = derived_place(ek, w, pos + 1, pos + 1 + len(w), cand)
            pos += len(w) + 1
            if place:
                out.append(place)
    for m in ctx.near(_STIFTELSEN, _STIFTELSEN_AT, 0):
        out.append(org(ek, m.group(), m.start(), m.end(), "foundation", "actors.foundation"))
    return out


def _known_prefix(ek: EntityKnowledge, text: str, start: int, end: int) -> str | None:
    """The longest known actor name that the text from ``start`` begins with, not beyond ``end``."""
    words = text[start:end].split(" ")
    for k in range(len(words), 1, -1):
        name = " ".join(words[:k])
        if ek.lookup_name(name, "actor") is not None:
            return name
    return None


def _agencies(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    for m in ctx.near(_AGENCY, _AGENCY_AT, 60):
        word = m["w"]
        if ek.lookup_name(word, "actor") is None and refused(ctx, word, m.start()):
            continue
        kind = "foundation" if word.endswith("stiftelsen") else "agency"
        out.append(org(ek, word, m.start(), m.end(), kind, "actors.agency"))
    for m in ctx.near(_MYNDIGHETEN_FOR, _MYNDIGHETEN_FOR_AT, 0):
        label = _known_prefix(ek, ctx.text, m.start(), m.end()) or "Myndigheten för " + m["x"]
        if label.endswith("-"):
            continue  # "Myndigheten för vård- …" cut short: no name
        out.append(org(ek, label, m.start(), m.start() + len(label), "agency", "actors.agency"))
    return out
