"""Run a SPARQL query given inline, as a ``.rq`` file, or by the name of a saved query.

    run_query(store, "shifts-by-source", {"region": "Halland"}) -> QueryResult

How the query is found: an existing file path is read; a bare name (letters, digits, ``-``, ``_``,
``.``) is looked up in the saved-query library (``ontology/queries``); anything else is SPARQL text.
The standard prefixes (``nvo:``, ``skos:``, ``dct:``, ``prov:``, ``oa:`` …) are declared for you;
a query's own ``PREFIX`` lines take precedence.

A final ``ORDER BY`` over plain variables is applied to the decoded rows in Python, where it costs
far less than in the store (:mod:`.order`); the order is the same.

Parameters are bound safely (never pasted into the text): declared parameters (the ``# param:``
header of a saved query or file) are converted by their type (:mod:`.params`); a parameter the
query does not declare is an error, except for inline queries without a header, where values are
taken as IRIs or strings (:func:`pipeline.graph.binding.as_term`). Unknown saved queries, syntax
errors and bad parameter values raise QueryError naming the query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError
from ..graph.binding import as_term, with_values
from ..settings import Settings
from ..vocab import sparql_prologue
from .library import SavedQuery, load_saved, parse_query_file, query_dir
from .order import sort_rows, split_order
from .params import convert

NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# An update operation after any comments, PREFIX and BASE declarations.
UPDATE_RE = re.compile(r"^(?:\s|#[^\n]*(?:\n|$)|PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)*"
                       r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
Term = ox.NamedNode | ox.Literal | ox.BlankNode


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The answer to one query. ``kind`` is "select", "ask" or "construct" (CONSTRUCT and DESCRIBE)."""

    kind: str
    name: str = "query"
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()
    truncated: bool = False

    def dicts(self) -> list[dict[str, Term | None]]:
        """Rows as dicts keyed by variable name."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def column(self, variable: str) -> list[Term | None]:
        i = self.variables.index(variable)
        return [row[i] for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)


def resolve(query: str | Path, settings: Settings) -> SavedQuery:
    """The query text and header for an inline query, a ``.rq`` path or a saved name."""
    if isinstance(query, Path) or (len(str(query)) < 1024 and "\n" not in str(query) and Path(str(query)).is_file()):
        path = Path(query)
        try:
            return parse_query_file(path.read_text(encoding="utf-8"), path.stem, path)
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{path}: cannot read query file: {exc}", subject=str(path)) from exc
    text = str(query)
    if NAME_RE.match(text.strip()):
        if text.strip().endswith(".rq"):
            raise QueryError(f"{text}: query file not found", subject=text, hint="check the path")
        return load_saved(text.strip(), query_dir(settings.ontology))
    return parse_query_file(text, "query")


def bind_params(saved: SavedQuery, params: dict[str, str] | None, settings: Settings) -> str:
    """The query text with its parameters bound (declared ones typed, defaults applied)."""
    params = dict(params or {})
    if not saved.params:
        return with_values(saved.text, {k: as_term(v) for k, v in params.items()}, name=saved.name)
    unknown = sorted(set(params) - {p.name for p in saved.params})
    if unknown:
        raise QueryError(f"query {saved.name!r} has no parameter {unknown[0]!r}", subject=saved.name,
                         hint=f"its parameters: {', '.join(p.name for p in saved.params)}")
    bindings = {}
    for p in saved.params:
        value = params.get(p.name, p.default)
        if value is None:
            if p.required:
                raise QueryError(f"query {saved.name!r} needs the parameter {p.name!r} ({p.description or p.type})",
                                 subject=saved.name, hint=f"add --param {p.name}=VALUE")
            continue
        bindings[p.name] = convert(p, value, settings, query=saved.name)
    return with_values(saved.text, bindings, name=saved.name)


def run_query(store, query: str | Path, params: dict[str, str] | None = None, *,
              settings: Settings | None = None, limit: int | None = None) -> QueryResult:
    """Run ``query`` (inline SPARQL, a .rq path or a saved name) on ``store`` with ``params`` bound safely."""
    settings = settings or Settings()
    saved = resolve(query, settings)
    prologue = sparql_prologue({"nv": settings.base_iri})
    text = prologue + bind_params(saved, params, settings)
    plan = split_order(text)
    try:
        raw = store.query(plan.text if plan else text)
        if plan is not None and isinstance(raw, ox.QuerySolutions):
            variables = tuple(v.value for v in raw.variables)
            ordered = sort_rows([tuple(s) for s in raw], variables, plan.keys)  # a solution iterates in variable order
            if ordered is not None:
                return _select_result(saved.name, variables, ordered, limit)
            raw = store.query(text)  # an order only the store can reproduce
    except QueryError as exc:
        label = "inline query" if saved.name == "query" else f"query {saved.name!r}"
        if is_update(saved.text):
            raise QueryError(f"{label}: SPARQL Update is refused: queries are read-only", subject=saved.name,
                             hint="the graph changes only through `naravard ingest`") from exc
        message = _shift_lines(exc.message, prologue.count("\n"))
        raise QueryError(f"{label}: {message}", hint=exc.hint, subject=saved.name) from exc
    return to_result(raw, saved.name, limit)


def is_update(sparql: str) -> bool:
    """True when ``sparql`` is a SPARQL Update request (INSERT, DELETE, LOAD, CLEAR, DROP, …)."""
    return UPDATE_RE.match(sparql) is not None


def _shift_lines(message: str, lines: int) -> str:
    """Error positions ("error at 15:35") counted in the user's text, not in the text with our prologue."""
    def shift(m: re.Match) -> str:
        line = int(m.group(1)) - lines
        return f"line {line}, column {m.group(2)}" if line > 0 else m.group(0)

    return re.sub(r"(?<=error at )(\d+):(\d+)", shift, message)


def to_result(raw, name: str, limit: int | None = None) -> QueryResult:
    """A QueryResult from a store's raw answer (QuerySolutions, bool or list of triples)."""
    if isinstance(raw, bool):
        return QueryResult(kind="ask", name=name, boolean=raw)
    if isinstance(raw, list):
        triples = tuple(raw if limit is None else raw[:limit])
        return QueryResult(kind="construct", name=name, triples=triples, truncated=len(triples) < len(raw))
    variables = tuple(v.value for v in raw.variables)
    rows = []
    truncated = False
    for solution in raw:
        if limit is not None and len(rows) >= limit:
            truncated = True
            break
        rows.append(tuple(solution))  # in variable order, None where unbound
    return QueryResult(kind="select", name=name, variables=variables, rows=tuple(rows), truncated=truncated)


def _select_result(name: str, variables: tuple[str, ...], rows: list[tuple], limit: int | None) -> QueryResult:
    truncated = limit is not None and len(rows) > limit
    return QueryResult(kind="select", name=name, variables=variables,
                       rows=tuple(rows[:limit] if truncated else rows), truncated=truncated)
