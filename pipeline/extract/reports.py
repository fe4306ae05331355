"""Reports: official numbers, titles after cue words, målbilder, agreements and linked documents.

* numbers: "SOU 2020:19", "Ds 2019:7", "prop. 2019/20:164", "Dir. 2017:24", and an agency's numbered
  reports, "Vårdanalys rapport 2021:2", "Rapport 2023:4" (joined to a title right before or after it);
* a title after a cue at the start of a line: "Delbetänkande …", "Slutbetänkande …", "Publikation: …",
  "Rapport: …", "Målbild …";
* a quoted title after a cue in running text: Statens utredning "X", målbilden ”X”, rapporten "X";
* an unquoted capitalised title after a definite cue: "utredningen Effektiv vård", "I skriften Nära
  vård i Ängelholm kan du läsa" (the title ends where a heading or link text of the page ends, or
  at a verb: :func:`.titles.title_extent`);
* agreements: "Överenskommelse om (en) X", "överenskommelse avseende X";
* a plan, målbild or agreement capitalised inside a sentence: "antog Handlingsplan för omställning till
  nära vård 2024–2026", "beslutat om Regional utvecklingsplan för …", "antagit Äldreplan 2024–2030",
  "tecknat Länsöverenskommelse om …" (the capital is the evidence; parties after "mellan" are cut);
* a report announced without a title ("i en särskild webbrapport") whose title is the link after it;
* links to documents (``Link.is_document``), and lines that name a document by its file type in a text
  without link markup ("Primary care in Uppsala County (PDF)");
* the document itself: a PDF whose title names a report, or a page whose first heading does and that
  calls itself so ("Denna handlingsplan …");
* references in a list of sources: "Socialstyrelsen (2022). Nationella riktlinjer för …".

Titles resolve to the known reports of ``reports.ttl`` (or are minted), and numbers join the titles
before them, in :mod:`.report_candidates`.
"""

from __future__ import annotations

import re

from .gazetteer import EntityKnowledge, notation_key
from .report_candidates import attach_numbers, kind_of, report
from .spans import Candidate, TextContext, is_common_word, norm_space, smart_case
from .titles import KnownStrings, clean_title, title_extent

_NUMBER = re.compile(r"\b(?:(?P<t>SOU|Ds)\s?(?P<y>(?:19|20)\d\d):(?P<n>\d{1,3})"
                     r"|[Pp]rop(?:\.|osition(?:en)?)?\s?(?P<py>(?:19|20)\d\d/\d\d):(?P<pn>\d{1,3})"
                     r"|(?P<dt>Dir|Skr)\.\s?(?P<dy>(?:19|20)\d\d(?:/\d\d)?):(?P<dn>\d{1,3}))\b")
_BLOCK_CUE = re.compile(r"^(?P<cue>Delbetänkande|Slutbetänkande|Betänkande|Publikation|Rapport|Delrapport|Slutrapport|"
                        r"Webbrapport|Skrift|Broschyr|Målbild(?:en)?|Handlingsplan|Färdplan|Strategi|Program)"
                        r"(?:\s*:\s*|\s+)(?P<t>\S.*)$", re.I)
# What a link to a document ends with: its site or its file type ("(regeringen.se)", "(PDF, 2 MB)").
_LINK_TAG = re.compile(r"\((?:(?:[\w-]+\.)+[a-z]{2,6}|(?:pdf|powerpoint|word|excel|docx?|pptx?|xlsx?)(?:[,;][^)]*)?)\)", re.I)
# An agency's numbered report: "Vårdanalys rapport 2021:2", "Rapport 2023:4", "Socialstyrelsens rapport nr 2022:3".
_AGENCY_REPORT = re.compile(r"\b(?:(?P<org>[A-ZÅÄÖ][\w-]+(?::s)?) )?(?P<cue>[Rr]apport(?:en)?|PM) (?:nr\.? )?"
                            r"(?P<y>(?:19|20)\d\d):(?P<n>\d{1,3})\b")
_NAMED_PLAN = ("målbild", "handlingsplan", "färdplan", "strategi", "program")
# A capitalised plan word inside a sentence before a capitalised name or a complement: "följer upp Målbild
# Norrbotten 2030 som", "antog Handlingsplan för omställning till nära vård", "beslutat om Regional
# utvecklingsplan för nära vård", "tecknat Länsöverenskommelse om nära vård i Västmanland". The capital
# inside the sentence is the evidence of a title.
_PLAN_IN_TEXT = re.compile(r"(?<=[a-zåäö,] )(?P<cue>(?:[A-ZÅÄÖ][a-zåäö]+ )?(?:[A-ZÅÄÖa-zåäö][a-zåäö]*)?(?:[Mm]ålbild|"
                           r"[Pp]lan|[Ss]trategi|[Pp]rogram|[Öö]verenskommelse))(?: (?P<t>[A-ZÅÄÖ])| (?P<c>för|om|inom|mot|kring) |"
                           r" (?P<y>(?:19|20)\d\d(?:[-–]\d{2,4})?)\b)")
