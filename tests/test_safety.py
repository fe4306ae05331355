"""Hostile sources and clients: SSRF refusal, no XML external entities, a read-only endpoint bound to
loopback, and source text escaped in the HTML export.

Related tests elsewhere, not repeated here: the fetch client's own checks (test_fetch_safety.py),
the endpoint's time and result-size limits and its Update refusal through a SPARQL client
(test_serve.py), and ``kill -9`` in the middle of an ingest (test_ingest_crash.py).
"""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from fetchserver import SeedSite
from lxml import etree

from pipeline import iri
from pipeline.cli import main
from pipeline.errors import UnsafeURLError
from pipeline.fetch.safety import check_url
from pipeline.graph.store import open_store
from pipeline.settings import PROJECT_ROOT, Settings

BUNDLED = PROJECT_ROOT / "sources"
SECRET = "HEMLIGT-7f3a9c"
LOOPBACK = ("127.0.0.1",)


def naravard(*args: str | Path):
    return CliRunner().invoke(main, [str(a) for a in args])


def config(tmp_path: Path, allowed: tuple[str, ...] = LOOPBACK) -> Path:
    path = tmp_path / "naravard.toml"
    hosts = ", ".join(f'"{h}"' for h in allowed)
    path.write_text(f"allowed_hosts = [{hosts}]\nrate_limit = 0\nretries = 1\nbackoff = 0\ntimeout = 2.0\n",
                    encoding="utf-8")
    return path


def catalogue(tmp_path: Path, entries: dict[str, str], kind: str = "html") -> Path:
    directory = tmp_path / "sources"
    directory.mkdir(exist_ok=True)
    for source_id, url in entries.items():
        (directory / f"{source_id}.toml").write_text(
            f'id = "{source_id}"\nurl = "{url}"\npublisher = "Region Exempel"\nkind = "{kind}"\n', encoding="utf-8")
    return directory


def ingest(tmp_path: Path, entries: dict[str, str], allowed: tuple[str, ...] = LOOPBACK):
    return naravard("ingest", "--sources", catalogue(tmp_path, entries), "--output", tmp_path / "out",
                    "--config", config(tmp_path, allowed), "--jobs", "1")


def detail(result, source_id: str) -> str:
    """The message printed under a source's line in the ingest output."""
    lines = result.output.splitlines()
    i = next(i for i, ln in enumerate(lines) if f" {source_id} " in ln and not ln.startswith("failed:"))
    return lines[i + 1].strip()


@pytest.fixture
def site():
    with SeedSite() as s:
        yield s


PAGE = ("<!doctype html><html lang='sv'><head><title>Nära vård</title></head><body><main><h1>Nära vård</h1>"
        "<p>Personcentrerad vård nära invånarna i Region Halland.</p></main></body></html>").encode()


# -- SSRF ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("url", "host", "address"), [
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254", "169.254.169.254"),  # cloud metadata
    ("http://10.1.2.3/intranet", "10.1.2.3", "10.1.2.3"),
    ("https://192.168.0.1/", "192.168.0.1", "192.168.0.1"),
    ("http://100.64.0.1/", "100.64.0.1", "100.64.0.1"),  # carrier-grade NAT
    ("http://[::1]:8080/", "::1", "::1"),
    ("http://[fe80::1]/", "fe80::1", "fe80::1"),
    ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1", "::ffff:127.0.0.1"),  # IPv4 inside IPv6
    ("http://2130706433/", "2130706433", "127.0.0.1"),  # 127.0.0.1 written as one number
    ("http://127.1/", "127.1", "127.0.0.1"),  # short form
    ("http://0.0.0.0:7878/", "0.0.0.0", "0.0.0.0"),
])
def test_non_public_addresses_in_any_spelling_are_refused(url, host, address):
    with pytest.raises(UnsafeURLError) as err:
        check_url(url, Settings())
    assert str(err.value) == f"{url}: refused: {host} resolves to the non-public address {address}"
    assert err.value.hint == ("set allow_private_addresses = true or add the host to allowed_hosts in naravard.toml "
                              "if this is intended")


def test_loopback_source_refused_unless_allowed_in_settings(tmp_path, site):
    site.put("/sida.html", PAGE)
    url = site.url("/sida.html")
    refused = ingest(tmp_path, {"lokal": url}, allowed=())
    assert refused.exit_code == 1  # the only source failed
    assert detail(refused, "lokal") == f"{url}: refused: 127.0.0.1 resolves to the non-public address 127.0.0.1"
    assert site.log == []  # not even robots.txt was asked for
    allowed = ingest(tmp_path, {"lokal": url})
    assert allowed.exit_code == 0 and "1 new" in allowed.output, allowed.output


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.7/admin",
                                    "http://[::1]/"])
