// tribune network: a small force-directed layout of who appeared with whom (SVG, no library).
"use strict";
(function () {
  var NS = "http://www.w3.org/2000/svg";
  var COLORS = { CHN: "#c0392b", PRK: "#2e4053", RUS: "#2471a3", USA: "#7d3c98", KOR: "#117a65", VNM: "#b9770e", JPN: "#a04000" };
  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function init() {
    var host = document.getElementById("network"), source = document.getElementById("network-data");
    if (!host || !source) { return; }
    var data = JSON.parse(source.textContent || "{}");
    var nodes = (data.nodes || []).slice(0, 150), index = {};
    nodes.forEach(function (n, i) { index[n.id] = i; });
    var edges = (data.edges || []).filter(function (e) { return e.source in index && e.target in index; });
    var W = host.clientWidth || 900, H = host.clientHeight || 560;
    var svg = el("svg", { id: "network-svg", viewBox: "0 0 " + W + " " + H }, host);
    var seed = 1;
    function rnd() { seed = (seed * 16807) % 2147483647; return seed / 2147483647; }
    nodes.forEach(function (n) { n.x = W / 2 + (rnd() - 0.5) * W * 0.6; n.y = H / 2 + (rnd() - 0.5) * H * 0.6; n.vx = 0; n.vy = 0; });
    var maxW = Math.max.apply(null, [1].concat(edges.map(function (e) { return e.weight; })));
    for (var step = 0; step < 300; step++) {
      var k = 0.1 * (1 - step / 300) + 0.01;
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var a = nodes[i], b = nodes[j], dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01, f = 2200 / d2;
          a.vx += dx * f * k; a.vy += dy * f * k; b.vx -= dx * f * k; b.vy -= dy * f * k;
        }
      }
      edges.forEach(function (e) {
        var a = nodes[index[e.source]], b = nodes[index[e.target]], dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
        var f = (d - 70) * 0.02 * (0.5 + e.weight / maxW);
        a.vx += dx / d * f; a.vy += dy / d * f; b.vx -= dx / d * f; b.vy -= dy / d * f;
      });
      nodes.forEach(function (n) {
        n.vx += (W / 2 - n.x) * 0.002; n.vy += (H / 2 - n.y) * 0.002;
        n.x = Math.max(20, Math.min(W - 110, n.x + Math.max(-20, Math.min(20, n.vx)))); n.y = Math.max(20, Math.min(H - 20, n.y + Math.max(-20, Math.min(20, n.vy))));
        n.vx *= 0.5; n.vy *= 0.5;
      });
    }
    var lineLayer = el("g", {}, svg), nodeLayer = el("g", {}, svg);
    var lines = edges.map(function (e) {
      var line = el("line", { "stroke-width": 1 + 4 * e.weight / maxW, "data-weight": e.weight }, lineLayer);
      var t = el("title", {}, line); t.textContent = e.weight + " shared events";
      return line;
    });
    var groups = nodes.map(function (n) {
      var g = el("g", { "class": "node", "data-id": n.id }, nodeLayer);
      var c = el("circle", { r: 4 + Math.min(12, Math.sqrt(n.events) * 2.2), fill: COLORS[n.country] || "#7f8c8d" }, g);
      var t = el("title", {}, c); t.textContent = n.name + (n.country ? " (" + n.country + ")" : "") + ": " + n.events + " events";
      var label = el("text", { dx: 9, dy: 4 }, g); label.textContent = n.name;
      c.addEventListener("click", function () { if (!moved) { window.location.href = "/actors/" + encodeURIComponent(n.id); } });
      return g;
    });
    function render() {
      edges.forEach(function (e, i) {
        var a = nodes[index[e.source]], b = nodes[index[e.target]];
        lines[i].setAttribute("x1", a.x); lines[i].setAttribute("y1", a.y); lines[i].setAttribute("x2", b.x); lines[i].setAttribute("y2", b.y);
      });
      nodes.forEach(function (n, i) { groups[i].setAttribute("transform", "translate(" + n.x + "," + n.y + ")"); });
    }
    var dragging = null, moved = false;
    groups.forEach(function (g, i) { g.addEventListener("mousedown", function (ev) { dragging = nodes[i]; moved = false; ev.preventDefault(); }); });
    window.addEventListener("mousemove", function (ev) {
      if (!dragging) { return; }
      var box = svg.getBoundingClientRect();
      dragging.x = (ev.clientX - box.left) * W / box.width; dragging.y = (ev.clientY - box.top) * H / box.height; moved = true; render();
    });
    window.addEventListener("mouseup", function () { dragging = null; setTimeout(function () { moved = false; }, 0); });
    render();
    host.setAttribute("data-ready", "1");
  }
  document.addEventListener("DOMContentLoaded", init);
})();
