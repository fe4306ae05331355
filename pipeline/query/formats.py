"""Output formats for query results.

    table     aligned text columns, IRIs shortened with the standard prefixes (default)
    csv, tsv  SPARQL 1.1 Query Results CSV and TSV
    json      SPARQL 1.1 Query Results JSON
    xml       SPARQL Query Results XML
    turtle, ntriples, jsonld, rdfxml     for CONSTRUCT and DESCRIBE results

``render(result, name, base)`` returns the text; ``FORMATS`` maps each name to its media type, which
the endpoint uses for content negotiation.
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ..errors import QueryError
from ..settings import DEFAULT_BASE_IRI
from ..vocab import PREFIXES, XSD, rdf_prefixes
from .run import QueryResult

FORMATS: dict[str, str] = {
    "table": "text/plain",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("table", "turtle", "ntriples", "jsonld", "rdfxml")
_RDF = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}
MAX_CELL = 70


def render(result: QueryResult, fmt: str = "table", base: str = DEFAULT_BASE_IRI) -> str:
    """``result`` as text in format ``fmt``; QueryError when the format does not fit the kind of result."""
    fmt = fmt.lower()
    allowed = GRAPH_FORMATS if result.kind == "construct" else RESULT_FORMATS
    if fmt not in allowed:
        raise QueryError(f"query {result.name!r}: format {fmt!r} does not fit a {result.kind.upper()} result",
                         hint=f"choose one of: {', '.join(allowed)}", subject=result.name)
    if result.kind == "construct":
        return _graph(result, "turtle" if fmt == "table" else fmt, base)
    return {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json, "xml": _xml}[fmt](result, base)


def prefixes(base: str) -> dict[str, str]:
    return {"nv": base, **PREFIXES}


def short(term, base: str = DEFAULT_BASE_IRI) -> str:
    """A readable form of a term: prefixed IRI, plain literal value."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in sorted(prefixes(base).items(), key=lambda kv: -len(kv[1])):
            if term.value.startswith(ns):
                return f"{prefix}:{term.value[len(ns):]}"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _cell(term, base: str) -> str:
    text = " ".join(short(term, base).split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _table(result: QueryResult, base: str) -> str:
    if result.kind == "ask":
        return "yes\n" if result.boolean else "no\n"
    if not result.rows:
        return "(no results)\n"
    cells = [[_cell(t, base) for t in row] for row in result.rows]
    widths = [max(len(v), *(len(r[i]) for r in cells)) for i, v in enumerate(result.variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.variables, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    footer = f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''}"
    footer += ", truncated)" if result.truncated else ")"
    return "\n".join(lines + [footer]) + "\n"


def _csv(result: QueryResult, base: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return buf.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else (f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value)
                         for t in row])
    return buf.getvalue()


def _tsv(result: QueryResult, base: str) -> str:
    if result.kind == "ask":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != str(XSD.string):
        out["datatype"] = term.datatype.value
    return out


def _json(result: QueryResult, base: str) -> str:
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
    bindings = [{v: term_json(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
                for row in result.rows]
    return json.dumps({"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}},
                      ensure_ascii=False) + "\n"


def _xml(result: QueryResult, base: str) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "ask":
        out += ["<head/>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables) + "</head>")
    out.append("<results>")
    for row in result.rows:
        cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                        for v, t in zip(result.variables, row, strict=True) if t is not None)
        out.append(f"<result>{cells}</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != str(XSD.string):
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _graph(result: QueryResult, fmt: str, base: str) -> str:
    if fmt == "jsonld":
        from ..graph.jsonld import write_jsonld

        buf = io.StringIO()
        write_jsonld(sorted(result.triples, key=str), buf, base)
        return buf.getvalue()
    data = ox.serialize(sorted(result.triples, key=str), format=_RDF[fmt],
                        prefixes=rdf_prefixes(base) if fmt != "ntriples" else None)
    return data.decode("utf-8")
