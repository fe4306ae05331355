/* naravard: the interactive network page. Plain JavaScript, no library, no network access.
   The graph comes from the JSON element #graph-data. Every text that comes from the data is put into
   the page with textContent or setAttribute, never parsed as markup. */
(function () {
  "use strict";
  var SVGNS = "http://www.w3.org/2000/svg";
  var SCALE = 340; // layout units -> pixels
  var LABEL_ALL = 80; // label every node up to this many nodes, else only the most central
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var svg = document.getElementById("graph");
  var layers = { edges: document.getElementById("edges"), nodes: document.getElementById("nodes"),
                 labels: document.getElementById("labels") };
  var details = document.getElementById("details");
  var statusLine = document.getElementById("status");
  var search = document.getElementById("search");
  var colours = {}, typeNames = {}, byId = new Map();
  var hiddenTypes = new Set(), query = "", selected = null;
  var view = { k: 1, x: 0, y: 0 }, userMoved = false;
  var alpha = 0.6, running = false;

  data.types.forEach(function (t) { colours[t.type] = t.colour; typeNames[t.type] = t.name; });

  function svgEl(name, attrs, parent) {
    var e = document.createElementNS(SVGNS, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    parent.appendChild(e);
    return e;
  }
  function htmlEl(name, text, parent, cls) {
    var e = document.createElement(name);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function truncate(s, n) { s = String(s); return s.length > n ? s.slice(0, n - 1) + "\u2026" : s; }
  function radius(n) { return Math.min(6 + 2.5 * Math.sqrt(n.mentions || 0), 32); }
  function sourceTitle(id) { return data.sources[id] || id; }

  /* --- build the drawing ------------------------------------------------------------------------ */
  var ranked = data.nodes.slice().sort(function (a, b) { return b.pagerank - a.pagerank; });
  var labelled = new Set(ranked.slice(0, data.nodes.length <= LABEL_ALL ? ranked.length : 40).map(function (n) { return n.id; }));
  data.nodes.forEach(function (n) {
    n.x *= SCALE; n.y *= SCALE; n.vx = 0; n.vy = 0; n.links = []; n.r = radius(n);
    byId.set(n.id, n);
  });
  data.edges.forEach(function (e) {
    e.s = byId.get(e.source); e.t = byId.get(e.target);
    e.s.links.push({ node: e.t, edge: e }); e.t.links.push({ node: e.s, edge: e });
    e.el = svgEl("line", { "class": "edge" + (e.directed ? "" : " symmetric"),
                           "stroke-width": (0.8 + Math.log(1 + e.weight)).toFixed(2) }, layers.edges);
    svgEl("title", {}, e.el).textContent = e.s.label + " \u2014 " + e.type + " \u2014 " + e.t.label + " (" + e.weight + ")";
  });
  data.nodes.forEach(function (n) {
    n.el = svgEl("circle", { "class": "node", "r": n.r.toFixed(1), "fill": colours[n.type] || "#999999",
                             "data-id": n.id, "data-type": n.type, "tabindex": "0" }, layers.nodes);
    svgEl("title", {}, n.el).textContent = n.label;
    n.labelEl = svgEl("text", { "class": "label", "text-anchor": "middle" }, layers.labels);
    n.labelEl.textContent = truncate(n.label, 40);
    if (!labelled.has(n.id)) { n.labelEl.classList.add("quiet"); }
  });

  /* --- legend and type filter ------------------------------------------------------------------- */
  var typesBox = document.getElementById("types");
  data.types.forEach(function (t) {
    var count = data.nodes.filter(function (n) { return n.type === t.type; }).length;
    var row = htmlEl("label", null, typesBox, "type");
    var box = htmlEl("input", null, row);
    box.type = "checkbox"; box.checked = true; box.value = t.type;
    box.addEventListener("change", function () {
      if (box.checked) { hiddenTypes.delete(t.type); } else { hiddenTypes.add(t.type); }
      applyFilters();
    });
    var swatch = htmlEl("span", null, row, "swatch");
    swatch.style.background = t.colour;
    htmlEl("span", t.name, row);
    htmlEl("span", count, row, "count");
  });

  /* --- filtering: type checkboxes and search ---------------------------------------------------- */
  function matches(n) { return query !== "" && n.label.toLowerCase().indexOf(query) !== -1; }
  function applyFilters() {
    var shown = new Set();
    data.nodes.forEach(function (n) {
      if (hiddenTypes.has(n.type)) { return; }
      if (query === "" || matches(n)) { shown.add(n); }
    });
    if (query !== "") { // show the matches' neighbours too, for context
      Array.from(shown).forEach(function (n) {
        n.links.forEach(function (l) { if (!hiddenTypes.has(l.node.type)) { shown.add(l.node); } });
      });
    }
    var edgesShown = 0;
    data.nodes.forEach(function (n) {
      var on = shown.has(n);
      n.visible = on;
      n.el.classList.toggle("hidden", !on);
      n.el.classList.toggle("match", matches(n));
      n.labelEl.classList.toggle("hidden", !on || (n.labelEl.classList.contains("quiet") && !matches(n) && n !== selected));
    });
    data.edges.forEach(function (e) {
      var on = e.s.visible && e.t.visible;
      e.el.classList.toggle("hidden", !on);
      if (on) { edgesShown += 1; }
    });
    statusLine.textContent = shown.size + " av " + data.nodes.length + " noder och " + edgesShown + " av " +
      data.edges.length + " kanter visas";
    if (selected && !selected.visible) { select(null); }
  }
  search.addEventListener("input", function () { query = search.value.trim().toLowerCase(); applyFilters(); });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var first = data.nodes.filter(function (n) { return n.visible && matches(n); })[0];
      if (first) { select(first); }
    }
  });
  document.getElementById("reset").addEventListener("click", function () {
    search.value = ""; query = ""; hiddenTypes.clear();
    typesBox.querySelectorAll("input").forEach(function (b) { b.checked = true; });
    select(null); applyFilters(); fit();
  });

  /* --- details of the selected node ------------------------------------------------------------- */
  function row(dl, term, value) {
    htmlEl("dt", term, dl);
    var dd = htmlEl("dd", null, dl);
    if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = String(value); }
  }
  function select(n) {
    selected = n;
    data.nodes.forEach(function (m) {
      var near = !n || m === n || n.links.some(function (l) { return l.node === m; });
      m.el.classList.toggle("selected", m === n);
      m.el.classList.toggle("faded", !near);
      m.labelEl.classList.toggle("faded", !near);
    });
    data.edges.forEach(function (e) { e.el.classList.toggle("faded", !!n && e.s !== n && e.t !== n); });
    details.replaceChildren();
    if (!n) { htmlEl("p", "Ingen nod vald.", details, "hint"); applyLabels(); return; }
    htmlEl("h2", n.label, details);
    var dl = htmlEl("dl", null, details);
    row(dl, "Typ", (typeNames[n.type] || n.type) + (n.kind ? " (" + n.kind + ")" : ""));
    var iri;
    if (/^https?:\/\//.test(n.iri)) {
      iri = htmlEl("a", n.iri); iri.href = n.iri; iri.target = "_blank"; iri.rel = "noopener noreferrer";
    } else { iri = htmlEl("code", n.iri); }
    row(dl, "IRI", iri);
    row(dl, "Omnämnanden", n.mentions);
    row(dl, "Källor", n.sources.length);
    row(dl, "Kopplingar", n.degree);
    row(dl, "Grupp", n.community);
    htmlEl("h3", "Källor", details);
    var list = htmlEl("ul", null, details, "sources");
    n.sources.forEach(function (s) { htmlEl("li", sourceTitle(s) + " (" + s + ")", list); });
    htmlEl("h3", "Citat", details);
    if (!n.quotes.length) { htmlEl("p", "Inga citat i exporten.", details, "hint"); }
    n.quotes.forEach(function (q) {
      var block = htmlEl("blockquote", null, details, "quote");
      var p = htmlEl("p", null, block, "quote-text");
      htmlEl("span", (q.prefix ? "\u2026" : "") + q.prefix, p);
      htmlEl("mark", q.exact, p);
      htmlEl("span", q.suffix + (q.suffix ? "\u2026" : ""), p);
      htmlEl("cite", sourceTitle(q.source), block);
    });
    htmlEl("h3", "Kopplingar", details);
    var nl = htmlEl("ul", null, details, "neighbours");
    n.links.slice().sort(function (a, b) { return a.node.label.localeCompare(b.node.label, "sv"); }).forEach(function (l) {
      var li = htmlEl("li", null, nl);
      var b = htmlEl("button", l.node.label, li, "neighbour");
      b.type = "button";
      b.addEventListener("click", function () { select(l.node); });
      htmlEl("span", " \u2014 " + l.edge.type + " (" + l.edge.weight + ")", li);
    });
    applyLabels();
  }
  function applyLabels() { applyFilters(); }

  /* --- force layout ----------------------------------------------------------------------------- */
  function tick() {
    var ns = data.nodes, i, j, a, b, dx, dy, d2, d, f, gap;
    for (i = 0; i < ns.length; i++) {
      a = ns[i];
      for (j = i + 1; j < ns.length; j++) {
        b = ns[j]; dx = b.x - a.x; dy = b.y - a.y; d2 = dx * dx + dy * dy;
        if (d2 < 1) { dx = (i - j) * 0.1 + 0.5; dy = 0.5; d2 = dx * dx + dy * dy; }
        if (d2 > 360000) { continue; }
        f = 2600 * alpha / d2;
        a.vx -= dx * f; a.vy -= dy * f; b.vx += dx * f; b.vy += dy * f;
        gap = a.r + b.r + 8;
        if (d2 < gap * gap) { // no overlap: push the pair apart at once
          d = Math.sqrt(d2); f = (gap - d) / d * 0.5;
          a.x -= dx * f * 0.5; a.y -= dy * f * 0.5; b.x += dx * f * 0.5; b.y += dy * f * 0.5;
        }
      }
    }
    data.edges.forEach(function (e) {
      dx = e.t.x - e.s.x; dy = e.t.y - e.s.y; d = Math.sqrt(dx * dx + dy * dy) || 1;
      f = (d - 70 - e.s.r - e.t.r) / d * alpha * 0.3 / Math.min(e.s.links.length, e.t.links.length);
      e.s.vx += dx * f; e.s.vy += dy * f; e.t.vx -= dx * f; e.t.vy -= dy * f;
    });
    ns.forEach(function (n) {
      f = (n.links.length ? 0.004 : 0.03) * alpha; // pull loose nodes in, so they do not set the zoom
      n.vx -= n.x * f; n.vy -= n.y * f;
      n.vx *= 0.55; n.vy *= 0.55;
      if (!n.fixed) { n.x += n.vx; n.y += n.vy; }
    });
    alpha *= 0.975;
  }
  /* Positions go through the zoom; sizes and text stay the same on screen. */
  function sx(n) { return (n.x * view.k + view.x).toFixed(1); }
  function sy(n) { return (n.y * view.k + view.y).toFixed(1); }
  function draw() {
    data.edges.forEach(function (e) {
      e.el.setAttribute("x1", sx(e.s)); e.el.setAttribute("y1", sy(e.s));
      e.el.setAttribute("x2", sx(e.t)); e.el.setAttribute("y2", sy(e.t));
    });
    data.nodes.forEach(function (n) {
      n.el.setAttribute("cx", sx(n)); n.el.setAttribute("cy", sy(n));
      n.labelEl.setAttribute("x", sx(n)); n.labelEl.setAttribute("y", (n.y * view.k + view.y - n.r - 4).toFixed(1));
    });
  }
  var frame = window.requestAnimationFrame ? window.requestAnimationFrame.bind(window)
    : function (f) { return window.setTimeout(f, 16); };
  function loop() {
    for (var i = 0; i < 3 && alpha > 0.02; i++) { tick(); }
    draw();
    if (!userMoved) { fit(); }
    if (alpha > 0.02) { frame(loop); } else { running = false; svg.setAttribute("data-settled", "true"); }
  }
  function reheat(value) {
    alpha = Math.max(alpha, value);
    svg.removeAttribute("data-settled");
    if (!running) { running = true; frame(loop); }
  }

  /* --- zoom, pan, drag and click ---------------------------------------------------------------- */
  function applyView() { draw(); }
  function fit() {
    var box = svg.getBoundingClientRect(), xs = [], ys = [];
    data.nodes.forEach(function (n) { if (n.visible !== false) { xs.push(n.x); ys.push(n.y); } });
    if (!xs.length || !box.width) { return; }
    var minX = Math.min.apply(null, xs), maxX = Math.max.apply(null, xs);
    var minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
    var k = Math.min((box.width - 260) / (maxX - minX + 1), (box.height - 80) / (maxY - minY + 1), 2);
    view.k = k; view.x = box.width / 2 - k * (minX + maxX) / 2; view.y = box.height / 2 + 10 - k * (minY + maxY) / 2;
    applyView();
  }
  function toGraph(ev) {
    var box = svg.getBoundingClientRect();
    return { x: (ev.clientX - box.left - view.x) / view.k, y: (ev.clientY - box.top - view.y) / view.k };
  }
  var drag = null;
  svg.addEventListener("pointerdown", function (ev) {
    var id = ev.target.getAttribute && ev.target.getAttribute("data-id");
    drag = { node: id ? byId.get(id) : null, x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, moved: false };
    svg.setPointerCapture(ev.pointerId);
    if (!drag.node) { svg.classList.add("panning"); }
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) { return; }
    if (Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) > 4) { drag.moved = true; }
    if (!drag.moved) { return; }
    userMoved = true;
    if (drag.node) {
      var p = toGraph(ev);
      drag.node.fixed = true; drag.node.x = p.x; drag.node.y = p.y;
      reheat(0.25);
    } else {
      view.x = drag.vx + ev.clientX - drag.x; view.y = drag.vy + ev.clientY - drag.y; applyView();
    }
  });
  svg.addEventListener("pointerup", function () {
    if (!drag) { return; }
    svg.classList.remove("panning");
    if (drag.node) { drag.node.fixed = false; }
    if (!drag.moved) { select(drag.node || null); }
    drag = null;
  });
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    userMoved = true;
    var box = svg.getBoundingClientRect(), px = ev.clientX - box.left, py = ev.clientY - box.top;
    var k = Math.max(0.1, Math.min(8, view.k * Math.exp(-ev.deltaY * 0.0015)));
    view.x = px - (px - view.x) * k / view.k; view.y = py - (py - view.y) * k / view.k; view.k = k;
    applyView();
  }, { passive: false });
  layers.nodes.addEventListener("keydown", function (ev) {
    var id = ev.target.getAttribute("data-id");
    if (id && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); select(byId.get(id)); }
  });
  window.addEventListener("resize", function () { if (!userMoved) { fit(); } });

  applyFilters();
  draw();
  fit();
  reheat(alpha);
}());
