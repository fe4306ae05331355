"""Relations the text states between the concepts of a document, each with its evidence span.

* publishes / commissions: a report and an actor in one sentence with a cue — "har beställts av",
  "på uppdrag av" (commissions); "har tagits fram (med stöd) av", "publicerad av", "utgiven av",
  "X har tagit fram", "X och Y tecknat" (publishes). A sentence without a report of its own ("Den
  har beställts av …") refers to the last report named before it in the same block. A title
  followed by "| Site" is published by that site's actor, a reference "Socialstyrelsen (2022). Title."
  by its author; a PDF that is itself a report is
  published by the document's publisher or author when that actor is mentioned.
* collaboratesWith: two actors in a sentence with "tillsammans med", "i samarbete med",
  "samarbete mellan", "samverkan mellan", "tecknat", "samarbetsfunktion".
* hasGoalArea / hasFocusArea / hasSuccessFactor: a document with one målbild, and the goal concepts
  listed under it, the focus areas and success factors of its section (of the whole document when
  the document is the målbild); targetYear: "målbilden sträcker sig till
  2035", "Hit ska vi 2035!", "Målbild 2030".
* proposes: a report and a principle or shift mentioned in the same section.
* coOccursWith: every pair of concepts mentioned in one sentence, once per sentence (consumers
  count them); subject and object in IRI order; nested mentions ("Halmstad" in "Högskolan i
  Halmstad") do not count.
"""

from __future__ import annotations

import bisect
import heapq
import re
from itertools import combinations

from ..types import Concept, Document, Mention, Relation
from .spans import TextContext

_COMMISSION = re.compile(r"\b(?:beställ(?:ts|des|d|t)|på uppdrag av|i uppdrag av|på uppdrag från|uppdrag från)\b", re.I)
_PASSIVE = re.compile(r"\b(?:tagits fram|togs fram|framtagen|framtagna|publicera(?:d|t|des|ts)|utgiven|utgivna|gavs ut|"
                      r"författad|sammanställd|skriven|skrivits)(?: \w+){0,3}? av\b", re.I)
_ACTIVE = re.compile(r"\b(?:har|hade) (?:\w+ ){0,2}(?:tagit fram|publicerat|gett ut|givit ut|tecknat|ingått|slutit)\b|"
                     r"\b(?:tecknat|ingått|slutit|publicerar|publicerade|tar fram|tog fram|ger ut|gav ut)\b", re.I)
_TOGETHER = re.compile(r"\b(?:tillsammans med|i samarbete med|samarbete mellan|samverkan mellan|i samverkan med|"
                       r"tecknat|ingått|samarbetsfunktion|gemensamt med)\b", re.I)
_TARGET = re.compile(r"(?:sträcker sig (?:fram )?till|fram till|till år|senast|[Hh]it ska vi|[Mm]ålbild(?:en)?|"
                     r"[Mm]ålår(?:et)?|[Vv]ision)\s+(?:år\s+)?(?P<y>20\d\d)\b")
# Words each cue contains (lower case): a sentence without them is not searched.
_GATES = {"commissions": ("beställ", "uppdrag"), "passive": (" av",),
          "active": ("fram", "publicer", " ut", "tecknat", "ingått", "slutit")}
_GOAL_CUE = re.compile(r"målområde|ledord|målbild", re.I)
PROPOSERS = ("sou", "ds", "proposition", "report", "agreement", "plan", "malbild", "publication", None)


def relate(doc: Document, concepts: list[Concept], mentions: list[Mention]) -> list[Relation]:
    """Relations stated in ``doc`` between ``concepts`` (see module docstring)."""
    ctx = TextContext.of(doc)
    by_iri = {c.iri: c for c in concepts}
    ms = _Sorted(sorted((m for m in mentions if m.concept in by_iri), key=lambda m: (m.start, m.end)))
    out: list[Relation] = []
    out += _report_actor(ctx, by_iri, ms)
    out += _site_publisher(ctx, by_iri, ms)
    out += _collaborations(ctx, by_iri, ms)
    out += _malbild(ctx, by_iri, ms)
    out += _proposes(ctx, by_iri, ms)
    out += _cooccurrence(ctx, ms)
    return list(dict.fromkeys(out))


class _Sorted(list):
    """Mentions in text order, with the mentions inside a span found by bisection."""

    def __init__(self, items):
        super().__init__(items)
        self.starts = [m.start for m in self]
        self.typed: dict[tuple[int, int, str], list[Mention]] = {}  # (start, end, type) -> mentions, asked often

    def within(self, s: int, e: int) -> list[Mention]:
        lo, hi = bisect.bisect_left(self.starts, s), bisect.bisect_left(self.starts, e)
        return [m for m in self[lo:hi] if m.end <= e]