def test_redirect_from_an_allowed_host_to_a_private_one_is_refused(tmp_path, site, target):
    site.redirect("/flyttad", target)
    site.put("/sida.html", PAGE)
    result = ingest(tmp_path, {"flyttad": site.url("/flyttad"), "bra": site.url("/sida.html")})
    host = target.split("/")[2].strip("[]")
    assert detail(result, "flyttad") == f"{target}: refused: {host} resolves to the non-public address {host}"
    assert result.exit_code == 0 and "1 new" in result.output  # the good source was ingested


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/fil.pdf", "gopher://127.0.0.1:70/"])
def test_redirect_to_another_scheme_is_refused(tmp_path, site, target):
    site.redirect("/flyttad", target)
    url = site.url("/flyttad")
    result = ingest(tmp_path, {"flyttad": url})
    assert detail(result, "flyttad") == f"{url}: refused redirect from {url} to {target}: only http and https are followed"
    assert result.exit_code == 1


# -- XML external entities -------------------------------------------------------------------------------
def hostile_xml(secret_file: Path, site: SeedSite, root: str) -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n'
            f'<!DOCTYPE {root} [\n'
            f'  <!ENTITY fil SYSTEM "{secret_file.as_uri()}">\n'
            f'  <!ENTITY natet SYSTEM "{site.url("/lacka")}">\n'
            f'  <!ENTITY % fjarr SYSTEM "{site.url("/dtd")}">\n'
            f'  %fjarr;\n'
            f'  <!ENTITY lol "lol">\n'
            f'  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
            f'  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n'
            f']>\n')


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "hemlig.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def test_xhtml_source_with_external_entities_is_read_without_them(tmp_path, site, secret):
    page = hostile_xml(secret, site, "html") + (
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Nära vård</title></head><body><main>'
        "<h1>Nära vård</h1><p>Fil: &fil; nät: &natet; skratt: &lol3;.</p>"
        "<p>Personcentrerad vård nära invånarna i Region Halland.</p></main></body></html>")
    site.put("/sida.xhtml", page.encode(), "application/xhtml+xml")
    site.put("/lacka", SECRET.encode(), "text/plain")
    site.put("/dtd", f'<!ENTITY fil2 SYSTEM "{secret.as_uri()}">'.encode(), "application/xml-dtd")
    result = ingest(tmp_path, {"xhtml": site.url("/sida.xhtml")})
    assert result.exit_code == 0 and "1 new" in result.output, result.output
    with open_store(Settings(output=tmp_path / "out"), read_only=True) as store:
        stored = "\n".join(str(q) for q in store.quads(iri.graph("xhtml")))
    assert "Personcentrerad" in stored
    assert SECRET not in stored and "lollol" not in stored
    assert [path for _m, path, _h in site.log if path != "/robots.txt"] == ["/sida.xhtml"]

    local = tmp_path / "sida.xhtml"
    local.write_text(page, encoding="utf-8")
    parsed = naravard("parse", local)
    assert parsed.exit_code == 0 and "Personcentrerad vård" in parsed.output
    assert SECRET not in parsed.output and "lollol" not in parsed.output
    assert [path for _m, path, _h in site.log if path != "/robots.txt"] == ["/sida.xhtml"]


def rdf_xml(secret: Path, site: SeedSite) -> bytes:
    return (hostile_xml(secret, site, "rdf:RDF") + (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="http://purl.org/dc/terms/">'
        '<rdf:Description rdf:about="https://www.exempel.se/dokument">'
        "<dct:title>fil: &fil; nät: &natet; skratt: &lol3;</dct:title>"
        "</rdf:Description></rdf:RDF>")).encode()


def test_rdf_xml_with_external_entities_is_not_resolved_by_the_store_parser(site, secret):
    """pyoxigraph parses every RDF the pipeline reads (store, exports, SPARQL results): entities stay out."""
    site.put("/lacka", SECRET.encode(), "text/plain")
    try:
        text = " ".join(str(q) for q in ox.parse(rdf_xml(secret, site), format=ox.RdfFormat.RDF_XML))
    except SyntaxError as exc:
        text = str(exc)
    assert SECRET not in text and "lollol" not in text
    assert site.log == []


