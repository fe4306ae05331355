"""Known entities as data: the gazetteer, the national actors and the known reports, indexed for lookup.

:func:`load_knowledge` reads ``ontology/gazetteer/gazetteer.ttl`` (places, regions and municipalities
as organisations), ``ontology/thesaurus/actors.ttl`` and ``reports.ttl``, and
``ontology/names/first_names.txt`` into an :class:`EntityKnowledge`. :func:`scan` finds every known
name in a text: case-sensitive (a label written in lower case also matches with a capital first
letter), with genitive forms ("Hallands", "SKR:s"), longest match first. A name that is also an
ordinary word ("Vara", "Mark") counts only where a capital is not explained by a sentence start.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import iri as iris
from ..errors import ExtractError
from ..settings import Settings
from .spans import WORD, Candidate, TextContext, genitive_base, is_common_word, norm_space

SKOS = "http://www.w3.org/2004/02/skos/core#"
NVO = "https://w3id.org/naravard/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
CLASS_TYPE = {NVO + "Actor": "actor", NVO + "Report": "report", NVO + "Place": "region"}
DATA_FILES = ("gazetteer/gazetteer.ttl", "thesaurus/actors.ttl", "thesaurus/reports.ttl")
MAX_TOKENS = 8
_RUNS = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class Entry:
    """One known actor, report or place."""

    iri: str
    type: str  # actor | report | region
    pref_label: str
    labels: tuple[str, ...] = ()  # Swedish alt and hidden labels
    kind: str | None = None
    notations: tuple[str, ...] = ()
    responsible_for: tuple[str, ...] = ()
    located_in: tuple[str, ...] = ()

    @property
    def all_labels(self) -> tuple[str, ...]:
        return (self.pref_label,) + self.labels


@dataclass(frozen=True, slots=True)
class EntityKnowledge:
    """Everything the entity patterns know beforehand, indexed; built once by :func:`load_knowledge`."""

    entries: dict[str, Entry]
    surfaces: dict[str, tuple[str, ...]]  # normalised label (case kept) -> IRIs
    notations: dict[str, str]  # normalised notation ("sou 2020:19") -> IRI
    titles: dict[str, str] = field(default_factory=dict)  # report title key -> IRI (see titles.title_key)
    first_names: frozenset[str] = frozenset()
    ordinary_names: frozenset[str] = frozenset()  # given names that are also common words ("Per", "Bo")
    place_names: frozenset[str] = frozenset()  # every label of a place, as written
    first_words: frozenset[str] = frozenset()  # first word of every label: where a scan may start
    scan_starts: frozenset[str] = frozenset()  # first words and their genitives ("Hallands", "SKR:s")
    scan_words: dict[str, int] = field(default_factory=dict)  # scan start -> most words a label from it has
    report_titles: frozenset[str] = frozenset()  # every label of a known report, also without its cue word
    report_index: Any = None  # titles.KnownStrings of report_titles, built once
    base_iri: str = iris.DEFAULT_BASE_IRI

    def lookup(self, surface: str) -> Entry | None:
        """The entry a surface names exactly (dash/space-normalised, case kept), or None."""
        found = self.surfaces.get(norm_space(surface))
        return self.entries[found[0]] if found else None

    def lookup_name(self, surface: str, type_: str | None = None) -> Entry | None:
        """Like :meth:`lookup`, also trying the genitive base ("Hallands" -> "Halland"); optional type filter."""
        for form in (surface, genitive_base(surface)):
            if form:
                for i in self.surfaces.get(norm_space(form), ()):
                    if type_ is None or self.entries[i].type == type_:
                        return self.entries[i]
        return None

    def place_of(self, actor_iri: str) -> Entry | None:
        entry = self.entries.get(actor_iri)
        if entry and entry.responsible_for:
            return self.entries.get(entry.responsible_for[0])
        return None


def load_knowledge(settings: Settings) -> EntityKnowledge:
    """Read the entity data files under ``settings.ontology`` (see module docstring)."""
    from .titles import CUE_PREFIX, KnownStrings, title_keys  # titles imports this module's types

    root = Path(settings.ontology)
    names, ordinary = _first_names(root)
    entries: dict[str, Entry] = {}
    for rel in DATA_FILES:
        for entry in _read_entries(root / rel, settings.base_iri):
            entries.setdefault(entry.iri, entry)
    surfaces: dict[str, list[str]] = defaultdict(list)
    notations: dict[str, str] = {}
    titles: dict[str, str] = {}
    for e in entries.values():
        for label in e.all_labels:
            if e.type == "report" and len(label.split()) < 3:
                continue  # short report titles count only after a cue word (see reports.py)
            for form in _forms(label):
                if e.iri not in surfaces[form]:
                    surfaces[form].append(e.iri)
        for n in e.notations:
            notations[notation_key(n)] = e.iri
        if e.type == "report":
            for label in e.all_labels:
                for key in title_keys(label):
                    titles.setdefault(key, e.iri)
    places = frozenset(s for s, ids in surfaces.items() if entries[ids[0]].type == "region")
    titles_known = frozenset(x for e in entries.values() if e.type == "report"
                             for label in e.all_labels for x in (label, CUE_PREFIX.sub("", label)))
    firsts = frozenset(m.group() for s in surfaces for m in [WORD.match(s)] if m)
    starts = firsts | {w + ":s" for w in firsts} | {w + "s" for w in firsts if len(w) >= 3 and not w.endswith("s")}
    most: dict[str, int] = {}
    for s in surfaces:
        m = WORD.match(s)
        if m:  # words counted at every non-word character: never fewer than the text's tokens
            most[m.group()] = max(most.get(m.group(), 0), len(_RUNS.findall(s)))
    scan_words = {w: max(most.get(w, 0), most.get(genitive_base(w) or "", 0)) for w in starts}
    return EntityKnowledge(entries=entries, surfaces={k: tuple(v) for k, v in surfaces.items()}, place_names=places,
                           first_words=firsts, scan_starts=frozenset(starts), scan_words=scan_words,
                           report_titles=titles_known,
                           report_index=KnownStrings(titles_known),
                           notations=notations, titles=titles, first_names=names, ordinary_names=ordinary,
                           base_iri=settings.base_iri)


def notation_key(notation: str) -> str:
    return norm_space(notation).lower().replace("prop ", "prop. ").replace(": ", ":")


def _forms(label: str) -> list[str]:
    label = norm_space(label)
    forms = [label]
    if label[:1].islower():
        forms.append(label[:1].upper() + label[1:])
    return forms


def _read_entries(path: Path, base: str) -> list[Entry]:
    import pyoxigraph as ox

    if not path.exists():
        raise ExtractError(f"{path}: entity data file not found", subject=str(path),
                           hint="run `python ontology/gazetteer/build.py` or restore the file from git")
    try:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except (SyntaxError, OSError, ValueError) as exc:
        raise ExtractError(f"{path}: cannot read entity data: {exc}", subject=str(path),
                           hint="fix the Turtle syntax of the file") from exc
    props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for q in quads:
        obj = q.object
        value = (obj.value, getattr(obj, "language", None)) if isinstance(obj, ox.Literal) else (obj.value, "iri")
        props[q.subject.value][q.predicate.value].append(value)
    out = []
    for subject, p in props.items():
        types = [CLASS_TYPE[v] for v, _ in p.get(RDF_TYPE, []) if v in CLASS_TYPE]
        prefs = [v for v, lang in p.get(SKOS + "prefLabel", []) if lang == "sv"]
        if not types or not prefs:
            continue
        labels = [v for key in ("altLabel", "hiddenLabel") for v, lang in p.get(SKOS + key, []) if lang == "sv"]
        out.append(Entry(
            iri=iris.rebase(subject, base), type=types[0], pref_label=prefs[0],
            labels=tuple(dict.fromkeys(x for x in labels if x != prefs[0])),
            kind=next((v for v, _ in p.get(NVO + "kind", [])), None),
            notations=tuple(v for v, _ in p.get(SKOS + "notation", [])),
            responsible_for=tuple(iris.rebase(v, base) for v, _ in p.get(NVO + "responsibleFor", [])),
            located_in=tuple(iris.rebase(v, base) for v, _ in p.get(NVO + "locatedIn", [])),
        ))
    return sorted(out, key=lambda e: e.iri)


def _first_names(root: Path) -> tuple[frozenset[str], frozenset[str]]:
    """Given names, and those of them marked " *" as also being common words."""
    path = root / "names" / "first_names.txt"
    if not path.exists():
        return frozenset(), frozenset()
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    names = frozenset(ln.rstrip(" *") for ln in lines)
    return names, frozenset(ln.rstrip(" *") for ln in lines if ln.endswith("*"))


def scan(ctx: TextContext, ek: EntityKnowledge, start: int = 0, end: int | None = None) -> list[Candidate]:
    """Every known name in the text (or in ``start``-``end``), longest match first (see module docstring)."""
    stop = len(ctx.text) if end is None else end
    out: list[Candidate] = []
    after = start  # where the last name found ends: tokens before it are inside it
    for first in _first_tokens(ctx, ek, start, stop):
        if first.start() < after:
            continue
        hit = _longest(ctx, ek, first, stop)
        if hit is None:
            continue
        entry, last = hit
        out.append(Candidate(type=entry.type, label=entry.pref_label, start=first.start(), end=last.end(),
                             extractor="gazetteer", kind=entry.kind, iri=entry.iri,
                             notation=entry.notations[0] if entry.notations else None))
        after = last.end()
    return out


def _first_tokens(ctx: TextContext, ek: EntityKnowledge, start: int, stop: int) -> Iterator[re.Match]:
    """The tokens (:data:`WORD` matches, as ``finditer`` gives them) that are scan starts, in text order.

    In the whole text they are looked for only at the word starts whose first two characters begin
    a scan start: few words can start a name, and building every token of a long text costs more
    than the scan itself.
    """
    text, starts = ctx.text, ek.scan_starts
    if start != 0 or stop != len(text):  # a stretch (a title): its tokens, cut at its ends
        return (t for t in WORD.finditer(text, start, stop) if t.group() in starts)
    firsts, heads, singles = _heads(starts)
    out = []
    for p in ctx.word_starts_with(firsts):
        if (text[p:p + 2] in heads or text[p] in singles) and _token_start(text, p):
            t = WORD.match(text, p)
            if t.group() in starts:
                out.append(t)
    return iter(out)


@lru_cache(maxsize=4)
def _heads(starts: frozenset[str]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The first characters of the scan starts, their first two characters, and those of one character."""
    return (frozenset(s[0] for s in starts), frozenset(s[:2] for s in starts if len(s) >= 2),
            frozenset(s for s in starts if len(s) == 1))