def _in(ms: _Sorted, s: int, e: int, by_iri: dict, type_: str) -> list[Mention]:
    found = ms.typed.get((s, e, type_))
    if found is None:
        found = ms.typed[(s, e, type_)] = [m for m in ms.within(s, e) if by_iri[m.concept].type == type_]
    return found


def _report_actor(ctx: TextContext, by_iri: dict, ms: list[Mention]) -> list[Relation]:
    out = []
    for s, e in ctx.sentences:
        sentence = ctx.text[s:e]
        actors = _in(ms, s, e, by_iri, "actor")
        if not actors:
            continue
        low = sentence.lower()
        for cue, pred, after, gate in ((_COMMISSION, "commissions", True, _GATES["commissions"]),
                                       (_PASSIVE, "publishes", True, _GATES["passive"]),
                                       (_ACTIVE, "publishes", False, _GATES["active"])):
            m = cue.search(sentence) if any(g in low for g in gate) else None
            if not m:
                continue
            pos = s + m.start()
            agents = [a for a in actors if a.start >= pos + len(m.group()) - 2] if after else \
                [a for a in actors if a.end <= pos]
            if after:
                agents = agents[:1]
            reports = [r for r in _in(ms, s, e, by_iri, "report") if r.end <= pos or not after] or \
                _in(ms, s, e, by_iri, "report") or _previous_report(ctx, ms, by_iri, s)
            for a in agents:
                for r in reports[:1] if after else reports:
                    out.append(Relation(a.concept, pred, r.concept, min(a.start, r.start), max(a.end, r.end),
                                        "relations.cue"))
            break
    return out


def _previous_report(ctx: TextContext, ms: list[Mention], by_iri: dict, pos: int) -> list[Mention]:
    bs, _be = ctx.block_of(pos)
    before = [m for m in ms.within(bs, pos) if by_iri[m.concept].type == "report"]
    return before[-1:]


def _site_publisher(ctx: TextContext, by_iri: dict, ms: list[Mention]) -> list[Relation]:
    out = []
    for r in (m for m in ms if by_iri[m.concept].type == "report"):
        m = re.match(r"\s*\|\s*", ctx.text[r.end:r.end + 4])
        if m:
            site = next((a for a in ms if a.start == r.end + m.end() and by_iri[a.concept].type == "actor"), None)
            if site:
                out.append(Relation(site.concept, "publishes", r.concept, r.start, site.end, "relations.site"))
    for r in (m for m in ms if m.extractor == "reports.reference"):
        bs, _be = ctx.block_of(r.start)
        author = next((a for a in ms.within(bs, r.start) if a.start == bs and by_iri[a.concept].type == "actor"), None)
        if author:
            out.append(Relation(author.concept, "publishes", r.concept, bs, r.end, "relations.reference"))
    meta = ctx.doc.metadata
    names = {x.lower() for x in (meta.publisher, meta.author, meta.site_name) if x}
    own = [m for m in ms if m.extractor == "reports.document"]
    if names and own:
        for a in (m for m in ms if by_iri[m.concept].type == "actor"):
            c = by_iri[a.concept]
            if {c.pref_label.lower(), *(x.lower() for x in c.labels)} & names:
                out.append(Relation(a.concept, "publishes", own[0].concept, own[0].start, own[0].end,
                                    "relations.metadata"))
                break
    return out


def _collaborations(ctx: TextContext, by_iri: dict, ms: list[Mention]) -> list[Relation]:
    out = []
    for s, e in ctx.sentences:
        actors = list({m.concept: m for m in reversed(_in(ms, s, e, by_iri, "actor"))}.values())
        if len(actors) < 2 or not _TOGETHER.search(ctx.text[s:e]):
            continue
        for a, b in combinations(sorted(actors, key=lambda m: m.concept), 2):
            out.append(Relation(a.concept, "collaboratesWith", b.concept, s, e, "relations.cue"))
    return out


