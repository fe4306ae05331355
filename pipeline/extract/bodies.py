"""Bodies named by their head word, by a definition or by their role in a sentence.

* committees, networks, councils and centres: "Chefsnätverket för vård och omsorg", "Kommunförbundet
  Skåne", "Hälso- och sjukvårdsnämnden", "Nationella vårdkompetensrådet", "Glesbygdsmedicinskt
  centrum", companies "Tiohundra AB";
* bodies defined with an abbreviation: "KRF (kommun- och regionledningsforum)", "… forum (KRF)", and
  every later use of the abbreviation;
* indefinite bodies named with adjectives inside a sentence: "Regional samverkansgrupp vård och omsorg",
  "Regionalt politiskt samverkansforum", "Länsgemensam ledning i samverkan"; national and regional
  centres, "Svenskt demenscentrum" (not a room, "Kliniskt träningscentrum");
* county associations "Norrbottens Kommuner", area bodies "Vårdsamverkan Skaraborg", and the committees
  of a known organisation: "SKR:s sjukvårdsdelegation", "Region Norrbottens patientnämnd";
* a name explained by an apposition: "Qulturum, Region Jönköpings läns centrum för utveckling, …";
* the agent or partner of a verb: "tagits fram av Västkom", "i samarbete med Famna", also named for its
  field and area ("tillsammans med Kommunal utveckling i Kronoberg").

Generic organs of every municipality or region ("Kommunstyrelsen", "Socialnämnden", "Rådet") are not
names; nor is a head word at a sentence start without a complement or a place. Units, partners and
abbreviations, found once the organisations are known, are in :mod:`.affiliations`.
"""

from __future__ import annotations

import re

from .actors import FUNCTION_WORDS, org, refused
from .gazetteer import EntityKnowledge
from .places import derived_place, unknown_ok
from .spans import ABBR, NAME, NAMES, Candidate, TextContext, genitive_base, is_common_word, occurrences


