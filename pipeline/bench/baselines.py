"""The peers' own step on the same documents: what naravard's figures are compared with.

* HTML: trafilatura's ``extract()`` alone (main-text extraction, no graph, no store);
* PDF: pypdf's plain ``PdfReader(...).pages[i].extract_text()``;
* export: networkx's own ``write_graphml`` / ``write_gexf`` (and a node-link JSON dump for the
  HTML page, whose payload is the same data) on the networkx graph of the concept network.

Next to them, :func:`naravard_parse` times naravard's own parse stage the same way (on its own, in
one process): the step the peers do, measured apart from the ingest, whose stages overlap with the
store's loads and so run slower than they would alone.

Each function runs inside :mod:`.measure`'s child process and returns plain numbers. Reading the
files is timed apart from the peer's work and left out of its figure, so the peer is not charged for
disk I/O that naravard's figure includes.
"""

from __future__ import annotations

import time
from pathlib import Path


def _rates(docs: int, pages: int, size: int, seconds: float) -> dict[str, float]:
    seconds = max(seconds, 1e-9)
    return {"documents": docs, "pages": pages, "bytes": size, "seconds": seconds,
            "docs_per_s": docs / seconds, "pages_per_s": pages / seconds, "mb_per_s": size / 1e6 / seconds}


def trafilatura_extract(paths: list[str]) -> dict:
    """trafilatura ``extract()`` on each page (bytes in, text out), timed without the file reads."""
    import trafilatura

    spent, size, chars = 0.0, 0, 0
    for path in paths:
        data = Path(path).read_bytes()
        size += len(data)
        start = time.perf_counter()
        text = trafilatura.extract(data) or ""
        spent += time.perf_counter() - start
        chars += len(text)
    return {**_rates(len(paths), len(paths), size, spent), "chars": chars,
            "version": trafilatura.__version__}


def pypdf_extract_text(paths: list[str]) -> dict:
    """pypdf ``extract_text()`` on every page of each file, timed without the file reads."""
    import io

    import pypdf

    spent, size, pages, chars = 0.0, 0, 0, 0
    for path in paths:
        data = Path(path).read_bytes()
        size += len(data)
        start = time.perf_counter()
        reader = pypdf.PdfReader(io.BytesIO(data))
        for page in reader.pages:
            chars += len(page.extract_text() or "")
            pages += 1
        spent += time.perf_counter() - start
    return {**_rates(len(paths), pages, size, spent), "chars": chars, "version": pypdf.__version__}


def naravard_parse(paths: list[str]) -> dict:
    """naravard's parse stage (main text, blocks, offsets, layout) on each file, timed without the file reads."""
    from ..fetch.local import read_file
    from ..parse import parse
    from ..settings import Settings

    settings = Settings()
    spent, size, pages, chars = 0.0, 0, 0, 0
    for path in paths:
        fetched = read_file(Path(path), settings)
        size += len(fetched.content)
        start = time.perf_counter()
        document = parse(fetched, settings)
        spent += time.perf_counter() - start
        pages += document.metadata.page_count or 1
        chars += len(document.text)
    return {**_rates(len(paths), pages, size, spent), "chars": chars}


def networkx_writers(graph_file: str, out_dir: str) -> dict:
    """networkx's writers on the concept network saved by the export measurement (node-link JSON)."""
    import json

    import networkx as nx

    graph = nx.node_link_graph(json.loads(Path(graph_file).read_text(encoding="utf-8")), edges="links")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    timings = {}
    warm = nx.MultiDiGraph([("a", "b")])
    nx.write_graphml(warm, out / "warm-up.graphml")  # imports happen here, not in the timed writes
    nx.write_gexf(warm, out / "warm-up.gexf")
    for name, write in (("graphml", lambda g, p: nx.write_graphml(g, p)),
                        ("gexf", lambda g, p: nx.write_gexf(g, p)),
                        ("html", lambda g, p: Path(p).write_text(json.dumps(nx.node_link_data(g, edges="links")),
                                                                 encoding="utf-8"))):
        start = time.perf_counter()
        write(graph, out / f"networkx.{name}")
        timings[name] = time.perf_counter() - start
    return {"seconds": timings, "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
            "version": nx.__version__}