def _malbild(ctx: TextContext, by_iri: dict, ms: list[Mention]) -> list[Relation]:
    targets = {m.concept for m in ms if by_iri[m.concept].type == "report" and by_iri[m.concept].kind == "malbild"}
    if len(targets) != 1:
        return []
    mb = targets.pop()
    out = []
    for s, e in ctx.sentences:
        m = _TARGET.search(ctx.text[s:e]) if "20" in ctx.text[s:e] else None  # a target year is 20xx
        if m and (_GOAL_CUE.search(ctx.text[s:e]) or "ska vi" in m.group()):
            out.append(Relation(mb, "targetYear", m["y"], s + m.start("y"), s + m.end("y"), "relations.cue",
                                literal=True))
    listed = _goal_list_spans(ctx)
    section = _section_index(ctx)
    own = any(m.concept == mb and m.extractor == "reports.document" for m in ms)  # the document is the målbild
    where = {section(m.start) for m in ms if m.concept == mb}
    for m in ms:
        c = by_iri[m.concept]
        near = own or section(m.start) in where
        if c.type == "goal" and any(a <= m.start < b for a, b in listed) and not _GOAL_CUE.search(c.pref_label):
            out.append(Relation(mb, "hasGoalArea", m.concept, m.start, m.end, "relations.malbild"))
        elif c.type == "focus_area" and near:
            out.append(Relation(mb, "hasFocusArea", m.concept, m.start, m.end, "relations.malbild"))
        elif c.type == "success_factor" and near:
            out.append(Relation(mb, "hasSuccessFactor", m.concept, m.start, m.end, "relations.malbild"))
    seen, unique = set(), []
    for r in out:  # one statement per (målbild, predicate, object): its first evidence
        if (r.predicate, r.object) not in seen:
            seen.add((r.predicate, r.object))
            unique.append(r)
    return unique


def _goal_list_spans(ctx: TextContext) -> list[tuple[int, int]]:
    """List items that follow a lead-in naming goal areas ("tre målområden", "Målbildens ledord är:")."""
    out, lead = [], -10
    for i, (s, e, kind) in enumerate(ctx.blocks):
        if kind in ("list_item", "heading") and i - lead <= 3:
            out.append((s, e))
            if kind == "list_item":
                lead = i
        elif _may_name_goals(ctx.text[s:e]):
            lead = i
    return out


def _may_name_goals(text: str) -> bool:
    """:data:`_GOAL_CUE` in ``text``, with a quick test first (most blocks name no goal)."""
    low = text.lower()
    return ("mål" in low or "ledord" in low) and _GOAL_CUE.search(text) is not None


def _proposes(ctx: TextContext, by_iri: dict, ms: list[Mention]) -> list[Relation]:
    out = []
    section = _section_index(ctx)
    reports = [m for m in ms if by_iri[m.concept].type == "report" and by_iri[m.concept].kind in PROPOSERS]
    ideas: dict[int, dict[str, Mention]] = {}  # section -> idea concept -> its first mention there
    for m in ms:
        if by_iri[m.concept].type in ("principle", "shift"):
            ideas.setdefault(section(m.start), {}).setdefault(m.concept, m)
    seen = set()
    for r in reports:
        for p in ideas.get(section(r.start), {}).values():
            if (r.concept, p.concept) not in seen:
                seen.add((r.concept, p.concept))
                out.append(Relation(r.concept, "proposes", p.concept, p.start, p.end, "relations.section"))
    return out


def _section_index(ctx: TextContext):
    """A function from a text offset to the index of the innermost section containing it (-1: none).

    The sections' boundaries cut the text into stretches with the same innermost section, found once
    by a sweep (a heap of the open sections by size); a lookup is then one bisection.
    """
    spans = [(s.start, max(s.end, s.heading_end + 1), s.end - s.start, i) for i, s in enumerate(ctx.doc.sections)]
    cuts = sorted({x for start, end, _size, _i in spans for x in (start, end)})
    by_start: dict[int, list[tuple[int, int, int]]] = {}
    for start, end, size, i in spans:
        by_start.setdefault(start, []).append((size, i, end))
    open_: list[tuple[int, int, int]] = []
    owner: list[int] = []
    for cut in cuts:
        for item in by_start.get(cut, ()):
            heapq.heappush(open_, item)
        while open_ and open_[0][2] <= cut:  # closed: its extended end lies at or before this stretch
            heapq.heappop(open_)
        owner.append(open_[0][1] if open_ else -1)

    def innermost(pos: int) -> int:
        k = bisect.bisect_right(cuts, pos) - 1
        return owner[k] if k >= 0 else -1

    return innermost


def _cooccurrence(ctx: TextContext, ms: list[Mention]) -> list[Relation]:
    out = []
    for s, e in ctx.sentences:
        inside = ms.within(s, e)
        if len(inside) < 2:
            continue  # no pair in it
        inside = [m for m in inside if not any(o.start <= m.start and m.end <= o.end and (o.end - o.start) >
                                               (m.end - m.start) for o in inside)]  # not "Halland" in "Region Halland"
        pairs = set()
        for a, b in combinations(inside, 2):
            if a.concept == b.concept or (a.start < b.end and b.start < a.end):
                continue
            pairs.add((a.concept, b.concept) if a.concept < b.concept else (b.concept, a.concept))
        for x, y in sorted(pairs):
            out.append(Relation(x, "coOccursWith", y, s, e, "relations.sentence"))
    return out
