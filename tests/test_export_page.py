"""The interactive page: safe embedding of hostile text, and the real page in headless Chromium."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from cdp import Browser, chromium_path
from export_helpers import FixtureStore
from lxml import html

from pipeline.export.base import ExportOptions, format_for
from pipeline.export.html_page import script_json
from pipeline.export.views import build_view

HOSTILE_ID = "actor.script-alert-x-script-co"
HOSTILE = '<script>alert("x")</script> & Co'
HOSTILE_QUOTE = 'Citat med <img src=x onerror=alert(1)> och </script> och \u2028radbrytning & "citat".'
SHOWN_QUOTE = 'Citat med <img src=x onerror=alert(1)> och </script> och radbrytning & "citat".'  # spaces collapsed
SCREENSHOTS = Path(__file__).resolve().parent.parent / "output" / "screenshots"


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("page") / "graph.html"
    format_for(out).write(FixtureStore(), out, ExportOptions())
    return out


def test_script_json_escapes_everything_that_could_end_the_script():
    text = script_json({"a": "</script><!-- & \u2028\u2029 >"})
    assert not any(ch in text for ch in "<>&\u2028\u2029")
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029 >"}


def test_page_embeds_hostile_text_only_as_escaped_json(page):
    text = page.read_text(encoding="utf-8")
    assert "<script>alert" not in text and "<img src=x" not in text and "\u2028" not in text
    doc = html.fromstring(text)
    scripts = doc.xpath("//script")
    assert len(scripts) == 2 and scripts[0].get("type") == "application/json"
    data = json.loads(scripts[0].text)
    hostile = next(n for n in data["nodes"] if n["id"] == HOSTILE_ID)
    assert hostile["label"] == HOSTILE
    assert hostile["quotes"][0]["exact"] == SHOWN_QUOTE


def test_page_is_self_contained_and_forbids_connections(page):
    doc = html.fromstring(page.read_bytes())
    for el in doc.xpath("//*[@src or @href]"):
        assert (el.get("src") or el.get("href")).startswith("data:"), html.tostring(el)
    csp = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    assert "script-src 'sha256-" in csp and "unsafe-inline" not in csp


def test_page_carries_quotes_and_source_titles(page):
    data = json.loads(html.fromstring(page.read_bytes()).xpath('//script[@id="graph-data"]')[0].text)
    assert data["sources"]["region-sormland-nara-vard"] == "Nära vård"
    node = next(n for n in data["nodes"] if n["id"] == "principle.personcentrering")
    assert len(node["quotes"]) == 3 and node["sources"] == sorted(node["sources"])
    assert [t["type"] for t in data["types"]] == ["principle", "shift", "actor", "report", "region", "goal"]


# The page in a real browser -----------------------------------------------------------------------------

def _browser_or_skip():
    if chromium_path() is None:
        pytest.skip("Debian's chromium is not installed (make system-deps installs it)")
    if importlib.util.find_spec("websocket") is None:
        pytest.skip("websocket-client is not installed (pip install -e '.[test]')")


VISIBLE = "document.querySelectorAll('circle.node:not(.hidden)').length"


@pytest.mark.browser
def test_page_in_headless_chromium(page):
    _browser_or_skip()
    G = build_view(FixtureStore(), ExportOptions())
    with Browser() as b:
        b.open(page.as_uri())
        b.wait_until("document.getElementById('graph').getAttribute('data-settled') === 'true'")
        # every node is drawn, with its label, and the legend counts the types
        assert b.eval("document.querySelectorAll('circle.node').length") == G.number_of_nodes()
        assert b.eval(VISIBLE) == G.number_of_nodes()
        assert b.eval("document.querySelectorAll('line.edge:not(.hidden)').length") == G.number_of_edges()
        assert b.eval("document.getElementById('status').textContent") == \
            f"{G.number_of_nodes()} av {G.number_of_nodes()} noder och {G.number_of_edges()} av {G.number_of_edges()} kanter visas"
        legend = b.eval("Array.from(document.querySelectorAll('#types .type')).map(r => r.textContent)")
        assert "Princip3" in legend and "Aktör5" in legend

        # search: the matches and their neighbours stay, the rest is hidden
        b.type_text("#search", "sörmland")
        shown = b.eval("Array.from(document.querySelectorAll('circle.node:not(.hidden)')).map(c => c.dataset.id)")
        assert {"actor.region-sormland", "place.sormland", "principle.personcentrering"} <= set(shown)
        assert "place.halland" not in shown and len(shown) < G.number_of_nodes()
        b.eval("document.getElementById('search').value = ''; "
               "document.getElementById('search').dispatchEvent(new Event('input'))")
        assert b.eval(VISIBLE) == G.number_of_nodes()

        # type filter: unticking actors hides the five actors
        b.click("#types input[value='actor']")
        assert b.eval(VISIBLE) == G.number_of_nodes() - 5
        assert b.eval("document.querySelectorAll('circle.node[data-type=actor]:not(.hidden)').length") == 0
        b.click("#types input[value='actor']")
        assert b.eval(VISIBLE) == G.number_of_nodes()

        # clicking a node shows its label, type, IRI, sources and quotes
        b.click("circle[data-id='principle.personcentrering']")
        details = b.eval("document.getElementById('details').innerText")
        assert "Personcentrering" in details and "Princip" in details
        assert "https://w3id.org/naravard/concept/principle/personcentrering" in details
        assert "Nära vård (region-sormland-nara-vard)" in details
        quotes = b.eval("Array.from(document.querySelectorAll('#details blockquote.quote p')).map(p => p.textContent)")
        assert quotes == ["Personcentrering är en av grundpelarna.…", "Personcentrerad vård i hela Sörmland.…",
                          "Personcentrering är kärnan i omställningen.…"]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        b.screenshot(SCREENSHOTS / "graph-page.png")

        # hostile text from a source shows as text and runs nothing
        b.click(f"circle[data-id='{HOSTILE_ID}']")
        assert b.eval("document.querySelector('#details h2').textContent") == HOSTILE
        assert b.eval("document.querySelector('#details blockquote p').textContent") == \
            SHOWN_QUOTE
        assert b.eval("document.querySelectorAll('script').length") == 2
        assert b.eval("document.querySelectorAll('#details img, #details script').length") == 0
        label = b.eval(f"document.querySelector('circle[data-id=\"{HOSTILE_ID}\"] title').textContent")
        assert label == HOSTILE
        b.screenshot(SCREENSHOTS / "graph-page-hostile.png")

        assert not [e for e in b.events if e.get("method") == "Page.javascriptDialogOpening"]
        assert b.requests() == [page.as_uri()]  # nothing but the page itself
        assert b.errors() == []
