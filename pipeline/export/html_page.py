"""The interactive page: one self-contained HTML file that shows a view offline.

Everything is inside the file: the CSS and the plain-JavaScript force layout from ``assets/``, and the
graph as JSON in a ``<script type="application/json">`` element. Text from sources never becomes
markup: the JSON escapes ``<``, ``>``, ``&`` and U+2028/U+2029, and the script renders every label and
quote with ``textContent``. A Content-Security-Policy that allows only the page's own inline script
and style (by hash) and no connection at all makes the page unable to reach any other host.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources

import networkx as nx

from ..errors import ExportError
from . import style

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data) -> str:
    """JSON that is safe inside a ``<script>`` element whatever strings it holds."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return "".join(_JSON_ESCAPES.get(ch, ch) for ch in text)


def _asset(name: str) -> str:
    try:
        return resources.files("pipeline.export").joinpath("assets", name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"the page asset {name!r} is missing from the installation: {exc}",
                          hint="reinstall naravard (pip install -e .)", subject=name) from exc


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def payload(G: nx.MultiDiGraph, positions: dict[str, tuple[float, float]]) -> dict:
    """What the page script needs: nodes with their quotes, edges, types with colours, source titles."""
    quotes = G.graph.get("quotes", {})
    titles = G.graph.get("source_titles", {})
    nodes = []
    for node, a in G.nodes(data=True):
        x, y = positions.get(node, (0.0, 0.0))
        nodes.append({"id": node, "label": a["label"], "type": a["type"], "kind": a["kind"], "iri": a["iri"],
                      "sources": list(a["sources"]), "mentions": a["mention_count"], "degree": a["degree"],
                      "community": a["community"], "pagerank": a["pagerank"], "x": x, "y": y,
                      "size": style.node_size(a["mention_count"]), "quotes": quotes.get(node, [])})
    edges = [{"source": u, "target": v, "type": a["type"], "weight": a["weight"], "directed": a["directed"],
              "sources": list(a["sources"])} for u, v, a in G.edges(data=True)]
    used = {a["type"] for _, a in G.nodes(data=True)}
    types = [{"type": t, "name": style.type_name(t), "colour": style.colour(t)} for t in style.type_order(used)]
    return {"view": G.graph.get("view", ""), "nodes": nodes, "edges": edges, "types": types,
            "sources": {k: v for k, v in titles.items()}}


def render(G: nx.MultiDiGraph, positions: dict[str, tuple[float, float]], title: str | None = None) -> str:
    """The complete page as a string."""
    css, js = _asset("page.css"), _asset("page.js")
    if "</script" in js.lower() or "</style" in css.lower():
        raise ExportError("a page asset contains a closing tag it must not", hint="fix pipeline/export/assets")
    view = G.graph.get("view", "")
    title = title or f"naravard – {view}"
    csp = (f"default-src 'none'; script-src {_csp_hash(js)}; style-src {_csp_hash(css)}; "
           "img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'")
    values = {"csp": html.escape(csp, quote=True), "title": html.escape(title), "css": css,
              "data": script_json(payload(G, positions)), "js": js}
    # one pass, so text inside the data can never be taken for a placeholder
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], _asset("page.html"))