_CUE_ALONE = re.compile(r"^(?:Målbild|Handlingsplan|Färdplan|Strategi|Rapport|Delrapport|Slutrapport)"
                        r"(?: (?:nr\.? )?(?:19|20)\d\d:\d{1,3})?$", re.I)
# A line that names a document by its file type: "Nära vård – uppföljning av omställningen 2023 (pdf, 1,8 MB)".
_DOCUMENT_LINE = re.compile(r"^(?:[^:\n]{1,40}:\s+)?(?P<t>[^:\n]{6,150}?)\s*\((?:pdf|PDF|Pdf)(?:[,;][^)\n]{0,30})?\)\s*$")
_CUES = (r"utredning(?:en)?|(?:del|slut)?betänkande(?:t)?|rapport(?:en)?|webbrapport(?:en)?|skrift(?:en)?|"
         r"publikation(?:en)?|broschyr(?:en)?|handbok(?:en)?|vägledning(?:en)?|målbild(?:en)?|strategi(?:n)?|"
         r"handlingsplan(?:en)?|färdplan(?:en)?|plan(?:en)?|program(?:met)?|överenskommelse(?:n)?|antologi(?:n)?")
_QUOTED = re.compile(rf"\b(?i:(?P<cue>{_CUES}))[ \t]+(?:med titeln[ \t]+|som heter[ \t]+|kallad[ \t]+)?"
                     r"[”\"«„](?P<t>[^”\"»“\n]{3,150})[”\"»“]")
_UNQUOTED = re.compile(r"\b(?i:(?P<cue>utredningen|betänkandet|delbetänkandet|slutbetänkandet|rapporten|skriften|"
                       r"publikationen|webbrapporten|broschyren|handboken|vägledningen|antologin|strategin|"
                       r"handlingsplanen|färdplanen))[ \t]+(?P<t>[A-ZÅÄÖ])")
_AGREEMENT = re.compile(r"\b(?P<cue>[Öö]verenskommelse(?:n|r|rna)?)[ \t]+(?:mellan [^.|\n]{3,80}? )?(?:om|avseende|kring)"
                        r"[ \t]+(?:en |ett )?(?P<t>[A-ZÅÄÖ])")
_ANNOUNCED = re.compile(r"\b(?:en|ett)\s+(?:\w+\s+)?(?P<cue>webbrapport|rapport|skrift|publikation|broschyr)\b")
_DOC_TITLE = re.compile(r"^(?:Målbild|Rapport|Handlingsplan|Plan|Strategi|Färdplan|Överenskommelse|Delbetänkande|"
                        r"Slutbetänkande|Vägledning|Handbok)\b", re.I)
# A reference in a list of sources: "Socialstyrelsen (2022). Nationella riktlinjer för vård vid demenssjukdom."
_REFERENCE = re.compile(r"^(?P<a>[A-ZÅÄÖ][^()\n]{1,80}?) \((?P<y>(?:19|20)\d\d)\)\.? (?P<t>[A-ZÅÄÖ][^.\n]{3,150}?)\.(?:\s|$)")
_GENERIC = frozenset("""läs ladda här klicka öppna se blankett ansökan anmälan taxa taxor avgift avgifter karta meny
protokoll kallelse föredragningslista tillgänglighetsredogörelse personuppgifter kakor cookies""".split())
# Anchors for TextContext.near: a literal every match of the pattern contains near its start.
_NUMBER_AT = re.compile(r"SOU|Ds|[Pp]rop|Dir\.|Skr\.")
_PLAN_IN_TEXT_AT = re.compile(r"(?:målbild|plan|strategi|program|överenskommelse) ")  # in the lower-cased text
_AGENCY_REPORT_AT = re.compile(r"[Rr]apport|PM ")
# Capitalised words that begin a sentence-like phrase rather than a title ("Den nya planen för …").
_NOT_TITLE_WORDS = frozenset("den det denna detta en ett vår vårt våra deras dess hans hennes ny nya".split())
_QUOTED_AT = re.compile(r"[”\"«„]")
_UNQUOTED_AT = re.compile(r"utredningen|betänkandet|rapporten|skriften|publikationen|broschyren|handboken|"
                          r"vägledningen|antologin|strategin|handlingsplanen|färdplanen")  # in the lower-cased text
