"""The query page served at ``/`` by ``naravard serve``: one self-contained HTML file.

It lists the saved queries (from ``/saved``) with their descriptions and parameter fields, lets the
user edit and run SPARQL against ``/sparql``, and shows results as a table (SELECT), yes/no (ASK) or
Turtle (CONSTRUCT). Everything from the store is inserted as text, never as markup. URL parameters
``?query=…`` or ``?saved=NAME&PARAM=…`` prefill the page, and ``run=1`` runs at once.
"""

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>naravard SPARQL endpoint</title>
<style>
 body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5em auto; max-width: 70em; padding: 0 1em; color: #222; }
 h1 { font-size: 1.3em; } textarea { width: 100%; height: 14em; font: 13px monospace; }
 table { border-collapse: collapse; margin-top: 1em; font-size: 13px; }
 th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
 th { background: #f3f3f3; } #status { margin-top: .8em; font-weight: 600; } .error { color: #a00; }
 #params label { display: inline-block; margin: .3em 1em .3em 0; } #description { color: #555; }
 pre { background: #f7f7f7; padding: .6em; overflow: auto; }
</style>
</head>
<body>
<h1>naravard — SPARQL endpoint (read-only)</h1>
<p>Query the knowledge graph of the <i>God och nära vård</i> sources. The default graph is the union of
all named graphs; <code>GRAPH ?g</code> names the source graph. Endpoint for SPARQL clients: <code>/sparql</code>.</p>
<p><label>Saved query: <select id="saved"><option value="">— write your own —</option></select></label></p>
<p id="description"></p>
<div id="params"></div>
<textarea id="query" spellcheck="false">PREFIX nvo: <https://w3id.org/naravard/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>

SELECT ?source ?actor (SAMPLE(?l) AS ?label) WHERE {
  GRAPH ?g {
    ?doc nvo:mentions ?actor ; dct:isVersionOf ?s .
    ?s dct:identifier ?source .
    ?actor a nvo:Actor ; skos:prefLabel ?l .
  }
} GROUP BY ?source ?actor ORDER BY ?source ?label</textarea>
<p><button id="run">Run query</button></p>
<div id="status"></div>
<div id="output"></div>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
let catalogue = [];

function text(tag, value) { const el = document.createElement(tag); el.textContent = value; return el; }

function showParams(entry) {
  const box = $("params"); box.replaceChildren();
  $("description").textContent = entry ? entry.description : "";
  if (!entry) return;
  for (const p of entry.params) {
    const label = text("label", p.name + (p.required ? " (required) " : " "));
    const input = document.createElement("input");
    input.name = p.name; input.placeholder = p.default || p.type; input.title = p.description;
    const given = new URLSearchParams(location.search).get(p.name);
    if (given) input.value = given;
    label.appendChild(input); box.appendChild(label);
  }
}

function pick(name) {
  const entry = catalogue.find((q) => q.name === name);
  $("saved").value = entry ? name : "";
  if (entry) $("query").value = entry.text;
  showParams(entry);
}

function cell(term) {
  if (!term) return "";
  return term.type === "uri" ? term.value : term.value + (term["xml:lang"] ? " @" + term["xml:lang"] : "");
}

function showResults(data) {
  const out = $("output"); out.replaceChildren();
  if ("boolean" in data) { $("status").textContent = data.boolean ? "yes" : "no"; return; }
  const vars = data.head.vars, rows = data.results.bindings;
  $("status").textContent = rows.length + (rows.length === 1 ? " row" : " rows");
  const table = document.createElement("table"); table.id = "results";
  const head = document.createElement("tr");
  for (const v of vars) head.appendChild(text("th", v));
  table.appendChild(head);
  for (const row of rows) {
    const tr = document.createElement("tr");
    for (const v of vars) tr.appendChild(text("td", cell(row[v])));
    table.appendChild(tr);
  }
  out.appendChild(table);
}

async function run() {
  $("status").className = ""; $("status").textContent = "running…"; $("output").replaceChildren();
  const name = $("saved").value, entry = catalogue.find((q) => q.name === name);
  let response;
  try {
    if (entry && $("query").value === entry.text) {
      const params = new URLSearchParams();
      for (const input of $("params").querySelectorAll("input")) if (input.value) params.set(input.name, input.value);
      response = await fetch("saved/" + encodeURIComponent(name) + "?" + params, {headers: {Accept: "application/sparql-results+json, text/turtle;q=0.9"}});
    } else {
      response = await fetch("sparql", {method: "POST", body: new URLSearchParams({query: $("query").value}),
        headers: {Accept: "application/sparql-results+json, text/turtle;q=0.9"}});
    }
    const type = response.headers.get("Content-Type") || "";
    if (!response.ok) throw new Error(await response.text());
    if (type.startsWith("application/sparql-results+json")) showResults(await response.json());
    else { $("status").textContent = "RDF result"; $("output").replaceChildren(text("pre", await response.text())); }
    if (response.headers.get("X-Result-Truncated")) $("status").textContent += " (truncated)";
  } catch (err) {
    $("status").className = "error"; $("status").textContent = "Error: " + err.message;
  }
}

async function start() {
  const url = new URLSearchParams(location.search);
  try { catalogue = await (await fetch("saved")).json(); } catch (err) { catalogue = []; }
  for (const q of catalogue) { const o = text("option", q.name + " — " + q.title); o.value = q.name; $("saved").appendChild(o); }
  $("saved").addEventListener("change", (e) => pick(e.target.value));
  $("run").addEventListener("click", run);
  if (url.get("saved")) pick(url.get("saved"));
  else if (url.get("query")) $("query").value = url.get("query");
  if (url.get("run")) await run();
}
start();
</script>
</body>
</html>
"""
