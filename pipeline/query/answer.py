"""One endpoint request answered inside a query worker: run, negotiate the format, serialise.

SELECT and ASK results are offered as SPARQL JSON (the default), XML, CSV and TSV; CONSTRUCT and
DESCRIBE results as Turtle (the default), N-Triples, JSON-LD and RDF/XML. The client chooses with
the ``Accept`` header or a ``format`` parameter. More than ``max_results`` rows are cut off and the
answer says so in the ``X-Result-Truncated`` header.
"""

from __future__ import annotations

from ..errors import NaravardError, QueryError
from ..settings import Settings
from .formats import FORMATS, render
from .run import QueryResult, is_update, run_query, to_result
from .workers import Answer, Job

RESULT_CHOICES = ("json", "xml", "csv", "tsv")
GRAPH_CHOICES = ("turtle", "ntriples", "jsonld", "rdfxml")
ALIASES = {"ttl": "turtle", "nt": "ntriples", "json-ld": "jsonld", "rdf": "rdfxml", "text": "table", "html": "json"}


def answer(store, job: Job, settings: Settings) -> Answer:
    try:
        result = _run(store, job, settings)
    except QueryError as exc:
        if job.sparql and is_update(job.sparql):
            return _text(403, "this endpoint is read-only: SPARQL Update is refused\n")
        return _text(400, f"{exc}\n" + (f"Hint: {exc.hint}\n" if exc.hint else ""))
    except NaravardError as exc:
        return _text(500, f"{exc}\n")
    fmt = negotiate(job.accept, result.kind)
    body = render(result, fmt, settings.base_iri).encode("utf-8")
    media = FORMATS[fmt] + ("; charset=utf-8" if fmt in ("csv", "tsv", "turtle", "table") else "")
    return Answer(200, media, body, result.truncated)


def _run(store, job: Job, settings: Settings) -> QueryResult:
    if job.saved:
        return run_query(store, job.saved, job.params, settings=settings, limit=settings.max_results)
    raw = store.query(job.sparql or "", default_graphs=job.default_graphs, named_graphs=job.named_graphs)
    return to_result(raw, "query", settings.max_results)


def negotiate(accept: str, kind: str) -> str:
    """The format name for an Accept header (or a format name) and a kind of result."""
    choices = GRAPH_CHOICES if kind == "construct" else RESULT_CHOICES
    accept = (accept or "").strip().lower()
    if accept and "/" not in accept:
        name = ALIASES.get(accept, accept)
        return name if name in choices or (name == "table") else choices[0]
    ranked = []
    for i, part in enumerate(accept.split(",")):
        media, _, rest = part.strip().partition(";")
        q = 1.0
        for param in rest.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, media.strip()))
    for _, _, media in sorted(ranked):
        for name in choices:
            if FORMATS[name] == media:
                return name
        if media in ("application/json",) and kind != "construct":
            return "json"
        if media in ("application/xml", "text/xml") and kind != "construct":
            return "xml"
    return choices[0]


def _text(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", message.encode("utf-8"))
