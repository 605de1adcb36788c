// tribune timeline: events on a zoomable time axis, one lane per event type.
// Status is drawn, not only coloured: happened = filled circle, planned = dashed ring,
// speculated = dotted diamond, denied = cross. Built with DOM calls only (text via textContent).
"use strict";
(function () {
  var NS = "http://www.w3.org/2000/svg";
  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function toTime(value) {
    var p = String(value).split("-");
    var y = parseInt(p[0], 10), m = p.length > 1 ? parseInt(p[1], 10) - 1 : 6, d = p.length > 2 ? parseInt(p[2], 10) : (p.length > 1 ? 15 : 1);
    return Date.UTC(y, m, d);
  }
  function init() {
    var host = document.getElementById("timeline");
    var source = document.getElementById("timeline-data");
    if (!host || !source) { return; }
    var items = JSON.parse(source.textContent || "[]");
    var W = host.clientWidth || 1000, H = host.clientHeight || 360, left = 130, right = 20, top = 10, axisH = 26;
    var svg = el("svg", { id: "timeline-svg", viewBox: "0 0 " + W + " " + H, "aria-label": "timeline of events" }, host);
    if (!items.length) {
      var empty = el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", "class": "lane-label" }, svg);
      empty.textContent = "No dated events match these filters.";
      return;
    }
    var types = Array.from(new Set(items.map(function (e) { return e.type; }))).sort();
    var laneH = Math.max(18, Math.min(40, (H - top - axisH) / types.length));
    var times = items.map(function (e) { return toTime(e.date); });
    var t0 = Math.min.apply(null, times), t1 = Math.max.apply(null, times);
    var pad = Math.max((t1 - t0) * 0.04, 30 * 864e5);
    var full = [t0 - pad, t1 + pad], view = full.slice();
    var lanes = el("g", {}, svg), axis = el("g", { "class": "axis" }, svg), marks = el("g", {}, svg);
    types.forEach(function (t, i) {
      var y = top + i * laneH + laneH / 2;
      el("line", { x1: left, x2: W - right, y1: y, y2: y, "class": "lane" }, lanes);
      var label = el("text", { x: left - 8, y: y + 4, "text-anchor": "end", "class": "lane-label" }, lanes);
      label.textContent = t;
    });
    function x(t) { return left + (t - view[0]) / (view[1] - view[0]) * (W - left - right); }
    function draw() {
      while (marks.firstChild) { marks.removeChild(marks.firstChild); }
      while (axis.firstChild) { axis.removeChild(axis.firstChild); }
      var span = view[1] - view[0], yearMs = 365.25 * 864e5;
      var stepMonths = span > 12 * yearMs ? 24 : span > 5 * yearMs ? 12 : span > 1.5 * yearMs ? 3 : span > 0.4 * yearMs ? 1 : 0;
      var start = new Date(view[0]), d = new Date(Date.UTC(start.getUTCFullYear(), 0, 1));
      var guard = 0;
      while (d.getTime() < view[1] && guard++ < 400) {
        if (d.getTime() >= view[0]) {
          var xx = x(d.getTime());
          el("line", { x1: xx, x2: xx, y1: top, y2: H - axisH }, axis);
          var tx = el("text", { x: xx, y: H - 8, "text-anchor": "middle" }, axis);
          tx.textContent = stepMonths >= 12 || d.getUTCMonth() === 0 ? String(d.getUTCFullYear()) : d.toISOString().slice(0, 7);
        }
        if (stepMonths === 0) { d = new Date(d.getTime() + 7 * 864e5); } else { d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + stepMonths, 1)); }
      }
      items.forEach(function (e, i) {
        var cx = x(times[i]);
        if (cx < left - 10 || cx > W - right + 10) { return; }
        var cy = top + types.indexOf(e.type) * laneH + laneH / 2, r = Math.min(7, laneH / 3);
        var link = el("a", { href: "/events/" + encodeURIComponent(e.id), "class": "mark-link", "data-id": e.id, "data-type": e.type, "data-status": e.status }, marks);
        var shape;
        if (e.status === "denied") {
          shape = el("path", { d: "M" + (cx - r) + " " + (cy - r) + "L" + (cx + r) + " " + (cy + r) + "M" + (cx + r) + " " + (cy - r) + "L" + (cx - r) + " " + (cy + r) }, link);
        } else if (e.status === "speculated") {
          shape = el("path", { d: "M" + cx + " " + (cy - r - 1) + "L" + (cx + r + 1) + " " + cy + "L" + cx + " " + (cy + r + 1) + "L" + (cx - r - 1) + " " + cy + "Z" }, link);
        } else {
          shape = el("circle", { cx: cx, cy: cy, r: r }, link);
        }
        shape.setAttribute("class", "mark " + e.status);
        var title = el("title", {}, shape);
        title.textContent = e.date + " " + e.type + (e.place ? " in " + e.place : "") + " [" + e.status + "] " + (e.participants || []).join(", ") + " (" + e.sources + " sources)";
      });
    }
    function zoom(factor, at) {
      var span = view[1] - view[0], centre = at === undefined ? view[0] + span / 2 : at;
      var next = Math.max(7 * 864e5, Math.min(span * factor, (full[1] - full[0]) * 4));
      var ratio = (centre - view[0]) / span;
      view = [centre - next * ratio, centre - next * ratio + next];
      draw();
    }
    function timeAt(clientX) {
      var box = svg.getBoundingClientRect(), px = (clientX - box.left) * W / box.width;
      return view[0] + (px - left) / (W - left - right) * (view[1] - view[0]);
    }
    svg.addEventListener("wheel", function (ev) { ev.preventDefault(); zoom(ev.deltaY < 0 ? 0.8 : 1.25, timeAt(ev.clientX)); }, { passive: false });
    var drag = null;
    svg.addEventListener("mousedown", function (ev) { drag = { x: ev.clientX, view: view.slice() }; });
    window.addEventListener("mouseup", function () { drag = null; });
    window.addEventListener("mousemove", function (ev) {
      if (!drag) { return; }
      var box = svg.getBoundingClientRect(), dt = (ev.clientX - drag.x) * W / box.width / (W - left - right) * (drag.view[1] - drag.view[0]);
      view = [drag.view[0] - dt, drag.view[1] - dt];
      draw();
    });
    var zin = document.getElementById("zoom-in"), zout = document.getElementById("zoom-out"), zreset = document.getElementById("zoom-reset");
    if (zin) { zin.addEventListener("click", function () { zoom(0.6); }); }
    if (zout) { zout.addEventListener("click", function () { zoom(1.6); }); }
    if (zreset) { zreset.addEventListener("click", function () { view = full.slice(); draw(); }); }
    draw();
    host.setAttribute("data-ready", "1");
  }
  document.addEventListener("DOMContentLoaded", init);
})();
