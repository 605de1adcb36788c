// tribune network: draws the layout the server computed (networkx) and keeps labels apart.
// Positions, colours and the legend come from the page's JSON; this script only draws,
// places each label where it overlaps no other label and no node (best-linked actors
// first; an actor whose label fits nowhere keeps its name in the tooltip), and lists a
// link's events beside the drawing. DOM calls only (text via textContent).
"use strict";
(function () {
  var NS = "http://www.w3.org/2000/svg";
  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function html(name, text, parent) {
    var node = document.createElement(name);
    if (text !== undefined) { node.textContent = text; }
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function overlaps(a, b, pad) {
    return a.x < b.x + b.width + pad && b.x < a.x + a.width + pad && a.y < b.y + b.height + pad && b.y < a.y + a.height + pad;
  }
  function eventLine(ev) {
    return (ev.date || "undated") + " " + ev.type + (ev.place ? " in " + ev.place : "");
  }
  function init() {
    var host = document.getElementById("network"), source = document.getElementById("network-data");
    if (!host || !source) { return; }
    var data = JSON.parse(source.textContent || "{}");
    var W = data.width || 1000, H = data.height || 620, nodes = data.nodes || [], index = {};
    nodes.forEach(function (n) { index[n.id] = n; });
    var edges = (data.edges || []).filter(function (e) { return e.source in index && e.target in index; });
    var svg = el("svg", { id: "network-svg", viewBox: "0 0 " + W + " " + H, "aria-label": "who attended events with whom" }, host);
    if (!nodes.length) {
      var empty = el("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, svg);
      empty.textContent = "No two actors attended an event together in this period.";
      host.setAttribute("data-ready", "1");
      return;
    }
    var maxW = Math.max.apply(null, [1].concat(edges.map(function (e) { return e.weight; })));
    var lineLayer = el("g", {}, svg), nodeLayer = el("g", {}, svg), labelLayer = el("g", { "class": "labels" }, svg);
    var selection = document.getElementById("network-selection");
    var drawn = [];
    function select(edge) {
      drawn.forEach(function (d) { d.line.classList.toggle("selected", d.edge === edge); });
      document.querySelectorAll("#network-edges tbody tr").forEach(function (row) {
        row.classList.toggle("selected", row.dataset.source === edge.source && row.dataset.target === edge.target);
      });
      if (!selection) { return; }
      while (selection.firstChild) { selection.removeChild(selection.firstChild); }
      html("h2", index[edge.source].name + " and " + index[edge.target].name, selection);
      html("p", edge.weight + (edge.weight === 1 ? " event" : " events") + " both attended:", selection);
      var list = html("ul", undefined, selection);
      (edge.attended || []).forEach(function (ev) {
        var a = html("a", eventLine(ev), html("li", undefined, list));
        a.href = "/events/" + encodeURIComponent(ev.id);
      });
      selection.setAttribute("data-source", edge.source);
      selection.setAttribute("data-target", edge.target);
    }
    edges.forEach(function (e) {
      var a = index[e.source], b = index[e.target];
      var g = el("g", { "class": "edge", "data-source": e.source, "data-target": e.target, "data-weight": e.weight }, lineLayer);
      var line = el("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, "class": "link", "stroke-width": 1 + 4 * e.weight / maxW }, g);
      var hit = el("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, "class": "hit" }, g);
      var title = el("title", {}, hit);
      title.textContent = a.name + " and " + b.name + ": " + e.weight + (e.weight === 1 ? " event" : " events") + " attended together\n" + (e.attended || []).map(eventLine).join("\n");
      hit.addEventListener("click", function () { select(e); });
      drawn.push({ edge: e, line: line });
    });
    var obstacles = [];
    nodes.forEach(function (n) {
      n.r = 4 + Math.min(12, Math.sqrt(n.events) * 2.2);
      var g = el("g", { "class": "node", "data-id": n.id, "data-country": n.country || "" }, nodeLayer);
      var link = el("a", { href: "/actors/" + encodeURIComponent(n.id) }, g);
      var c = el("circle", { cx: n.x, cy: n.y, r: n.r, fill: n.colour }, link);
      var t = el("title", {}, c);
      t.textContent = n.name + (n.country ? " (" + n.country + ")" : "") + ": " + n.events + " events attended, " + n.strength + " shared with others shown";
      obstacles.push({ x: n.x - n.r, y: n.y - n.r, width: 2 * n.r, height: 2 * n.r, id: n.id });
    });
    var placed = [];
    nodes.slice().sort(function (a, b) { return b.strength - a.strength || b.events - a.events; }).forEach(function (n) {
      var r = n.r, candidates = [
        [n.x + r + 3, n.y + 4, "start"], [n.x - r - 3, n.y + 4, "end"], [n.x, n.y + r + 12, "middle"], [n.x, n.y - r - 4, "middle"],
        [n.x + r + 2, n.y - r - 2, "start"], [n.x + r + 2, n.y + r + 10, "start"], [n.x - r - 2, n.y - r - 2, "end"], [n.x - r - 2, n.y + r + 10, "end"]
      ];
      var text = el("text", { "class": "label", "data-id": n.id }, labelLayer);
      text.textContent = n.name;
      for (var i = 0; i < candidates.length; i++) {
        text.setAttribute("x", candidates[i][0]);
        text.setAttribute("y", candidates[i][1]);
        text.setAttribute("text-anchor", candidates[i][2]);
        var box = text.getBBox();
        var inside = box.x >= 2 && box.y >= 2 && box.x + box.width <= W - 2 && box.y + box.height <= H - 2;
        if (inside && !placed.some(function (b) { return overlaps(b, box, 2); }) && !obstacles.some(function (b) { return overlaps(b, box, 1); })) {
          placed.push(box);
          return;
        }
      }
      labelLayer.removeChild(text);
    });
    document.querySelectorAll("#network-edges tbody tr").forEach(function (row) {
      row.addEventListener("click", function (ev) {
        if (ev.target.closest("a")) { return; }
        var edge = edges.filter(function (e) { return e.source === row.dataset.source && e.target === row.dataset.target; })[0];
        if (edge) { select(edge); }
      });
    });
    host.setAttribute("data-ready", "1");
  }
  document.addEventListener("DOMContentLoaded", init);
})();
