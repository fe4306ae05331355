"""A query's final ``ORDER BY``, applied in Python to the decoded rows instead of by the store.

Oxigraph keeps IRIs and long strings as ids and decodes a term on every comparison of an
``ORDER BY``, so sorting a few thousand rows by labels costs more than finding them (2,700 rows of
``stated-relations``: about 100 ms of sorting, 80 ms of finding). The rows come out decoded anyway;
sorting them here costs a few milliseconds::

    plan = split_order(sparql)        # None unless the query ends with ORDER BY over plain variables
    rows = sort_rows(rows, variables, plan.keys)   # None when the store's order cannot be reproduced

Only an ``ORDER BY`` that ends the query (no ``LIMIT``/``OFFSET`` after it), comes after the last
closing brace (the outermost query's, not a sub-select's) and lists plain variables, each optionally ``ASC(…)``/``DESC(…)``, is
taken out. The rows are sorted as SPARQL 1.1 orders them (15.1): unbound, then blank nodes, IRIs,
literals; numbers by value, strings by code point, booleans and dates by value. When two rows would
be ordered by comparing literals the specification leaves unordered (a number and a string, say),
:func:`sort_rows` returns None and the caller runs the query with its ``ORDER BY``. Rows that are
equal in every key (SPARQL leaves their order open) come in the order of their full N-Triples text,
so the same data always gives the same output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
_KEY = r"(?:(?:ASC|DESC)\s*\(\s*\?\w+\s*\)|\?\w+)"
_ORDER_RE = re.compile(rf"\}}[^{{}}]*?\b(ORDER\s+BY((?:\s*{_KEY})+)\s*)$", re.IGNORECASE)
_KEY_RE = re.compile(r"(ASC|DESC)?\s*\(?\s*\?(\w+)", re.IGNORECASE)
_NUMERIC = {f"{XSD}{t}" for t in (
    "integer", "decimal", "float", "double", "int", "long", "short", "byte", "nonNegativeInteger",
    "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong",
    "unsignedShort", "unsignedByte")}
_BY_LEXICAL_FORM = {f"{XSD}{t}" for t in ("date", "dateTime", "gYear", "gYearMonth", "time")}
_STRING, _LANG_STRING = f"{XSD}string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True, slots=True)
class OrderPlan:
    text: str  # the query without its final ORDER BY
    keys: tuple[tuple[str, bool], ...]  # (variable, descending)


def split_order(sparql: str) -> OrderPlan | None:
    """The query without its final ``ORDER BY`` and the sort keys, or None (see the module docstring)."""
    m = _ORDER_RE.search(_without_trailing_comments(sparql))
    if m is None:
        return None
    keys = tuple((name, (direction or "").upper() == "DESC") for direction, name in _KEY_RE.findall(m.group(2)))
    return OrderPlan(sparql[:m.start(1)].rstrip() + "\n", keys)


def sort_rows(rows: list[tuple], variables: tuple[str, ...], keys: tuple[tuple[str, bool], ...]) -> list[tuple] | None:
    """``rows`` (tuples of terms, in ``variables`` order) sorted by ``keys``; None when that order is
    not defined by SPARQL (then only the store can reproduce its own) or a key is not a result column."""
    try:
        columns = [(variables.index(name), descending) for name, descending in keys]
    except ValueError:
        return None
    caches: list[dict] = [{} for _ in columns]
    keyed = [(tuple(_cached(cache, row[i]) for cache, (i, _) in zip(caches, columns, strict=True)), row)
             for row in rows]
    for position in range(len(columns) - 1, -1, -1):  # stable sorts, last key first
        keyed.sort(key=lambda item, p=position: item[0][p], reverse=columns[position][1])
    _order_ties(keyed)
    for (a, _), (b, _) in zip(keyed, keyed[1:], strict=False):  # the order of each adjacent pair is decided
        for x, y in zip(a, b, strict=True):  # by the first key in which they differ
            if x != y:
                if x[0] == y[0] == 3 and (x[1] != y[1] or x[1][0] is None):
                    return None  # two literals the specification does not order
                break
    return [row for _, row in keyed]


def _order_ties(keyed: list[tuple]) -> None:
    """Rows equal in every key, in one order (by their terms' text), whatever order the store found them in."""
    start = 0
    for end in range(1, len(keyed) + 1):
        if end == len(keyed) or keyed[end][0] != keyed[start][0]:
            if end - start > 1:
                keyed[start:end] = sorted(keyed[start:end], key=_tie_break)
            start = end


def _tie_break(item: tuple) -> tuple:
    return tuple("" if term is None else f"{type(term).__name__} {term}" for term in item[1])


def _cached(cache: dict, term) -> tuple:
    key = cache.get(term)
    if key is None:
        key = cache[term] = _sort_key(term)
    return key


def _sort_key(term) -> tuple:
    """(rank, group, value): unbound 0, blank 1, IRI 2, literal 3; literals compare within a group."""
    if term is None:
        return (0, (), "")
    if isinstance(term, ox.BlankNode):
        return (1, (), term.value)
    if isinstance(term, ox.NamedNode):
        return (2, (), term.value)
    datatype = term.datatype.value
    if datatype in _NUMERIC:
        try:
            number = Decimal(term.value.strip())
        except InvalidOperation:
            number = None
        if number is None or number.is_nan():
            return (3, (None, datatype), term.value)
        return (3, ("number",), number)
    if datatype == _STRING:
        return (3, ("string",), term.value)
    if datatype == _LANG_STRING:
        return (3, ("lang", term.language.lower()), term.value)
    if datatype == f"{XSD}boolean":
        return (3, ("boolean",), term.value in ("true", "1"))
    if datatype in _BY_LEXICAL_FORM:
        return (3, ("date", datatype), term.value)
    return (3, (None, datatype), term.value)  # any other datatype: ordered only when it decides nothing


def _without_trailing_comments(sparql: str) -> str:
    lines = sparql.rstrip().split("\n")
    while lines and lines[-1].lstrip().startswith("#"):
        lines.pop()
    return "\n".join(lines)
