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
* agencies: "…myndigheten", "…verket", "…inspektionen", "Myndigheten för …";
* bodies defined with an abbreviation: "KRF (kommun- och regionledningsforum)", "… forum (KRF)".

The place inside a name becomes a place candidate related to the organisation (see
:func:`.places.derived_place`). Units "X vid Y" and abbreviations defined after a name are added by
:func:`units` and :func:`abbreviations` once the organisations are known.
"""

from __future__ import annotations

import re

from .gazetteer import EntityKnowledge
from .places import derived_place
from .spans import ABBR, NAME, NAMES, Candidate, TextContext, genitive_base, is_common_word

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
                            rf"(?: i (?P<y>{NAME}))?")
_FOUNDATION = re.compile(rf"\b(?P<pre>(?:{NAME}(?:'s)? ){{1,3}})(?P<h>Foundation|Institute|Trust|Fund|Council|Association|"
                         rf"Network|Alliance|Centre|Center)(?P<post>(?: {NAME}){{0,2}})\b")
_STIFTELSEN = re.compile(rf"\bStiftelsen (?P<x>{NAME}(?: {NAME}){{0,3}})")
_AGENCY = re.compile(r"\b(?P<w>[A-ZÅÄÖ][a-zåäö-]{2,}(?:myndigheten|(?<!nät)verket|inspektionen|kassan|förmedlingen|"
                     r"ombudsmannen|stiftelsen))(?P<g>s)?\b")
# Bodies named by a head word, with a complement ("Chefsnätverket för vård och omsorg") or a place
# ("Kommunförbundet Skåne"), and centres ("Glesbygdsmedicinskt centrum").
_BODY = re.compile(r"\b(?P<h>[A-ZÅÄÖ][a-zåäö-]*(?:nätverket|rådet|forumet|förbundet|föreningen|kommittén|delegationen|"
                   r"beredningen|institutet|akademien|kansliet|centret|centrum|samverkansrådet|styrgruppen|ledningsgruppen|"
                   r"arbetsgruppen|referensgruppen))"
                   r"(?P<c> för [a-zåäö][\w-]*(?:,? (?:och )?[a-zåäö][\w-]*){0,5})?(?P<x> " + NAMES + ")?")
_CENTRE = re.compile(r"\b(?P<a>[A-ZÅÄÖ][a-zåäö]+(?: [a-zåäö]+)?) (?P<h>centrum|center|kompetenscentrum|kunskapscentrum)"
                     r"(?P<c> för [a-zåäö][\w-]*(?:,? (?:och )?[a-zåäö][\w-]*){0,5})?\b")
_COMPANY = re.compile(rf"\b(?P<x>{NAME}(?: {NAME}){{0,2}}) (?P<h>AB|Aktiebolag|HB|ek\. för\.)(?![\w.])")
_ADJ_BODY = re.compile(r"\b(?P<a>[A-ZÅÄÖ][a-zåäö]+a) (?P<h>[a-zåäö-]*(?:rådet|nätverket|forumet|förbundet|kommittén|"
                       r"delegationen|beredningen|nämnden|ledningen|kansliet|sekretariatet|fonden))\b")
# "Hälso- och sjukvårdsnämnden", "Gotlands hälso- och sjukvårdsförening", "Socialnämnden" mid-sentence.
_ORGAN = re.compile(rf"\b(?P<p>{NAME}s )?(?P<h>[A-ZÅÄÖa-zåäö][a-zåäö]+- och [a-zåäö]+(?:nämnden|nämnd|styrelsen|"
                    rf"förvaltningen|utskottet|föreningen|förening|förbundet|förbund|rådet))\b"
                    rf"|\b(?P<w>[A-ZÅÄÖ][a-zåäö]+(?:nämnden|förvaltningen|utskottet|fullmäktige))\b")
# "Qulturum, Region Jönköpings läns centrum för utveckling, samordnar": a name explained by an apposition.
_APPOSITION = re.compile(rf"\b(?P<x>{NAME}), (?P<d>(?:[\w-]+ ){{0,6}}[\w-]*(?:centrum|centret|enhet|enheten|förening|"
                         rf"föreningen|förbund|myndighet|organisation|nätverk|nätverket|bolag|bolaget|kansli|institut|"
                         rf"stiftelse|företag)\b[^,.]{{0,50}}),")
_GENERIC_ORGANS = re.compile(r"^(?:kommun|region|landstings|stads|social|barn- och utbildnings|bygg|miljö)"
                             r"(?:styrelsen|nämnden|fullmäktige)$|^(?:rådet|nätverket|forumet|förbundet|föreningen|"
                             r"institutet|centret|centrum|kansliet|akademien|kommittén|delegationen|beredningen|styrgruppen|"
                             r"ledningsgruppen|arbetsgruppen|referensgruppen)$", re.I)
_MYNDIGHETEN_FOR = re.compile(r"\bMyndigheten för (?P<x>[a-zåäö][\w-]*(?:,? (?:och )?[a-zåäö][\w-]*){0,4})")
_DEFINED_AFTER = re.compile(rf"\b(?P<a>{ABBR}) \((?P<long>[^()]{{4,90}})\)")
_DEFINED_BEFORE = re.compile(rf"\((?P<a>{ABBR})\)")
_ORG_HEADS = {
    "political_body": ("forum", "forumet", "råd", "rådet", "nämnd", "nämnden", "beredning", "beredningen", "kommitté",
                       "kommittén", "delegation", "delegationen", "styrelse", "styrelsen", "ledningsgrupp",
                       "ledningsgruppen", "ledning", "ledningen", "kommission", "kommissionen", "organ", "organet", "council",
                       "board"),
    "agency": ("myndighet", "myndigheten", "verk", "verket", "inspektion", "inspektionen", "agency"),
    "association": ("förening", "föreningen", "förbund", "förbundet", "association"),
    "political_body_extra": ("nämnd", "nämnden", "fullmäktige", "utskott", "utskottet"),
    "foundation": ("stiftelse", "stiftelsen", "foundation"),
    "organisation": ("organisation", "organisationen", "institut", "institutet", "akademi", "akademien", "nätverk",
                     "nätverket", "kansli", "kansliet", "sekretariat", "sekretariatet", "förvaltning",
                     "förvaltningen", "bolag", "bolaget", "network", "institute"),
}
# An organisation as the agent of a verb or a partner: "tagits fram av Västkom", "i samarbete med Famna".
_AGENT = re.compile(rf"\b(?:(?:beställ(?:ts|des|d)|tagits fram|tagit fram|togs fram|publicera(?:ts|d|des)|utgiven|"
                    rf"finansiera(?:s|ts|d|des)|drivs|drevs|leds|leddes|ägs|genomför(?:s|ts|des)|utför(?:s|ts|des)|beslutats|"
                    rf"antagits|godkänts|fastställts) (?:\w+ ){{0,2}}?av"
                    rf"|(?:tillsammans|samarbete|samverkan) med) (?P<x>{NAME}(?: {NAME}){{0,2}})(?: och (?P<y>{NAME}))?")
_AFTER_NAME = frozenset("och i samt som under för med till på vid inom men eller år har är kring om".split())
_STREET = re.compile(r"(?:gatan|vägen|torget|gränd|gränden|allén|plan|backen|stigen|leden)$")
_FUNCTION = frozenset("i och för av med på till från vid om en ett den det de".split())


def find(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    """Organisations by pattern, each with the place candidates its name implies."""
    out: list[Candidate] = []
    for fn in (_regions, _municipalities, _universities, _rd_units, _care_units, _foundations, _agencies,
               _bodies, _defined_bodies, _agents):
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


def _refused(ctx: TextContext, word: str, pos: int, ek: EntityKnowledge | None = None) -> bool:
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
    for m in _REGION.finditer(ctx.text):
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
    for m in _KOMMUN.finditer(ctx.text):
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
    for m in _HOGSKOLAN_I.finditer(text):
        x = m["x"].split(" ")[0] if ek.lookup_name(m["x"], "region") is None else m["x"]
        base = genitive_base(x) if genitive_base(x) and ek.lookup_name(genitive_base(x), "region") else x
        end = m.start("x") + len(base)
        cand = org(ek, f"{m['h']} i {base}", m.start(), end, "university", "actors.university")
        out.extend(_with_place(ek, cand, base, m.start("x"), True))
    for m in _HOGSKOLAN_X.finditer(text):
        if m["x"] in ("I",) or text[m.end():m.end() + 2] == " i":
            continue
        cand = org(ek, m.group(), m.start(), m.end(), "university", "actors.university")
        out.extend(_with_place(ek, cand, m["x"], m.start("x"), False))
    for m in _UNIVERSITET.finditer(text):
        x = m["x"]
        if _refused(ctx, x, m.start(), ek) or x.lower() in _FUNCTION or x in ek.first_names:
            continue
        label = f"{x}{m['adj'] or ''} {m['u']}"
        cand = org(ek, label, m.start(), m.end(), "university", "actors.university")
        base = x if ek.lookup_name(x, "region") else genitive_base(x) or x
        out.extend(_with_place(ek, cand, base, m.start(), False))
    for m in _UNI_COMPOUND.finditer(text):
        if _refused(ctx, m.group(), m.start()):
            continue
        out.append(org(ek, m["x"] + m["u"], m.start(), m.end("u"), "university", "actors.university"))
    return out


def _rd_units(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    for m in list(_FOU.finditer(ctx.text)) + list(_FOU_LONG.finditer(ctx.text)):
        long_form = m.group().startswith("Forskning")
        x = _place_words(ek, m["x"])
        end = m.start("x") + len(x)
        joiner = " i " if long_form or m["i"] else " "
        label = f"FoU{joiner}{x}"
        extra = (ctx.text[m.start():end],) if long_form else ()
        cand = org(ek, label, m.start(), end, "rd_unit", "actors.rd_unit", labels=extra)
        out.append(cand)
        pos = m.start("x")
        for word in [x] + (x.split(" ") if " " in x else []):  # "FoU Välfärd Gävleborg" -> Gävleborg
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
    if len(parts) == 2 and not _STREET.search(parts[1].lower()):
        return x
    return parts[0]


def _care_units(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    text = ctx.text
    for m in _UNIT.finditer(text):
        x, head, start = m["x"], m["h"], m.start()
        first = x.split(" ")[0]
        if " " in x and (is_common_word(first) and ek.lookup_name(first) is None or first.lower() in _FUNCTION):
            x, start = x.split(" ", 1)[1], start + len(first) + 1  # "Vid Sahlgrenska Universitetssjukhuset"
            first = x
        if _refused(ctx, first, start, ek) or first.lower() in _FUNCTION:
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
    for m in _UNIT_HEAD_FIRST.finditer(text):
        x = m["x"].split(" ")[0] if ek.lookup_name(m["x"], "region") is None else m["x"]
        if x.lower() in _FUNCTION or x in ek.first_names:
            continue
        end = m.start("x") + len(x)
        cand = org(ek, text[m.start():end], m.start(), end, "care_unit", "actors.care_unit")
        out.extend(_with_place(ek, cand, x, m.start("x"), "capitalised"))
    for m in _UNIT_COMPOUND.finditer(text):
        word = m["x"] + m["h"]
        if _refused(ctx, word, m.start(), ek):
            continue
        end = m.end() if m["y"] and ek.lookup_name(m["y"], "region") else m.end("h")
        cand = org(ek, text[m.start():end], m.start(), end, "care_unit", "actors.care_unit")
        out.append(cand)
        if m["y"] and end == m.end():
            out += [p for p in [derived_place(ek, m["y"], m.start("y"), m.end("y"), cand)] if p]
    return out


def _foundations(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    for m in _FOUNDATION.finditer(ctx.text):
        pre, start = m["pre"].strip(), m.start()
        while " " in pre and is_common_word(pre.split(" ")[0]) and pre.split(" ")[0] != "The":
            start += len(pre.split(" ")[0]) + 1  # "Även The King's Fund" -> "The King's Fund"
            pre = pre.split(" ", 1)[1]
        if _refused(ctx, pre.split(" ")[0], start):
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
    for m in _STIFTELSEN.finditer(ctx.text):
        out.append(org(ek, m.group(), m.start(), m.end(), "foundation", "actors.foundation"))
    return out


def _agencies(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    for m in _AGENCY.finditer(ctx.text):
        word = m["w"]
        if ek.lookup_name(word, "actor") is None and _refused(ctx, word, m.start()):
            continue
        kind = "foundation" if word.endswith("stiftelsen") else "agency"
        out.append(org(ek, word, m.start(), m.end(), kind, "actors.agency"))
    for m in _MYNDIGHETEN_FOR.finditer(ctx.text):
        words = m["x"].split(" ")
        while words and (words[-1] in _FUNCTION or not words[-1].strip(",")):
            words.pop()
        if not words:
            continue
        label = "Myndigheten för " + " ".join(words).rstrip(",")
        out.append(org(ek, label, m.start(), m.start() + len(label), "agency", "actors.agency"))
    return out


def _bodies(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    text = ctx.text
    for m in _BODY.finditer(text):
        head = m["h"]
        if _GENERIC_ORGANS.match(head) and not m["c"] and not m["x"]:
            continue
        initial = ctx.is_initial(m.start())
        if initial and is_common_word(head) and not m["c"] and not m["x"]:
            continue
        end = m.end("h")
        if m["c"]:
            end = m.start("c") + len(_trim_complement(m["c"]))
        x = m["x"].strip() if m["x"] and not m["c"] else None
        if x and (ek.lookup_name(x, "region") or not is_common_word(x.split(" ")[0])):
            end = m.end("x")
        elif _GENERIC_ORGANS.match(head) and not m["c"]:
            continue
        cand = org(ek, text[m.start():end], m.start(), end, org_kind(head) or "organisation", "actors.body")
        out.append(cand)
        if x and end == m.end("x"):
            place = derived_place(ek, x, m.start("x") + 1, m.end("x"), cand)
            out += [place] if place else []
    for m in _ORGAN.finditer(text):
        if m["w"]:
            if ctx.is_initial(m.start()) or _GENERIC_ORGANS.match(m["w"]):
                continue
            out.append(org(ek, m["w"], m.start(), m.end(), org_kind(m["w"]) or "political_body", "actors.body"))
            continue
        if not m["p"] and (m["h"][0].islower() or ctx.is_initial(m.start())):
            continue  # "hälso- och sjukvårdsnämnden" in lower case is any region's committee
        kind = org_kind(m["h"]) or "political_body"
        cand = org(ek, m.group(), m.start(), m.end(), kind, "actors.body")
        out.append(cand)
        if m["p"]:
            name = m["p"].strip()
            place = derived_place(ek, genitive_base(name) or name, m.start(), m.start() + len(name), cand)
            out += [place] if place else []
    for m in _APPOSITION.finditer(text):
        x = m["x"]
        if ek.lookup_name(x) is not None or x in ek.first_names or (is_common_word(x) and ctx.is_initial(m.start())):
            continue
        out.append(org(ek, x, m.start(), m.end("x"), org_kind(m["d"]) or "organisation", "actors.apposition"))
    for m in _COMPANY.finditer(text):
        first = m["x"].split(" ")[0]
        if _refused(ctx, first, m.start(), ek) and " " not in m["x"]:
            continue
        out.append(org(ek, m.group(), m.start(), m.end(), "company", "actors.company"))
    for m in _ADJ_BODY.finditer(text):
        if m["a"].lower() in ("den", "denna", "vilka", "andra", "alla", "flera", "många", "olika", "sina", "våra"):
            continue
        out.append(org(ek, m.group(), m.start(), m.end(), org_kind(m["h"]) or "organisation", "actors.body"))
    for m in _CENTRE.finditer(text):
        if _refused(ctx, m["a"].split(" ")[0], m.start(), ek) or m["a"].split(" ")[0] in ("Ett", "Vårt", "Det"):
            continue
        if m["a"].endswith("s"):
            continue  # "Region Jönköpings läns centrum för utveckling" describes, it does not name
        end = m.start("c") + len(_trim_complement(m["c"])) if m["c"] else m.end("h")
        out.append(org(ek, text[m.start():end], m.start(), end, "organisation", "actors.body"))
    return out


def _agents(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    for m in _AGENT.finditer(ctx.text):
        for group in ("x", "y"):
            name = m[group]
            if not name:
                continue
            first = name.split(" ")[0]
            after = re.match(r" ([a-zåäö]+)", ctx.text[m.end(group):m.end(group) + 30])
            if (ek.lookup_name(name) is not None or ek.lookup_name(first) is not None or len(first) < 4
                    or is_common_word(first) or first in ek.first_names or (after and after[1] not in _AFTER_NAME)):
                continue  # not a name, a known one, or the start of a longer one ("av Länsgemensam ledning")
            out.append(org(ek, name, m.start(group), m.end(group), "organisation", "actors.agent", ))
    return out


def _trim_complement(c: str) -> str:
    """ " för vård och omsorg och tagits" -> " för vård och omsorg": stop at a verb-like word."""
    words = c.split(" ")
    keep = []
    for w in words:
        core = w.strip(",")
        if keep and (core in _VERBISH or (core.endswith(("ts", "as", "ade", "ar")) and len(core) > 4 and core != "samverkan")):
            break
        keep.append(w)
    while keep and keep[-1].strip(",") in _FUNCTION | {"och"}:
        keep.pop()
    return " ".join(keep).rstrip(",")


_VERBISH = frozenset("är var har hade ska kan som blir finns där vilket vilka men när eftersom dit".split())


def org_kind(phrase: str) -> str | None:
    """The kind of organisation a phrase's head word names ("kommun- och regionledningsforum" -> political_body)."""
    words = [w.lower().strip(".,") for w in phrase.strip().split(" ")]
    heads = [words[-1]] + ([words[words.index("för") - 1]] if "för" in words[1:] else []) + words[:-1]
    for word in heads:
        found = [(len(h), kind) for kind, names in _ORG_HEADS.items() for h in names if word.endswith(h)]
        if found:
            kind = max(found)[1]  # the longest head: "nätverket" (organisation) over "verket" (agency)
            return "political_body" if kind == "political_body_extra" else kind
    return None