def find(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    """Bodies by head word, definitions, appositions and agents (see module docstring)."""
    return _by_head(ctx, ek) + _defined_bodies(ctx, ek) + _agents(ctx, ek)


# "för vård och omsorg": the complement of a body's head word.
_COMPLEMENT = r"(?P<c> för [a-zåäö][\w-]*(?:,? (?:och )?[a-zåäö][\w-]*){0,5})?"
# Bodies named by a head word, with a complement ("Chefsnätverket för vård och omsorg") or a place
# ("Kommunförbundet Skåne"), and centres ("Glesbygdsmedicinskt centrum").
_BODY = re.compile(r"\b(?P<h>[A-ZÅÄÖ][a-zåäö-]*(?:nätverket|rådet|forumet|förbundet|föreningen|kommittén|delegationen|"
                   r"beredningen|institutet|akademien|kansliet|centret|centrum|samverkansrådet|styrgruppen|ledningsgruppen|"
                   r"arbetsgruppen|referensgruppen))"
                   + _COMPLEMENT + "(?P<x> " + NAMES + ")?")
_CENTRE = re.compile(r"\b(?P<a>[A-ZÅÄÖ][a-zåäö]+(?: [a-zåäö]+)?) (?P<h>[a-zåäö]*(?:centrum|center))"
                     + _COMPLEMENT + r"\b")
_COMPANY = re.compile(rf"\b(?P<x>{NAME}(?: {NAME}){{0,2}}) (?P<h>AB|Aktiebolag|HB|ek\. för\.)(?![\w.])")
_ADJ_BODY = re.compile(r"\b(?P<a>[A-ZÅÄÖ][a-zåäö]+a) (?P<h>[a-zåäö-]*(?:rådet|nätverket|forumet|förbundet|kommittén|"
                       r"delegationen|beredningen|nämnden|ledningen|kansliet|sekretariatet|fonden))\b")
# An indefinite body named with adjectives, capitalised inside a sentence: "inom Regional samverkansgrupp vård
# och omsorg", "av Regionalt politiskt samverkansforum"; the name may end in a two-noun field of work.
_ADJ_BODY_INDEF = re.compile(r"(?<=[a-zåäö,] )(?P<a>[A-ZÅÄÖ][a-zåäö]+(?:al|alt|isk|iskt|ig|igt|ell|ellt|sam|samt))"
                             r"(?: [a-zåäö]+(?:a|al|alt|isk|iskt|ig|igt|ell|ellt|sam|samt))? (?P<h>[a-zåäö-]*(?:råd|grupp|"
                             r"forum|nätverk|förbund|kommitté|delegation|beredning|nämnd|ledning|kansli|sekretariat|fond))"
                             r"(?P<c> [a-zåäö]+ och [a-zåäö]+(?=[.,;:!?)]|\s*$)| i samverkan)?\b")
# "<County>s Kommuner": the association of a county's municipalities ("Norrbottens Kommuner").
_COUNTY_ASSOCIATION = re.compile(rf"\b(?P<p>{NAME})s (?:Kommuner|Kommunförbund)\b")
# "Vårdsamverkan Skaraborg": a cooperation body named after its area.
_AREA_BODY = re.compile(rf"\b(?P<h>[A-ZÅÄÖ][a-zåäö]*samverkan) (?P<x>{NAME}(?: {NAME})?)")
# "SKR:s sjukvårdsdelegation", "Socialstyrelsens nämnd": a named organisation's own committee.
_OWN_ORGAN = re.compile(r"\b(?P<o>[A-ZÅÄÖ][\wÅÄÖåäö-]*?(?::s|s)) (?P<h>[a-zåäö-]*(?:delegation|delegationen|nämnd|nämnden|"
                        r"beredning|beredningen|styrelse|styrelsen|utskott|utskottet|kommitté|kommittén|råd|rådet))\b")
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
    "organisation": ("organisation", "organisationen", "sjukvårdsområde", "sjukvårdsområdet", "institut", "institutet",
                     "akademi", "akademien", "nätverk",
                     "nätverket", "kansli", "kansliet", "sekretariat", "sekretariatet", "förvaltning",
                     "förvaltningen", "bolag", "bolaget", "network", "institute"),
}
# An organisation as the agent of a verb or a partner: "tagits fram av Västkom", "i samarbete med Famna".
_AGENT = re.compile(rf"\b(?:(?:beställ(?:ts|des|d)|tagits fram|tagit fram|togs fram|publicera(?:ts|d|des)|utgiven|"
                    rf"finansiera(?:s|ts|d|des)|drivs|drevs|leds|leddes|ägs|genomför(?:s|ts|des)|utför(?:s|ts|des)|beslutats|"
                    rf"antagits|godkänts|fastställts) (?:\w+ ){{0,2}}?av"
                    rf"|(?:tillsammans|samarbete|samverkan|samarbetat|samverkat|samarbetar|samverkar) med"
                    rf"|(?P<kind>organisationen|företaget|bolaget|föreningen|nätverket|stiftelsen|myndigheten))"
                    rf" (?P<x>{NAME}(?: {NAME}){{0,2}})(?: och (?P<y>{NAME}))?")
# Anchors for TextContext.near: a literal every match of the pattern contains near its start.
_ADJ_BODY_INDEF_AT = re.compile(r"(?:råd|grupp|forum|nätverk|förbund|kommitté|delegation|beredning|nämnd|ledning|kansli|"
                                r"sekretariat|fond)\b")
_COUNTY_ASSOCIATION_AT = re.compile(r"s (?:Kommuner|Kommunförbund)\b")
_AREA_BODY_AT = re.compile(r"samverkan [A-ZÅÄÖ]")
_OWN_ORGAN_AT = re.compile(r"(?:delegation|nämnd|beredning|styrelse|utskott|kommitté|råd)")
_BODY_AT = re.compile(r"nätverket|rådet|forumet|förbundet|föreningen|kommittén|delegationen|beredningen|institutet|"
                      r"akademien|kansliet|centret|centrum|gruppen")
_ORGAN_AT = re.compile(r"nämnd|styrelsen|förvaltningen|utskottet|förening|förbund|rådet|fullmäktige")
_APPOSITION_AT = re.compile(NAME + ", ")
_COMPANY_AT = re.compile(r" (?:AB|Aktiebolag|HB|ek\. för\.)")
_ADJ_BODY_AT = re.compile(r"rådet|nätverket|forumet|förbundet|kommittén|delegationen|beredningen|nämnden|ledningen|"
                          r"kansliet|sekretariatet|fonden")