_AGREEMENT_AT = re.compile(r"[Öö]verenskommelse")
_ANNOUNCED_AT = re.compile(r"rapport|skrift|publikation|broschyr")


def find(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    """Report candidates of every pattern (see module docstring), numbers joined to adjacent titles."""
    out = _numbers(ctx, ek) + _agency_reports(ctx, ek) + _block_titles(ctx, ek) + _quoted(ctx, ek)
    out += _document_links(ctx, ek) + _document_lines(ctx, ek) + _own_title(ctx, ek) + _references(ctx, ek)
    known = _known_titles(ctx, ek, out)
    out += _unquoted(ctx, ek, known) + _agreements(ctx, ek, known)
    out += _announced(ctx, ek, out)
    return attach_numbers(ctx, out)


def _numbers(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    for m in ctx.near(_NUMBER, _NUMBER_AT, 0):
        if m["t"]:
            label, kind = f"{m['t']} {m['y']}:{m['n']}", m["t"].lower()
        elif m["py"]:
            label, kind = f"Prop. {m['py']}:{m['pn']}", "proposition"
        else:
            label, kind = f"{m['dt']}. {m['dy']}:{m['dn']}", "report"
        iri = ek.notations.get(notation_key(label))
        if iri:
            e = ek.entries[iri]
            out.append(Candidate("report", e.pref_label, m.start(), m.end(), "reports.number", kind=e.kind, iri=iri,
                                 labels=(label,), notation=label, strong=True))
        else:
            out.append(Candidate("report", label, m.start(), m.end(), "reports.number", kind=kind, key=label,
                                 notation=label, strong=True))
    return out


def _block_titles(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    for (bs, _be, _kind), raw in zip(ctx.blocks, ctx.block_texts, strict=True):
        line = raw.split("\n", 1)[0]
        if line.isupper():
            line = smart_case(line, ek.place_names)
        m = _BLOCK_CUE.match(line)
        tag = _LINK_TAG.search(line, m.start("t")) if m else None
        if tag and line[tag.end():].strip():  # the title ends at its link's site or file tag; other text follows
            line = line[:tag.end()]
            m = _BLOCK_CUE.match(line)
        if m and re.match(r"(?:från|om|över) .*[A-ZÅÄÖ]", m["t"]) and "rapport" in m["cue"].lower() \
                and len(line.split()) <= 14 and not line.endswith("."):
            out.append(report(ek, line, bs, bs + len(line), "report", "reports.cue"))  # "Rapport från projektet X"
            continue
        if not m or m["t"][:1].islower() and not m["cue"].lower().startswith("målbild"):
            continue
        title = re.split(r"(?<=[a-zåäö0-9)])[.!?](?:\s|$)", m["t"])[0]
        if not re.search(r"[^\W\d_]", title):
            title = line  # "Rapport 2023:5": the number is the title
        if m["cue"].lower().startswith(_NAMED_PLAN):
            if line.rstrip().endswith((":", ".")) or len(line.split()) > 12 or _starts_with_verb(m["t"]):
                continue
            if not m["cue"].lower().startswith("målbild") and not m["t"][:1].isupper():
                continue  # "Strategi för god och nära vård": a heading, not a title
            title = line
        cand = report(ek, title, bs, bs + len(line), kind_of(m["cue"]), "reports.cue")
        out.append(cand)
    return out + _cue_then_title(ctx, ek) + _plans_in_text(ctx, ek)


def _cue_then_title(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    """A cover with the kind of document on one line and its title on the next ("Handlingsplan" / "Nära vård …")."""
    out = []
    blocks = list(zip(ctx.blocks, ctx.block_texts, strict=True))
    for ((_s, _e, _k), cue), ((ns, ne, _nk), nxt) in zip(blocks, blocks[1:], strict=False):
        cue = smart_case(cue.strip(), ek.place_names)
        nxt_line = smart_case(nxt.strip(), ek.place_names)
        if (_CUE_ALONE.match(cue) and nxt_line[:1].isupper() and len(nxt_line.split()) <= 14
                and not nxt_line.endswith((".", ":", "!", "?"))):
            numbered = any(ch.isdigit() for ch in cue)  # "Rapport 2023:4" / title: the number is a label
            out.append(report(ek, f"{cue} {nxt_line}", ns, ne, kind_of(cue), "reports.cue",
                              labels=(clean_title(nxt_line),) + ((cue,) if numbered else ())))
    return out


def _agency_reports(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    """Numbered reports of an agency: "Vårdanalys rapport 2021:2" (the agency when it is a known actor or a name)."""
    out = []
    for m in ctx.near(_AGENCY_REPORT, _AGENCY_REPORT_AT, 40):
        number = f"{m['y']}:{m['n']}"
        org = m["org"]
        if org and (ek.lookup_name(org, "actor") is not None or (not ctx.is_initial(m.start()) and not is_common_word(org))):
            start, label = m.start(), f"{org.removesuffix(':s')} rapport {number}"
        else:
            start, label = m.start("cue"), f"Rapport {number}"
        out.append(report(ek, label, start, m.end(), "report", "reports.number"))
    return out


def _document_lines(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    """Short blocks that name a document by its file type, in a text without link markup."""
    out = []
    for (bs, _be, _kind), raw in zip(ctx.blocks, ctx.block_texts, strict=True):
        m = _DOCUMENT_LINE.match(raw) if len(raw) < 220 and "(" in raw else None
        title = _link_title(m["t"]) if m else None
        if title:
            start = bs + m.start("t")
            kind = "malbild" if title.lower().startswith("målbild") else "publication"
            out.append(report(ek, title, start, start + len(m["t"].rstrip()), kind, "reports.line"))
    return out


def _plans_in_text(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    for m in ctx.near(_PLAN_IN_TEXT, _PLAN_IN_TEXT_AT, 40, fold=True):
        cue = m["cue"]
        first = cue.split(" ")[0]
        if not cue[:1].isupper() or (first.endswith("s") and ek.lookup_name(first) is not None):
            continue  # a lower-case plan word, or "Skånes handlingsplan": whose plan, not its title
        if " " in cue and is_common_word(first) and first.lower() in _NOT_TITLE_WORDS:
            continue
        if m["y"]:  # "antagit Äldreplan 2024–2030": the plan and its years
            out.append(report(ek, ctx.text[m.start():m.end("y")], m.start(), m.end("y"), kind_of(cue), "reports.cue"))
            continue
        rest = m.start("t") if m["t"] else m.start("c")
        _bs, be = ctx.block_of(m.start())
        end = title_extent(ctx.text, m.start(), be, KnownStrings((), also=ek.report_index))
        parties = ctx.text.find(" mellan ", rest, end)
        end = parties if parties > 0 else end  # "… om nära vård mellan regionen och kommunerna"
        if end > rest:
            kind = "agreement" if "överenskommelse" in cue.lower() else kind_of(cue)
            out.append(report(ek, ctx.text[m.start():end], m.start(), end, kind, "reports.cue"))
    return out


def _starts_with_verb(t: str) -> bool:
    from .titles import _STOP

    first = t.split(" ", 1)[0].lower()
    return first in _STOP or first.endswith(("ar", "er", "ir")) and first not in ("för",)


def _quoted(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    for m in ctx.near(_QUOTED, _QUOTED_AT, 120):
        title = m["t"].strip()
        if ek.lookup_name(title, "actor") or ek.lookup_name(title, "region"):
            continue
        out.append(report(ek, title, m.start("t") - 1, m.end(), kind_of(m["cue"]), "reports.quoted"))
    return out


def _known_titles(ctx: TextContext, ek: EntityKnowledge, found: list[Candidate]) -> KnownStrings:
    """Strings an unquoted title may be: titles found by other patterns, known reports, headings, links."""
    titles = set(ctx.known_strings)
    for c in found:
        raw = clean_title(ctx.text[c.start:c.end])
        titles.update(x for x in (raw, c.label, *c.labels) if len(x) >= 4)
        cue = _BLOCK_CUE.match(raw)
        if cue:
            titles.add(clean_title(cue["t"]))
    return KnownStrings(titles - ek.report_titles, also=ek.report_index)


def _unquoted(ctx: TextContext, ek: EntityKnowledge, known: KnownStrings) -> list[Candidate]:
    out = []
    for m in ctx.near(_UNQUOTED, _UNQUOTED_AT, 20, fold=True):
        start = m.start("t")
        _bs, be = ctx.block_of(start)
        end = title_extent(ctx.text, start, be, known)
        title = ctx.text[start:end]
        if not title or ek.lookup_name(title, "actor") or ek.lookup_name(title, "region"):
            continue
        out.append(report(ek, title, start, end, kind_of(m["cue"]), "reports.cue"))
    return out


def _agreements(ctx: TextContext, ek: EntityKnowledge, known: KnownStrings) -> list[Candidate]:
    out = []
    long_titles = KnownStrings(k for k in known if len(k.split()) >= 3)
    for m in ctx.near(_AGREEMENT, _AGREEMENT_AT, 0):
        _bs, be = ctx.block_of(m.start("t"))
        end = title_extent(ctx.text, m.start("t"), be, long_titles)
        parties = ctx.text.find(" mellan ", m.start("t"), end)
        end = parties if parties > 0 else end  # "… om God och nära vård mellan staten och SKR"
        title = ctx.text[m.start():end]
        label = "Överenskommelse" + title[len(m["cue"]):] if m["cue"][0].islower() else title
        out.append(report(ek, label, m.start(), end, "agreement", "reports.agreement"))
    return out


def _references(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    for (bs, _be, _kind), raw in zip(ctx.blocks, ctx.block_texts, strict=True):
        m = _REFERENCE.match(raw) if " (" in raw[:83] else None  # its year's bracket opens within 83 characters
        if m and len(m["t"].split()) >= 2:
            out.append(report(ek, m["t"], bs + m.start("t"), bs + m.end("t"), "report", "reports.reference"))
    return out


def _link_title(anchor: str) -> str | None:
    title = clean_title(anchor)
    words = title.split()
    if len(words) < 2 or not title[:1].isupper() or words[0].lower() in _GENERIC:
        return None
    if any(w.lower().strip(".,") in _GENERIC for w in words):
        return None
    return title


def _document_links(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    out = []
    for link in ctx.doc.links:
        if not link.is_document or link.start < 0:
            continue
        title = _link_title(link.text)
        if title:
            kind = "malbild" if title.lower().startswith("målbild") else "publication"
            out.append(report(ek, title, link.start, link.end, kind, "reports.link"))
    return out


def _own_title(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    """A document whose title names a report (a målbild, a plan): the document is that report.

    A PDF's title is its metadata; a page's or a text's is its first heading, when the text then calls
    itself by that kind ("Handlingsplan för nära vård 2024–2027" … "Denna handlingsplan beskriver"): a
    page about a strategy is not the strategy.
    """
    title = ctx.doc.metadata.title
    if not title or not _DOC_TITLE.match(title):
        return []
    if "pdf" not in ctx.doc.media_type:
        first = next(((s, e) for s, e, kind in ctx.blocks if kind == "heading"), None)
        if first is None or first[0] != ctx.blocks[0][0] or norm_space(ctx.text[first[0]:first[1]]) != norm_space(title):
            return []
        kind_word = title.split(" ")[0].lower()
        if not re.search(rf"\b(?:[Dd]enna|[Dd]en här|[Dd]etta|[Dd]et här) {re.escape(kind_word)}", ctx.text):
            return []
    words = norm_space(title).split(" ")  # any white space and any dash between the words, any case
    pattern = r"\s+".join(re.escape(w).replace("\\-", "[-\u2010-\u2015\u2212]") for w in words)
    m = re.search(pattern, ctx.text, re.IGNORECASE)
    if m is None:
        return []
    kind = "malbild" if title.lower().startswith("målbild") else kind_of(words[0])
    return [report(ek, title, m.start(), m.end(), kind, "reports.document")]


def _announced(ctx: TextContext, ek: EntityKnowledge, found: list[Candidate]) -> list[Candidate]:
    """ "… i en särskild webbrapport …." followed by the link that is the report's title."""
    out = []
    for m in ctx.near(_ANNOUNCED, _ANNOUNCED_AT, 60):
        s, e = ctx.sentence_of(m.start())
        if any(s <= c.start < e for c in found):
            continue
        bs, be = ctx.block_of(m.start())
        link = next((ln for ln in ctx.doc.links if e <= ln.start < be + 1 and ln.text), None)
        if link is not None:
            anchor, start = link.text, link.start
        else:
            rest = ctx.text[e:be].strip()
            if not rest or len(rest.split()) > 12 or rest[-1] in ".!?":
                continue
            anchor, start = rest, ctx.text.index(rest, e)
        title = _strip_site(anchor, ctx.text[s:e])
        if _link_title(title):
            out.append(report(ek, title, start, start + len(title), kind_of(m["cue"]), "reports.announced"))
    return out


def _strip_site(anchor: str, sentence: str) -> str:
    """ "Omställningen till Nära vård, Vården i siffror" -> "Omställningen till Nära vård" (site named before)."""
    if ", " in anchor:
        head, tail = anchor.rsplit(", ", 1)
        if tail[:1].isupper() and (tail in sentence or len(tail.split()) <= 4):
            return head
    return anchor
