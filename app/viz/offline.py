"""Self-contained HTML from a pyvis Network: every script and style inline, nothing fetched.

pyvis's `in_line` mode inlines vis-network but still links Bootstrap from a CDN and prints an
empty heading; both go here. The page around the graph talks to it through `postMessage`
(click on a node, first drawing done), which this module adds as a small bridge script. Every script
tag carries the answer's CSP nonce (app.core.script_nonce), so the views run without 'unsafe-inline'.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemLoader
from pyvis.network import Network

from app.core import script_nonce

from app.viz.budget import BudgetedNetwork  # issue 18: every view stops at its render budget

# <link ... href="http(s)://..."> and <script src="http(s)://..."></script>, over several lines.
_EXTERNAL_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.I | re.S)
_EXTERNAL_SCRIPT = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>", re.I | re.S)
_COMMENTED_TAGS = re.compile(r"<!--\s*<(?:link|script)\b.*?-->", re.I | re.S)  # pyvis leaves a commented-out CDN tag
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.I)
_EXTERNAL_REF = re.compile(r"\b(?:src|href)\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)", re.I)

BASE_CSS = """
html, body { margin: 0; padding: 0; height: 100%; overflow: hidden;
  font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
/* The legend is a strip above the graph, never over it (nor over a tooltip): body is a column. */
body { display: flex; flex-direction: column; }
.card { border: 0 !important; flex: 1 1 auto; min-height: 0; height: auto !important; order: 2; }
#mynetwork { border: 0 !important; float: none !important; height: 100% !important; }
div.vis-tooltip { white-space: pre-line !important; max-width: 420px; font-size: 12px; line-height: 1.35;
  font-family: inherit !important; padding: 8px !important; z-index: 20 !important; }
#loadingBar { display: none !important; }  /* pyvis shows it past 100 nodes and waits for a stabilisation we skip */
.brm-legend { order: 1; flex: 0 0 auto; background: #fafbfc; border-bottom: 1px solid #cfd8dc;
  padding: 3px 10px; font-size: 12px; }
.brm-legend summary { cursor: pointer; font-weight: 600; }
.brm-legend ul { list-style: none; margin: 2px 0; padding: 0; display: flex; flex-wrap: wrap; gap: 2px 14px; }
.brm-legend li { white-space: nowrap; }
.brm-sw { display: inline-block; width: 12px; height: 12px; border-radius: 50%; margin-right: 6px;
  vertical-align: -2px; border: 1px solid #78909c; }
.brm-line { display: inline-block; width: 26px; margin-right: 6px; vertical-align: 3px; }
.brm-note { color: #607d8b; font-style: italic; }
"""

BRIDGE_JS = """
(function () {
  var view = %s;
  function tell(message) {
    message.source = "brm-graph"; message.view = view;
    try { if (window.parent && window.parent !== window) { window.parent.postMessage(message, "*"); } } catch (e) {}
  }
  if (typeof network === "undefined" || !network) { return; }
  var legend = document.querySelector(".brm-legend");
  if (legend) { legend.addEventListener("toggle", function () { network.redraw(); }); }
  // Key people's labels stay legible (KEY_PX on screen) at every zoom; others keep their size.
  var KEY_PX = 14;
  var keyIds = nodes.get({filter: function (n) { return n.key; }}).map(function (n) { return n.id; });
  var baseSize = {};
  nodes.get(keyIds).forEach(function (n) { baseSize[n.id] = (n.font && n.font.size) || 14; });
  var lastScale = null;
  // Key labels never cover another drawn label (issue 19: dense rows of big accounts). Greedy, most important
  // first: below the node, else above it, else left out at this zoom (the tooltip still names the person);
  // a plain label under a key label is hidden. Boxes in screen pixels, estimated with the canvas's own text metrics.
  var DEPT_PX = 11;  // a folded department's name and count on screen, at least
  var DRAW_PX = 5;  // vis-network does not draw a label smaller than this on screen (scaling.label.drawThreshold)
  var PAD = 3;
  var measure = document.createElement("canvas").getContext("2d");
  var origFont = {};
  nodes.forEach(function (n) { origFont[n.id] = Object.assign({}, n.font || {}); });
  function textBox(n, px) {
    measure.font = px + "px system-ui, sans-serif";
    var lines = String(n.label || "").split("\\n");
    var width = Math.max.apply(null, lines.map(function (l) { return measure.measureText(l).width; }));
    return {w: width + 2 * PAD, h: lines.length * px * 1.25 + PAD};
  }
  function boxAt(p, size, text, where, scale) {
    var x = p.x * scale, y = p.y * scale, r = size * scale;
    if (where === "inside") { return {x0: x - text.w / 2, x1: x + text.w / 2, y0: y - text.h / 2, y1: y + text.h / 2}; }
    var top = where === "below" ? y + r + 1 : y - r - 1 - text.h;
    return {x0: x - text.w / 2, x1: x + text.w / 2, y0: top, y1: top + text.h};
  }
  function hits(a, list) {
    for (var i = 0; i < list.length; i++) {
      var b = list[i];
      if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) { return true; }
    }
    return false;
  }
  function placeLabels(scale) {
    var all = nodes.get(), pos = network.getPositions(), placed = [], changes = [];
    var keys = all.filter(function (n) { return n.key; }).sort(function (a, b) {
      return (b.rank || 0) - (a.rank || 0) || (a.id < b.id ? -1 : 1); });
    all.forEach(function (n) {  // other boxes (employees) are fixed obstacles (label inside)
      if (!n.key && n.kind !== "department" && n.shape === "box" && pos[n.id]) {
        var px = ((origFont[n.id].size) || 13) * scale;
        if (px >= DRAW_PX) { placed.push(boxAt(pos[n.id], 0, textBox(n, px), "inside", scale)); }
      }
    });
    keys.forEach(function (n) {
      if (!pos[n.id]) { return; }
      var px = Math.max(baseSize[n.id] * scale, KEY_PX), text = textBox(n, px), size = n.size || 10, where = null;
      ["below", "above"].some(function (w) { var b = boxAt(pos[n.id], size, text, w, scale); if (!hits(b, placed)) { placed.push(b); where = w; return true; } return false; });
      var font = Object.assign({}, origFont[n.id], {size: px / scale, background: "none"});  // the halo is the stroke
      if (where === "above") { font.vadjust = -(2 * size + text.h / scale + 2 / scale); }
      if (!where) { font.color = "rgba(0,0,0,0)"; font.strokeWidth = 0; }
      changes.push({id: n.id, font: font, labelPlace: where || "hidden"});
    });
    all.forEach(function (n) {  // folded departments, after the key people: label legible (DEPT_PX) where it covers no other label
      if (n.kind !== "department" || !pos[n.id]) { return; }
      var px = Math.max(((origFont[n.id].size) || 14) * scale, DEPT_PX), box = boxAt(pos[n.id], 0, textBox(n, px), "inside", scale);
      var font = Object.assign({}, origFont[n.id]);
      if (!hits(box, placed)) { placed.push(box); font.size = px / scale; }
      changes.push({id: n.id, font: font});
    });
    all.forEach(function (n) {  // plain labels: drawn unless they would run into a key label
      if (n.key || n.shape === "box" || !pos[n.id]) { return; }
      var px = ((origFont[n.id].size) || 13) * scale, font = Object.assign({}, origFont[n.id]), where = "below";
      if (px >= DRAW_PX && hits(boxAt(pos[n.id], n.size || 10, textBox(n, px), "below", scale), placed)) {
        font.color = "rgba(0,0,0,0)"; font.strokeWidth = 0; font.background = "none"; where = "hidden";
      }
      if (where !== (n.labelPlace || "below")) { changes.push({id: n.id, font: font, labelPlace: where}); }
    });
    nodes.update(changes);
  }
  var lastSig = null;
  function positionsSig() {  // changes when any node moved by more than a few canvas pixels
    var p = network.getPositions(), sig = 0;
    Object.keys(p).forEach(function (id, i) { sig += (i + 1) * (Math.round(p[id].x / 4) * 31 + Math.round(p[id].y / 4)); });
    return sig;
  }
  function keepKeyLabels(force) {
    var scale = network.getScale();
    if (!keyIds.length) { return; }
    var sameScale = lastScale && Math.abs(scale - lastScale) / lastScale < 0.05;
    if (sameScale && (!force || positionsSig() === lastSig)) { return; }  // nothing moved: no update, no redraw loop
    lastScale = scale;
    lastSig = positionsSig();
    placeLabels(scale);
  }
  network.on("zoom", function () { keepKeyLabels(false); });
  // focus() and fit() zoom without a "zoom" event: check after every frame (the five-percent guard stops the loop)
  network.on("afterDrawing", function () { keepKeyLabels(false); });
  // nodes moved (a drag, the short repulsion at the start): place the labels again
  network.on("dragEnd", function () { keepKeyLabels(true); });
  network.on("stabilized", function () { keepKeyLabels(true); });
  [1500, 4000].forEach(function (ms) { setTimeout(function () { keepKeyLabels(true); }, ms); });
  // search: focus and highlight a person by name (also inside a folded department: ask the page to open it)
  function find(q) {
    q = String(q || "").trim().toLowerCase();
    if (!q) { return null; }
    var hit = nodes.get({filter: function (n) { return n.kind !== "department" && String(n.name || n.label || "").toLowerCase().indexOf(q) >= 0; }});
    if (hit.length) { return {id: hit[0].id}; }
    var folded = nodes.get({filter: function (n) { return n.kind === "department"; }});
    for (var i = 0; i < folded.length; i++) {
      var members = folded[i].members || [];
      for (var j = 0; j < members.length; j++) {
        if (String(members[j][1]).toLowerCase().indexOf(q) >= 0 || String(members[j][0]).toLowerCase() === q) {
          return {dept: folded[i].dept, id: members[j][0]};
        }
      }
    }
    return null;
  }
  function focus(id) {
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.1), animation: {duration: 400}});
    network.emit("selectNode", {nodes: [id], edges: []});
  }
  var revealAll = false;
  window.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.target !== "brm-graph") { return; }
    if (data.type === "focus") {
      var found = (data.id && nodes.get(data.id)) ? {id: data.id} : find(data.q);  // get(undefined) = every node
      if (found && found.dept && !nodes.get(found.id)) { tell({type: "expand", id: found.dept, focus: found.id}); }
      else if (found) { focus(found.id); tell({type: "found", id: found.id}); }
      else { tell({type: "found", id: null, q: data.q}); }
    } else if (data.type === "reveal_all") {
      revealAll = !!data.on;
      var all = edges.get({filter: function (e) { return e.reveal; }}).map(function (e) { return {id: e.id, hidden: !revealAll}; });
      edges.update(all);
    }
  });
  network.once("afterDrawing", function () {
    document.body.setAttribute("data-drawn", "1");
    tell({type: "drawn", nodes: nodes.length, edges: edges.length});
  });
  network.redraw();  // the first frame may already be drawn when physics is off: ask for one more
  // edges marked `reveal` (e.g. hundreds of KNOWS lines) stay hidden until one of their ends is selected
  var reveal = edges.get({filter: function (e) { return e.reveal; }}).map(function (e) { return e.id; });
  if (reveal.length) {
    edges.update(reveal.map(function (id) { return {id: id, hidden: true}; }));
    network.on("selectNode", function (params) {
      if (revealAll) { return; }
      var shown = {};
      params.nodes.forEach(function (n) { network.getConnectedEdges(n).forEach(function (e) { shown[e] = true; }); });
      edges.update(reveal.map(function (id) { return {id: id, hidden: !shown[id]}; }));
    });
    network.on("deselectNode", function () { if (!revealAll) { edges.update(reveal.map(function (id) { return {id: id, hidden: true}; })); } });
  }
  network.on("click", function (params) {
    if (!params.nodes.length) { return; }
    var node = nodes.get(params.nodes[0]);
    if (node.kind === "department") { tell({type: "expand", id: node.dept}); return; }
    tell({type: "node", id: node.id, kind: node.kind || null, name: node.name || null});
  });
})();
"""


def external_refs(document: str) -> list[str]:
    """Every src/href in the document that points off this page (should be none)."""
    return _EXTERNAL_REF.findall(document)


def legend_html(title: str, items: list[str], note: str | None = None) -> str:
    """A collapsible legend box; `items` are already-escaped HTML snippets."""
    rows = "".join(f"<li>{item}</li>" for item in items)
    extra = f'<div class="brm-note">{html.escape(note)}</div>' if note else ""
    return f'<details class="brm-legend" open><summary>{html.escape(title)}</summary><ul>{rows}</ul>{extra}</details>'


def swatch(color: str, text: str, *, border: str | None = None) -> str:
    style = f"background:{color};" + (f"border:2px solid {border};" if border else "")
    return f'<span class="brm-sw" style="{style}"></span>{html.escape(text)}'


def line(color: str, text: str, *, dashed: bool = False, width: int = 2) -> str:
    style = f"border-top:{width}px {'dashed' if dashed else 'solid'} {color};"
    return f'<span class="brm-line" style="{style}"></span>{html.escape(text)}'


def safe_title(text: str) -> str:
    """Tooltip text. pyvis switches to an innerHTML popup when a title contains 'href': escape then."""
    return html.escape(text) if "href" in text.lower() else text


@lru_cache(maxsize=4)
def _template_env(template_dir: str) -> Environment:
    """One jinja environment for every view: pyvis makes one per network, so each render parsed and compiled
    its page template again (0.2-0.7 s a view, issue 19); a shared one compiles it once per process."""
    return Environment(loader=FileSystemLoader(template_dir))


def new_network() -> Network:
    """A directed pyvis network that inlines its scripts (never `show()`, never a CDN)."""
    net = BudgetedNetwork(height="100vh", width="100%", directed=True, cdn_resources="in_line", bgcolor="#ffffff")
    net.templateEnv = _template_env(str(net.template_dir))
    return net


def render(net: Network, options: dict[str, Any], *, view: str, lang: str, overlay: str = "") -> str:
    """The full HTML document of a network, offline: CDN links gone, bridge and overlay added."""
    net.options = options
    document = net.generate_html()
    document = _EXTERNAL_LINK.sub("", document)
    document = _EXTERNAL_SCRIPT.sub("", document)
    document = _COMMENTED_TAGS.sub("", document)
    document = _EMPTY_HEADING.sub("", document)
    document = document.replace("<html>", f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">', 1)
    document = document.replace("</head>", f"<style>{BASE_CSS}</style>\n</head>", 1)
    document = script_nonce.stamp_document(document)  # issue 18: pyvis's scripts run under the page's nonce
    bridge = BRIDGE_JS % json.dumps(view)
    head, sep, tail = document.rpartition("</body>")
    document = f"{head}{overlay}{script_nonce.script(bridge)}\n{sep}{tail}"
    leftover = external_refs(document)
    if leftover:  # a pyvis upgrade added a CDN link we do not strip: fail loudly, never fetch
        raise RuntimeError(f"graph HTML still references outside resources: {leftover}")
    return document


def iframe(document: str, height: int = 600) -> str:
    """The document in a srcdoc iframe, for notebooks (IPython.display.HTML); the div keeps IPython from
    suggesting IFrame, which would need a URL to fetch."""
    return (f'<div class="brm-graph"><iframe srcdoc="{html.escape(document, quote=True)}" '
            f'style="width:100%;height:{height}px;border:1px solid #ddd"></iframe></div>')
