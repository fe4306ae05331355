"""The read-only SPARQL endpoint (`naravard serve`), driven by a real SPARQL client and headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from urllib.parse import quote

import httpx
import pytest
import rdflib
from graph_helpers import free_port, seed_store_dir
from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

SOURCES_QUERY = ("PREFIX nvo: <https://w3id.org/naravard/ontology#> PREFIX dct: <http://purl.org/dc/terms/> "
                 "SELECT ?id WHERE { ?s a nvo:Source ; dct:identifier ?id } ORDER BY ?id")
HEAVY_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
MAX_RESULTS = 40


@pytest.fixture(scope="module")
def endpoint():
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", "--output", str(seed_store_dir()),
                             "--port", str(port), "--timeout", "2", "--max-results", str(MAX_RESULTS)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(200):
        try:
            httpx.get(url, timeout=1)
            break
        except httpx.HTTPError:
            if proc.poll() is not None:
                pytest.fail(f"naravard serve exited: {proc.stderr.read()}")
            time.sleep(0.1)
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    assert "SPARQL endpoint http://127.0.0.1:" in proc.stderr.read()


def client(url: str, fmt=JSON) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(url + "sparql")
    wrapper.setReturnFormat(fmt)
    return wrapper


def test_select_through_a_sparql_client_as_json_and_xml(endpoint):
    wrapper = client(endpoint)
    wrapper.setQuery(SOURCES_QUERY)
    ids = [b["id"]["value"] for b in wrapper.query().convert()["results"]["bindings"]]
    assert ids == ["fou-sormland-malbild", "gnesta-nara-vard", "region-halland-god-och-nara-vard",
                   "region-sormland-nara-vard", "skl-omstallning-nara-vard"]
    wrapper = client(endpoint, XML)
    wrapper.setQuery(SOURCES_QUERY)
    wrapper.setMethod("POST")
    doc = wrapper.query().convert()
    assert len(doc.getElementsByTagName("result")) == 5


def test_ask_and_construct_through_a_sparql_client(endpoint):
    wrapper = client(endpoint)
    wrapper.setQuery("ASK { ?s a <https://w3id.org/naravard/ontology#Shift> }")
    assert wrapper.query().convert()["boolean"] is True
    wrapper = client(endpoint, TURTLE)
    wrapper.setQuery("CONSTRUCT { ?s a ?t } WHERE { GRAPH <https://w3id.org/naravard/graph/gnesta-nara-vard> "
                     "{ ?s a ?t } } LIMIT 10")
    graph = rdflib.Graph().parse(data=wrapper.query().convert(), format="turtle")
    assert len(graph) == 10


def test_update_is_refused_and_the_data_stays(endpoint):
    wrapper = client(endpoint)
    wrapper.setMethod("POST")
    wrapper.setQuery("DROP ALL")
    with pytest.raises(Exception) as err:  # SPARQLWrapper surfaces the 403 as an HTTP error
        wrapper.query()
    assert "403" in str(err.value)
    for request in (dict(method="POST", url=endpoint + "sparql", data={"update": "CLEAR ALL"}),
                    dict(method="POST", url=endpoint + "update", content=b"CLEAR ALL",
                         headers={"Content-Type": "application/sparql-update"}),
                    dict(method="PUT", url=endpoint + "sparql", content=b"")):
        response = httpx.request(**request)
        assert response.status_code == 403 and "read-only" in response.text
    wrapper = client(endpoint)
    wrapper.setQuery(SOURCES_QUERY)
    assert len(wrapper.query().convert()["results"]["bindings"]) == 5


def test_syntax_errors_are_bad_requests(endpoint):
    wrapper = client(endpoint)
    wrapper.setQuery("SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(QueryBadFormed):
        wrapper.query()


def test_a_long_query_is_stopped_and_the_endpoint_keeps_answering(endpoint):
    started = time.monotonic()
    response = httpx.get(endpoint + "sparql", params={"query": HEAVY_QUERY}, timeout=30)
    assert response.status_code == 503 and "did not finish within 2 s" in response.text
    assert time.monotonic() - started < 15
    response = httpx.get(endpoint + "sparql", params={"query": SOURCES_QUERY},
                         headers={"Accept": "text/csv"}, timeout=30)
    assert response.status_code == 200 and response.text.splitlines()[0] == "id"


def test_results_are_cut_off_at_the_limit_and_say_so(endpoint):
    response = httpx.get(endpoint + "sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                         headers={"Accept": "text/tab-separated-values"})
    assert response.status_code == 200
    assert response.headers["X-Result-Truncated"] == "true"
    assert len(response.text.splitlines()) == MAX_RESULTS + 1


def test_saved_queries_are_listed_and_run_with_parameters(endpoint):
    catalogue = httpx.get(endpoint + "saved").json()
    assert len(catalogue) >= 12 and all(q["description"] for q in catalogue)
    response = httpx.get(endpoint + "saved/principles-by-region", params={"region": "Halland", "format": "json"})
    rows = response.json()["results"]["bindings"]
    assert rows and {r["regionLabel"]["value"] for r in rows} == {"Halland"}
    response = httpx.get(endpoint + "saved/principles-by-region", params={"colour": "red"})
    assert response.status_code == 400 and "has no parameter 'colour'" in response.text


def test_the_query_page_is_self_contained(endpoint):
    response = httpx.get(endpoint)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert "http://" not in response.text.replace("http://www.w3.org", "").replace("http://purl.org", "")


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
@pytest.mark.skipif(chromium() is None, reason="Debian chromium is not installed (make system-deps installs it)")
@pytest.mark.parametrize("page, expected", [
    ("?saved=actors-by-source&run=1", ["Region Halland", "Gnesta kommun"]),
    ("?query=" + quote(SOURCES_QUERY) + "&run=1", ["region-sormland-nara-vard", "5 rows"]),
    ("?saved=principles-by-region&region=Halland&run=1", ["personcentrering", "Halland"]),
])
def test_the_query_page_runs_queries_in_headless_chromium(endpoint, tmp_path, page, expected):
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
               "--virtual-time-budget=15000", "--dump-dom", endpoint + page]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "HOME": str(tmp_path)})
    dom = result.stdout
    assert '<table id="results">' in dom, result.stderr[-2000:]
    for text in expected:
        assert text in dom
    assert 'id="status" class="error"' not in dom