def test_rdf_xml_with_external_entities_is_not_resolved_by_rdflib(site, secret):
    """rdflib reads the SHACL shapes and validation input; its RDF/XML parser must not resolve entities either."""
    import rdflib

    site.put("/lacka", SECRET.encode(), "text/plain")
    site.put("/dtd", b"", "application/xml-dtd")
    graph = rdflib.Graph()
    try:
        graph.parse(data=rdf_xml(secret, site), format="xml")
        text = " ".join(str(o) for o in graph.objects())
    except Exception as exc:  # noqa: BLE001 - refusing the document is as good as ignoring the entities
        text = str(exc)
    assert SECRET not in text
    assert site.log == []


# -- the read-only endpoint ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def store_output(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("endpoint") / "out"
    result = naravard("ingest", "--sources", BUNDLED, "--output", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def endpoint(store_output):
    from pipeline.query.server import make_server

    server = make_server(Settings(output=store_output, query_timeout=10), port=0, workers=1)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def count(endpoint) -> int:
    response = httpx.get(endpoint.url + "sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"},
                         headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert response.status_code == 200
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_endpoint_binds_to_loopback_by_default(endpoint):
    from pipeline.cli.serve import serve

    assert endpoint.server_address[0] == "127.0.0.1"
    assert next(p for p in serve.params if p.name == "host").default == "127.0.0.1"


@pytest.mark.parametrize("request_", [
    dict(method="GET", url="sparql", params={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}),
    dict(method="POST", url="sparql", data={"query": "PREFIX x: <urn:x>\nDELETE WHERE { ?s ?p ?o }"}),
    dict(method="POST", url="sparql", content=b"# tom\nCLEAR ALL",
         headers={"Content-Type": "application/sparql-query"}),
    dict(method="POST", url="sparql", data={"update": "DROP ALL"}),
    dict(method="PUT", url="sparql", content=b"<urn:a> <urn:b> <urn:c> .",
         headers={"Content-Type": "application/n-triples"}),
])
def test_update_in_any_disguise_is_refused_and_the_data_stays(endpoint, request_):
    before = count(endpoint)
    request = dict(request_, url=endpoint.url + request_["url"])
    response = httpx.request(**request, timeout=30)
    assert response.status_code == 403
    assert response.text == "this endpoint is read-only: SPARQL Update is refused\n"
    assert count(endpoint) == before


# -- the HTML export escapes what sources say -------------------------------------------------------------
HOSTILE = '</script><img src=x onerror="alert(1)"><script>alert(2)</script>'


def test_hostile_source_text_is_escaped_in_the_html_export(tmp_path):
    sources = tmp_path / "sources"
    (sources / "snapshots").mkdir(parents=True)
    escaped = HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    (sources / "snapshots" / "fientlig.html").write_text(
        f"<!doctype html><html lang='sv'><head><title>{escaped} Nära vård</title></head><body><main>"
        f"<h1>{escaped} Nära vård</h1><p>Personcentrerad vård {escaped} nära invånarna i Region Halland. "
        f"Region Halland arbetar med personcentrerad vård {escaped}.</p></main></body></html>", encoding="utf-8")
    (sources / "fientlig.toml").write_text(
        'id = "fientlig"\nurl = "https://www.exempel.se/fientlig"\npublisher = "Region <b>Exempel</b>"\n'
        'kind = "html"\nsnapshot = "snapshots/fientlig.html"\n', encoding="utf-8")
    shutil.copy(BUNDLED / "gnesta-nara-vard.toml", sources)
    shutil.copytree(BUNDLED / "snapshots", sources / "snapshots", dirs_exist_ok=True)
    output = tmp_path / "out"
    assert naravard("ingest", "--sources", sources, "--output", output, "--jobs", "1").exit_code == 0
    page_path = tmp_path / "graf.html"
    result = naravard("export", "--output", output, "--out", page_path, "--view", "document-concept")
    assert result.exit_code == 0, result.output

    page = page_path.read_text(encoding="utf-8")
    assert page.lower().count("<script") == 2  # the data and the page's own script, nothing from the source
    assert "<img" not in page.lower() and "</script><" not in page.lower()  # "<" only ever as \u003c in data
    tree = etree.fromstring(page, etree.HTMLParser())
    assert tree.xpath("//img") == [] and not tree.xpath("//@*[starts-with(name(), 'on')]")
    data = json.loads(tree.xpath("//script[@id='graph-data']")[0].text)
    assert any(HOSTILE in text for text in strings(data))  # kept verbatim as data, never as markup


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [s for item in value for s in strings(item)] if isinstance(value, list) else []
