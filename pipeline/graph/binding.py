"""Safe parameter binding for SPARQL: values become RDF terms and are joined in with a VALUES clause.

Nothing a user types is ever pasted into query text as SPARQL: a value is first turned into a
``pyoxigraph`` term (an IRI, or a literal whose lexical form is escaped by the term's own N-Triples
serialisation), and the query gets ``VALUES (?a ?b) { (<…> "…") }`` as the first element of its
WHERE clause. There it is joined with the pattern before grouping and projection, the same on the
embedded store and on any SPARQL 1.1 server. (A trailing VALUES clause is not used: engines differ
on whether it applies before or after aggregation.) A parameter variable must therefore occur in a
non-optional part of the pattern, or in a sub-select's projection.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox

from ..errors import QueryError

Term = ox.NamedNode | ox.Literal | ox.BlankNode
VAR_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")


def as_term(value: str | Term) -> Term:
    """A term for a parameter value given without a declared type.

    Terms pass through; ``<…>`` and absolute ``http(s)://`` / ``urn:`` IRIs become IRIs; anything
    else becomes a plain string literal.
    """
    if isinstance(value, ox.NamedNode | ox.Literal | ox.BlankNode):
        return value
    text = str(value)
    if text.startswith("<") and text.endswith(">"):
        return iri_term(text[1:-1])
    if re.match(r"^(https?|urn|file):", text) and ABSOLUTE_IRI.match(text):
        return iri_term(text)
    return ox.Literal(text)


def iri_term(text: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(text)
    except ValueError as exc:
        raise QueryError(f"not a valid IRI: {text!r}", hint="give an absolute IRI such as https://…") from exc


def with_values(sparql: str, bindings: Mapping[str, Term], *, name: str | None = None) -> str:
    """``sparql`` with ``VALUES (?a …) { (term …) }`` placed first inside its WHERE clause.

    Placed there, the values are joined with the pattern before any grouping or projection, on every
    SPARQL 1.1 engine, so a parameter restricts what is counted, not only what is shown. No change
    when ``bindings`` is empty.
    """
    if not bindings:
        return sparql
    label = name or "query"
    for var in bindings:
        if not VAR_RE.match(var):
            raise QueryError(f"{label}: invalid parameter name {var!r}", subject=label,
                             hint="parameter names are SPARQL variable names: letters, digits and _")
    names = " ".join(f"?{v}" for v in bindings)
    row = " ".join(str(t) for t in bindings.values())
    at = where_brace(sparql, label) + 1
    return f"{sparql[:at]} VALUES ({names}) {{ ({row}) }}{sparql[at:]}"


_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_FORMS = re.compile(r"(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.IGNORECASE)


def where_brace(sparql: str, name: str = "query") -> int:
    """Offset of the ``{`` that opens the query's WHERE clause (strings, IRIs and comments skipped)."""
    form = None
    braces: list[int] = []
    depth = 0
    i, n = 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c == "#":
            end = sparql.find("\n", i)
            i = n if end < 0 else end
            continue
        if c in "'\"":
            i = _skip_string(sparql, i, name)
            continue
        if c == "<" and (m := _IRIREF.match(sparql, i)):
            i = m.end()
            continue
        if form is None and depth == 0 and (m := _FORMS.match(sparql, i)) and _standalone(sparql, i, m.end()):
            form = m.group(1).upper()
            after = sparql[m.end():].lstrip()
            if form == "CONSTRUCT" and after[:5].upper() == "WHERE":
                raise QueryError(f"{name}: parameters need the long CONSTRUCT form", subject=name,
                                 hint="write CONSTRUCT { … } WHERE { … }")
        if c == "{":
            if depth == 0:
                braces.append(i)
            depth += 1
        elif c == "}":
            depth -= 1
        i += 1
    wanted = 1 if form == "CONSTRUCT" else 0
    if form is None or len(braces) <= wanted:
        raise QueryError(f"{name}: cannot find the WHERE clause to bind parameters to", subject=name,
                         hint="parameters need a SELECT, ASK, CONSTRUCT or DESCRIBE query with a WHERE clause")
    return braces[wanted]


def _standalone(text: str, start: int, end: int) -> bool:
    """The keyword at [start, end) is a word of its own, not part of a prefixed name."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in ":_-") and after != ":"


def _skip_string(text: str, i: int, name: str) -> int:
    quote = text[i]
    long = text.startswith(quote * 3, i)
    delim = quote * 3 if long else quote
    j = i + len(delim)
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text.startswith(delim, j):
            return j + len(delim)
        if not long and text[j] == "\n":
            break
        j += 1
    raise QueryError(f"{name}: unterminated string in the query", subject=name)


def bind(sparql: str, params: Mapping[str, str | Term] | None, *, name: str | None = None) -> str:
    """Bind untyped ``params`` (see :func:`as_term`) into ``sparql``."""
    if not params:
        return sparql
    return with_values(sparql, {k: as_term(v) for k, v in params.items()}, name=name)