_CENTRE_AT = re.compile(r"centrum|center")
# "… av X", "… med X", "organisationen X": the word before the capitalised name (the verb is up to three words back).
_AGENT_AT = re.compile(r"(?: av| med|organisationen|företaget|bolaget|föreningen|nätverket|stiftelsen|myndigheten) [A-ZÅÄÖ]")
_DEFINED_AFTER_AT = re.compile(r" \(")
# An organisation named for its field and its area: "Kommunal utveckling i Kronoberg".
_FIELD_IN_PLACE = re.compile(rf"[A-ZÅÄÖ][a-zåäö]+ [a-zåäö]+ (?:i|inom) (?P<p>{NAME}(?: län)?)\b")
# Adjectives of scope that make a compound "…centrum" a body.
_SCOPE = frozenset("""svensk svenskt svenska nationell nationellt nationella regional regionalt regionala nordisk nordiskt
nordiska europeisk europeiskt europeiska internationell internationellt internationella""".split())
_AFTER_NAME = frozenset("och i samt som under för med till på vid inom men eller år har är kring om".split())


def _by_head(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    text = ctx.text
    for m in ctx.near(_BODY, _BODY_AT, 60):
        head = m["h"]
        if _GENERIC_ORGANS.match(head) and not m["c"] and not m["x"]:
            continue
        initial = ctx.is_initial(m.start())
        if initial and is_common_word(head) and not m["c"] and not m["x"]:
            continue
        if head.endswith(("centrum", "centret")) and not m["c"] and not m["x"] and ek.lookup_name(head) is None:
            continue  # "från Resecentrum": a building or a square, unless a field or a place names the centre
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
    for m in ctx.near(_ORGAN, _ORGAN_AT, 200):
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
    for m in ctx.near(_APPOSITION, _APPOSITION_AT, 0):
        x = m["x"]
        if ek.lookup_name(x) is not None or x in ek.first_names or (is_common_word(x) and ctx.is_initial(m.start())):
            continue
        out.append(org(ek, x, m.start(), m.end("x"), org_kind(m["d"]) or "organisation", "actors.apposition"))
    for m in ctx.near(_COMPANY, _COMPANY_AT, 150):
        first = m["x"].split(" ")[0]
        if refused(ctx, first, m.start(), ek) and " " not in m["x"]:
            continue
        out.append(org(ek, m.group(), m.start(), m.end(), "company", "actors.company"))
    for m in ctx.near(_ADJ_BODY, _ADJ_BODY_AT, 60):
        if m["a"].lower() in ("den", "denna", "vilka", "andra", "alla", "flera", "många", "olika", "sina", "våra"):
            continue
        out.append(org(ek, m.group(), m.start(), m.end(), org_kind(m["h"]) or "organisation", "actors.body"))
    out += _named_bodies(ctx, ek)
    for m in ctx.near(_CENTRE, _CENTRE_AT, 60):
        if refused(ctx, m["a"].split(" ")[0], m.start(), ek) or m["a"].split(" ")[0] in ("Ett", "Vårt", "Det"):
            continue
        if m["a"].endswith("s") or ek.lookup_name(m["a"].split(" ")[0], "region") is not None:
            continue  # "Region Jönköpings läns centrum för utveckling" describes, "Kiruna centrum" is a town's centre
        if m["h"] not in ("centrum", "center") and m["a"].split(" ")[0].lower() not in _SCOPE:
            continue  # "Kliniskt träningscentrum" is a room; "Svenskt demenscentrum", "Regionalt cancercentrum" are bodies
        end = m.start("c") + len(_trim_complement(m["c"])) if m["c"] else m.end("h")
        out.append(org(ek, text[m.start():end], m.start(), end, "organisation", "actors.body"))
    return out


def _named_bodies(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    """Indefinite bodies with adjectives, county associations, area bodies and organisations' own organs."""
    out = []
    text = ctx.text
    for m in ctx.near(_ADJ_BODY_INDEF, _ADJ_BODY_INDEF_AT, 60):
        field = m["c"] and _trim_complement(m["c"]).strip() == m["c"].strip()  # no verb in "vård och omsorg"
        end = m.end("c") if field else m.end("h")
        out.append(org(ek, text[m.start():end], m.start(), end, org_kind(m["h"]) or "organisation", "actors.body"))
    for m in ctx.near(_COUNTY_ASSOCIATION, _COUNTY_ASSOCIATION_AT, 40):
        place = ek.lookup_name(m["p"], "region")
        if place is not None and place.kind == "county":
            cand = org(ek, m.group(), m.start(), m.end(), "association", "actors.body")
            derived = derived_place(ek, m["p"], m.start(), m.end("p"), cand)
            out += [cand] + ([derived] if derived else [])
    for m in ctx.near(_AREA_BODY, _AREA_BODY_AT, 40):
        x = m["x"] if ek.lookup_name(m["x"], "region") else m["x"].split(" ")[0]
        if ek.lookup_name(x, "region") is None and not unknown_ok(ek, x):
            continue
        end = m.start("x") + len(x)
        cand = org(ek, text[m.start():end], m.start(), end, "organisation", "actors.body")
        derived = derived_place(ek, x, m.start("x"), end, cand, allow_unknown=True)
        out += [cand] + ([derived] if derived else [])
    for m in ctx.near(_OWN_ORGAN, _OWN_ORGAN_AT, 60):
        start = _owner_start(ctx.text, ek, m.start("o"), m.end("o"))
        if start is None or _GENERIC_ORGANS.match(m["h"]):
            continue
        out.append(org(ek, text[start:m.end()], start, m.end(), org_kind(m["h"]) or "political_body", "actors.body"))
    return out


def _owner_start(text: str, ek: EntityKnowledge, start: int, end: int) -> int | None:
    """Where the name of a known organisation in the genitive ends at ``end`` ("SKR:s", "Region Norrbottens")."""
    for words in (2, 1, 0):
        head = text[max(0, start - 60):start]
        found = re.search(rf"(?:[A-ZÅÄÖ][\w-]* ){{{words}}}$", head) if words else None
        begin = start - len(found.group()) if found else start
        if words and not found:
            continue
        known = ek.lookup_name(text[begin:end], "actor")
        if known is not None and known.kind != "person":
            return begin
    return None


def _agents(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    for m in ctx.near(_AGENT, _AGENT_AT, 80):
        for group in ("x", "y"):
            name = m[group]
            if not name:
                continue
            first = name.split(" ")[0]
            field = _FIELD_IN_PLACE.match(ctx.text, m.start(group))
            if field and is_common_word(first) and ek.lookup_name(field["p"], "region") is not None:
                out.append(org(ek, field.group(), field.start(), field.end(), "organisation", "actors.agent"))
                continue  # "tillsammans med Kommunal utveckling i Kronoberg"
            after = re.match(r" ([a-zåäö]+)", ctx.text[m.end(group):m.end(group) + 30])
            if (ek.lookup_name(name) is not None or ek.lookup_name(first) is not None or len(first) < 4
                    or (is_common_word(first) and not m["kind"]) or first in ek.first_names
                    or (after and after[1] not in _AFTER_NAME)):
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
    while keep and keep[-1].strip(",") in FUNCTION_WORDS | {"och"}:
        keep.pop()
    return " ".join(keep).rstrip(",")


_VERBISH = frozenset("är var har hade ska kan som blir finns där vilket vilka men när eftersom dit sedan också även nu redan "
                     "numera idag bland".split())


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
    for m in ctx.near(_DEFINED_AFTER, _DEFINED_AFTER_AT, 16):
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
    base = fields(cand)
    for start, end in occurrences(text, abbr, suffix=":s"):
        if cand.start <= start < cand.end:
            continue
        out.append(Candidate(**{**base, "start": start, "end": end, "labels": (abbr,),
                                "extractor": "actors.abbreviation", "related": (), "strong": True}))
    return out


def fields(c: Candidate) -> dict:
    """The fields of a candidate, to build a changed copy of it."""
    return {f: getattr(c, f) for f in Candidate.__slots__}
