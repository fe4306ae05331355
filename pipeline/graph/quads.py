"""A small quad collector for one named graph, and the literal helpers every graph module uses.

The collector keeps insertion order and drops repeats, so a graph built twice from the same input
is the same list of quads. Literals get explicit, stable datatypes (integers, decimals, dates), in
the lexical form Oxigraph stores them in (``1`` not ``1.0``, ``…Z`` not ``…+00:00``), so a graph
read back from the store equals the one built and re-writing an unchanged graph writes nothing.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from ..vocab import XSD, node

_DATE_TYPES = (
    (re.compile(r"^\d{4}$"), XSD.gYear),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$"), XSD.dateTime),
)
_INTEGER, _DECIMAL, _BOOLEAN = node(XSD.integer), node(XSD.decimal), node(XSD.boolean)
_DATE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")


class QuadList:
    """Quads of one named graph, in insertion order, without repeats, kept as N-Quads lines.

    Each distinct IRI is checked (by pyoxigraph) and written once per graph; a quad is then one
    formatted line. That is several times cheaper than a ``pyoxigraph.Quad`` per statement, and the
    N-Quads text is what the store loads and history keeps; :meth:`quads` parses it back.
    """

    def __init__(self, graph: str):
        self.graph = ox.NamedNode(graph)
        self._end = f" {self.graph} ."
        self._lines: dict[str, None] = {}
        self._terms: dict[object, str] = {}

    def add(self, subject, predicate, obj) -> None:
        """Add (subject, predicate, obj); IRIs may be given as strings or vocabulary terms, ``None`` objects are skipped."""
        if obj is None:
            return
        terms = self._terms
        s = terms.get(subject) or self._term(subject)
        p = terms.get(predicate) or self._term(predicate)
        o = str(obj) if obj.__class__ is ox.Literal else terms.get(obj) or self._term(obj)
        self._lines[f"{s} {p} {o}{self._end}"] = None

    def term(self, value) -> str:
        """The N-Triples form of an IRI (a string or vocabulary term) or literal, checked once per graph."""
        return self._terms.get(value) or self._term(value)

    def extend(self, triples) -> None:
        """Add triples already written as N-Triples terms, ``"<s> <p> <o>"`` (see :meth:`term`).

        The fast path for the many similar nodes of a document (mention targets, selectors): the
        caller formats each line from term strings computed once, instead of one :meth:`add` per quad.
        """
        end = self._end
        lines = self._lines
        for triple in triples:
            lines[triple + end] = None

    def _term(self, value) -> str:
        """The N-Triples form of a term; a string is an IRI (ValueError when it is not a valid one)."""
        term = value if isinstance(value, ox.NamedNode | ox.Literal) else ox.NamedNode(str(value))
        self._terms[value] = text = str(term)
        return text

    def nquads(self) -> bytes:
        """The quads as N-Quads, one per line, in insertion order."""
        return ("\n".join(self._lines) + "\n").encode("utf-8") if self._lines else b""

    def canonical(self) -> bytes:
        """The quads as canonical N-Quads: sorted by code point, which is the order of the UTF-8 bytes
        (the form :func:`pipeline.fingerprints.canonical` makes; the lines are already unique and bare)."""
        return ("\n".join(sorted(self._lines)) + "\n").encode("utf-8") if self._lines else b""

    def lines(self):
        """The N-Quads lines (without their newline), in insertion order."""
        return iter(self._lines)

    def quads(self) -> list[ox.Quad]:
        return list(ox.parse(self.nquads(), format=ox.RdfFormat.N_QUADS))

    def __len__(self) -> int:
        return len(self._lines)


class Nodes:
    """A vocabulary namespace whose terms are pyoxigraph nodes, each looked up once.

    ``NVO = Nodes(vocab.NVO)``; ``NVO.mentions`` is then a plain attribute after its first use (an
    rdflib ``DefinedNamespace`` lookup costs about a microsecond, and the graph builder makes
    hundreds of thousands). A typo still fails, as the namespace does.
    """

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):  # not a term (and no recursion before __init__ has run)
            raise AttributeError(name)
        value = node(getattr(self._namespace, name))
        setattr(self, name, value)
        return value


def text(value: str | None, lang: str | None = None) -> ox.Literal | None:
    """A string literal (language-tagged when ``lang`` is given); None for None or blank text."""
    if value is None or not str(value).strip():
        return None
    return ox.Literal(str(value), language=lang) if lang else ox.Literal(str(value))


def integer(value: int | None, datatype=None) -> ox.Literal | None:
    if value is None:
        return None
    return ox.Literal(str(int(value)), datatype=_INTEGER if datatype is None else node(datatype))


def decimal(value: float | None) -> ox.Literal | None:
    if value is None:
        return None
    lexical = f"{float(value):.4f}".rstrip("0").rstrip(".")  # canonical: "1", "0.85"
    return ox.Literal("0" if lexical == "-0" else lexical, datatype=_DECIMAL)


def boolean(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=_BOOLEAN)


def date(value: str | None) -> ox.Literal | None:
    """An ISO 8601 date or time as xsd:gYear, gYearMonth, date or dateTime by its shape; other text as a string."""
    if not value or not value.strip():
        return None
    value = value.strip()
    for pattern, datatype in _DATE_TYPES:
        if pattern.match(value):
            lexical = _date_time(value) if datatype == XSD.dateTime else value
            return ox.Literal(lexical, datatype=node(datatype))
    return ox.Literal(value)


def _date_time(value: str) -> str:
    """The canonical xsd:dateTime: seconds always, no trailing zeros in fractions, UTC as ``Z``."""
    m = _DATE_TIME.match(value)
    fraction = (m[3] or "").rstrip("0").rstrip(".")
    zone = "Z" if m[4] in ("+00:00", "-00:00") else (m[4] or "")
    return f"{m[1]}{m[2] or ':00'}{fraction}{zone}"


def typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=node(datatype))


def language_tag(language: str | None) -> str:
    """The primary language subtag used on labels ("sv-SE" -> "sv"); Swedish when unknown."""
    tag = (language or "sv").split("-")[0].split("_")[0].strip().lower()
    return tag if re.fullmatch(r"[a-z]{2,3}", tag) else "sv"