def _token_start(text: str, pos: int) -> bool:
    """Whether the word starting at ``pos`` begins a :data:`WORD` token: not when a "-", ":", ".", "'"
    or "’" joins it to the word before ("Upplands-Bro", "SKR:s"), which the token before takes in."""
    return pos < 2 or text[pos - 1] not in "-:.'’" or _WORD_CHAR.match(text, pos - 2) is None


def _longest(ctx: TextContext, ek: EntityKnowledge, first: re.Match, stop: int) -> tuple[Entry, re.Match] | None:
    """The longest known name that starts with the token ``first`` (and ends before ``stop``), and its last token."""
    text = ctx.text  # the first token's word (or the word without a genitive) is a first word of a label
    most = min(MAX_TOKENS, ek.scan_words.get(first.group(), MAX_TOKENS))
    window = [first] if most > 0 else []
    while 0 < len(window) < most:
        nxt = WORD.search(text, window[-1].end(), stop)  # the next token, as finditer would give it
        if nxt is None:
            break
        window.append(nxt)
    for last in reversed(window):
        raw = text[first.start():last.end()]
        if "\n\n" in raw:
            continue
        entry = ek.lookup_name(raw)
        if entry is None or not _plausible(ctx, entry, raw, first.start()):
            continue
        return entry, last
    return None


def _plausible(ctx: TextContext, entry: Entry, raw: str, start: int) -> bool:
    """Reject a name that is also an ordinary word where its capital may just start a sentence."""
    if raw[:1].islower():
        return any(lab[:1].islower() for lab in entry.all_labels)
    if entry.type != "region" or " " in raw or not is_common_word(raw):
        return True  # an agency's name may be a common noun ("Socialstyrelsen"); a place's may not
    return not ctx.is_initial(start) and not ctx.text[start:start + len(raw)].isupper()