def abbreviates(abbr: str, phrase: str) -> bool:
    """True when ``abbr`` can be read out of ``phrase``: same first letter, its letters in order."""
    letters = re.sub(r"[^\w]", "", phrase).lower()
    a = abbr.lower()
    if not letters or letters[0] != a[0]:
        return False
    pos = 0
    for ch in a:
        pos = letters.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _defined_bodies(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    text = ctx.text
    defined: set[str] = set()
    for m in _DEFINED_AFTER.finditer(text):
        long = m["long"].strip()
        kind = org_kind(long)
        if (kind or ek.lookup_name(long, "actor")) and abbreviates(m["a"], long):
            cand = org(ek, long, m.start(), m.end(), kind or "organisation", "actors.defined",
                       labels=(m["a"],), strong=True)
            out += [cand] + (repeats(text, m["a"], cand) if m["a"] not in defined else [])
            defined.add(m["a"])
    for m in _DEFINED_BEFORE.finditer(text):
        before = text[max(0, m.start() - 120):m.start()].rstrip()
        words = before.split(" ")
        for k in range(1, min(7, len(words)) + 1):
            phrase = " ".join(words[-k:])
            if abbreviates(m["a"], phrase) and words[-k][:1].lower() == m["a"][0].lower():
                kind = org_kind(phrase)
                if kind or ek.lookup_name(phrase, "actor"):
                    start = text.rfind(phrase, 0, m.start())
                    cand = org(ek, phrase, start, m.end(), kind or "organisation", "actors.defined",
                               labels=(m["a"],), strong=True)
                    out += [cand] + (repeats(text, m["a"], cand) if m["a"] not in defined else [])
                    defined.add(m["a"])
                break
    return out


def repeats(text: str, abbr: str, cand: Candidate) -> list[Candidate]:
    """Later (and earlier) uses of an abbreviation defined at ``cand``, as candidates of the same actor."""
    out = []
    base = _fields(cand)
    for rep in re.finditer(rf"(?<![\w-]){re.escape(abbr)}(?::s)?(?![\w-])", text):
        if cand.start <= rep.start() < cand.end:
            continue
        out.append(Candidate(**{**base, "start": rep.start(), "end": rep.end(), "labels": (abbr,),
                                "extractor": "actors.abbreviation", "related": (), "strong": True}))
    return out


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
        out.append(Candidate(**{**_fields(cand), "related": (("memberOf", b.start, b.end, True),)}))
    return out


def _fields(c: Candidate) -> dict:
    return {f: getattr(c, f) for f in Candidate.__slots__}


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
        defined = Candidate(**{**_fields(c), "end": m.end(), "labels": c.labels + (abbr,),
                               "extractor": "actors.abbreviation", "related": ()})
        out += [defined] + repeats(text, abbr, defined)
    return out
