// tribune timeline: events on a zoomable time axis, one lane per event type.
// A day-precise event is a mark (happened = filled circle, planned = dashed ring,
// speculated = dotted diamond, denied = cross); an event dated only to a month or a
// year is a bar over that month or year, so it is not read as a precise day.
// The view opens on the densest period; "+" zooms towards the events in view; tick
// steps follow the zoom (years, months, days) so no label repeats; event labels are
// placed only where they fit and the rest keep their tooltip.
// Built with DOM calls only (text via textContent): the data is untrusted.
"use strict";
(function () {
  var NS = "http://www.w3.org/2000/svg", DAY = 864e5, YEAR = 365.2425 * DAY;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var STEPS = [
    { kind: "day", n: 1 }, { kind: "day", n: 2 }, { kind: "day", n: 7 }, { kind: "day", n: 14 },
    { kind: "month", n: 1 }, { kind: "month", n: 2 }, { kind: "month", n: 3 }, { kind: "month", n: 6 },
    { kind: "year", n: 1 }, { kind: "year", n: 2 }, { kind: "year", n: 5 }, { kind: "year", n: 10 },
    { kind: "year", n: 20 }, { kind: "year", n: 50 }, { kind: "year", n: 100 }
  ];
  var LABEL_PX = { day: 84, month: 66, year: 44 };
  var WINDOWS = [31, 92, 183, 366, 731, 1827, 3653, 9132];

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function utc(isoDay) { var p = String(isoDay).split("-"); return Date.UTC(parseInt(p[0], 10), parseInt(p[1], 10) - 1, parseInt(p[2], 10)); }
  function isoDay(t) { return new Date(t).toISOString().slice(0, 10); }
  function overlaps(a, b, pad) {
    return a.x < b.x + b.width + pad && b.x < a.x + a.width + pad && a.y < b.y + b.height + pad && b.y < a.y + a.height + pad;
  }
  function stepMs(s) { return s.kind === "day" ? s.n * DAY : s.kind === "month" ? s.n * 30.44 * DAY : s.n * YEAR; }
  function chooseStep(span, px) {
    for (var i = 0; i < STEPS.length; i++) {
      if (span / stepMs(STEPS[i]) * LABEL_PX[STEPS[i].kind] <= px) { return STEPS[i]; }
    }
    return STEPS[STEPS.length - 1];
  }
  function ticks(view, s) {
    var out = [], start = new Date(view[0]), guard = 0, t;
    if (s.kind === "day") {
      for (t = Math.ceil(view[0] / (s.n * DAY)) * s.n * DAY; t <= view[1] && guard++ < 500; t += s.n * DAY) { out.push(t); }
      return out;
    }
    if (s.kind === "month") {
      var y = start.getUTCFullYear(), m = Math.floor(start.getUTCMonth() / s.n) * s.n;
      for (t = Date.UTC(y, m, 1); t <= view[1] && guard++ < 500; m += s.n, t = Date.UTC(y, m, 1)) { if (t >= view[0]) { out.push(t); } }
      return out;
    }
    var year = Math.floor(start.getUTCFullYear() / s.n) * s.n;
    for (t = Date.UTC(year, 0, 1); t <= view[1] && guard++ < 500; year += s.n, t = Date.UTC(year, 0, 1)) { if (t >= view[0]) { out.push(t); } }
    return out;
  }
  function tickLabel(t, s) {
    var d = new Date(t);
    if (s.kind === "year") { return String(d.getUTCFullYear()); }
    if (s.kind === "month") { return MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear(); }
    return isoDay(t);
  }
  // The shortest window (a month, a quarter, ... a decade) holding at least half the events,
  // placed where it holds the most; null when only the whole range does.
  function densest(mids, fullSpan) {
    var sorted = mids.slice().sort(function (a, b) { return a - b; }), n = sorted.length;
    var want = Math.max(Math.min(n, 3), Math.ceil(n / 2));
    for (var w = 0; w < WINDOWS.length; w++) {
      var L = WINDOWS[w] * DAY, best = 0, from = 0, to = 0, j = 0;
      if (L >= fullSpan) { return null; }
      for (var i = 0; i < n; i++) {
        while (sorted[i] - sorted[j] > L) { j++; }
        if (i - j + 1 > best) { best = i - j + 1; from = sorted[j]; to = sorted[i]; }
      }
      if (best >= want) {
        var centre = (from + to) / 2;
        return [centre - L * 0.55, centre + L * 0.55];
      }
    }
    return null;
  }
  function describe(e) {
    var when = e.precision === "day" ? e.date : e.date + " (" + e.precision + " only: " + e.start + " to " + e.end + ")";
    return when + " " + e.type + (e.place ? " in " + e.place : "") + " [" + e.status + "] " + (e.participants || []).join(", ") + " (" + e.sources + " sources)";
  }
  function shortLabel(e) {
    var text = e.place || (e.participants || [])[0] || "";
    return text.length > 24 ? text.slice(0, 23) + "…" : text;
  }

  function init() {
    var host = document.getElementById("timeline");
    var source = document.getElementById("timeline-data");
    if (!host || !source) { return; }
    var items = JSON.parse(source.textContent || "[]");
    var status = document.getElementById("timeline-view");
    var W = host.clientWidth || 1000, left = 130, right = 20, axisH = 26, top = axisH, laneH = 36;
    var types = Array.from(new Set(items.map(function (e) { return e.type; }))).sort();
    var H = items.length ? top + types.length * laneH + 4 : 120;
    var svg = el("svg", { id: "timeline-svg", viewBox: "0 0 " + W + " " + H, width: W, height: H, "aria-label": "timeline of events" }, host);
    if (!items.length) {
      var empty = el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", "class": "lane-label" }, svg);
      empty.textContent = "No dated events match these filters.";
      host.setAttribute("data-ready", "1");
      return;
    }
    items.forEach(function (e) {
      e.t0 = utc(e.start);
      e.t1 = utc(e.end) + DAY;
      e.point = e.precision === "day" && e.t1 - e.t0 <= DAY;
      e.mid = (e.t0 + e.t1) / 2;
    });
    var t0 = Math.min.apply(null, items.map(function (e) { return e.t0; }));
    var t1 = Math.max.apply(null, items.map(function (e) { return e.t1; }));
    var pad = Math.max((t1 - t0) * 0.03, 15 * DAY);
    var full = [t0 - pad, t1 + pad];
    var view = densest(items.map(function (e) { return e.mid; }), full[1] - full[0]) || full.slice();
    var plotW = W - left - right;
    var defs = el("defs", {}, svg);
    var clip = el("clipPath", { id: "timeline-plot" }, defs);
    el("rect", { x: left, y: 0, width: plotW, height: H }, clip);
    var lanes = el("g", {}, svg), axis = el("g", { "class": "axis" }, svg);
    var marks = el("g", { "clip-path": "url(#timeline-plot)" }, svg), labels = el("g", { "class": "ev-labels" }, svg);
    types.forEach(function (t, i) {
      var y = top + i * laneH;
      el("rect", { x: left, y: y, width: plotW, height: laneH, "class": "lane-band" + (i % 2 ? " odd" : "") }, lanes);
      var label = el("text", { x: left - 8, y: y + laneH / 2 + 4, "text-anchor": "end", "class": "lane-label" }, lanes);
      label.textContent = t;
    });
    function x(t) { return left + (t - view[0]) / (view[1] - view[0]) * plotW; }
    function visible() { return items.filter(function (e) { return e.t1 >= view[0] && e.t0 <= view[1]; }); }
    function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
    function draw() {
      clear(marks); clear(axis); clear(labels);
      var step = chooseStep(view[1] - view[0], plotW), placedTicks = [];
      ticks(view, step).forEach(function (t) {
        var xx = x(t);
        if (xx < left || xx > W - right) { return; }
        el("line", { x1: xx, x2: xx, y1: top - 4, y2: H }, axis);
        var tx = el("text", { x: xx, y: top - 9, "text-anchor": "middle", "class": "tick" }, axis);
        tx.textContent = tickLabel(t, step);
        var box = tx.getBBox();
        if (box.x < 0 || box.x + box.width > W || placedTicks.some(function (b) { return overlaps(b, box, 4); })) { axis.removeChild(tx); return; }
        placedTicks.push(box);
      });
      var shown = visible();
      shown.forEach(function (e) {
        var lane = top + types.indexOf(e.type) * laneH, cy = lane + 25, r = 5.5;
        var link = el("a", { href: "/events/" + encodeURIComponent(e.id), "class": "mark-link", "data-id": e.id, "data-type": e.type, "data-status": e.status, "data-precision": e.precision }, marks);
        var shape;
        if (!e.point) {
          var xa = x(e.t0), xb = x(e.t1);
          if (xb - xa < 6) { var c = (xa + xb) / 2; xa = c - 3; xb = c + 3; }
          shape = el("rect", { x: xa, y: cy - 5, width: xb - xa, height: 10, rx: 3 }, link);
          shape.setAttribute("class", "mark span " + e.status);
          e.anchor = Math.max(left, xa) + 2;
        } else {
          var cx = x(e.mid);
          if (e.status === "denied") {
            shape = el("path", { d: "M" + (cx - r) + " " + (cy - r) + "L" + (cx + r) + " " + (cy + r) + "M" + (cx + r) + " " + (cy - r) + "L" + (cx - r) + " " + (cy + r) }, link);
          } else if (e.status === "speculated") {
            shape = el("path", { d: "M" + cx + " " + (cy - r - 1) + "L" + (cx + r + 1) + " " + cy + "L" + cx + " " + (cy + r + 1) + "L" + (cx - r - 1) + " " + cy + "Z" }, link);
          } else {
            shape = el("circle", { cx: cx, cy: cy, r: r }, link);
          }
          shape.setAttribute("class", "mark " + e.status);
          e.anchor = cx - r;
        }
        var title = el("title", {}, shape);
        title.textContent = describe(e);
        e.lane = lane;
      });
      // labels: the best-sourced events first, each where it fits in its lane's label band
      var placed = [];
      shown.slice().sort(function (a, b) { return b.sources - a.sources || a.t0 - b.t0; }).forEach(function (e) {
        var text = shortLabel(e);
        if (!text) { return; }
        var t = el("text", { x: e.anchor, y: e.lane + 13, "class": "ev-label", "data-id": e.id }, labels);
        t.textContent = text;
        var box = t.getBBox();
        if (box.x + box.width > W - right) {
          t.setAttribute("x", e.anchor - (box.x + box.width - (W - right)));
          box = t.getBBox();
        }
        if (box.x < left || placed.some(function (b) { return overlaps(b, box, 3); })) { labels.removeChild(t); return; }
        placed.push(box);
      });
      if (status) {
        status.textContent = "Showing " + isoDay(Math.max(view[0], full[0])) + " to " + isoDay(Math.min(view[1], full[1])) + ": " + shown.length + " of " + items.length + " dated events" + (shown.length < items.length ? " (“fit” shows all)" : "") + ".";
      }
      host.setAttribute("data-view", isoDay(view[0]) + "/" + isoDay(view[1]));
    }
    function setView(from, to) {
      var span = Math.max(7 * DAY, Math.min(to - from, (full[1] - full[0]) * 4)), centre = (from + to) / 2;
      view = [centre - span / 2, centre + span / 2];
      draw();
    }
    function zoom(factor, at) {
      var span = view[1] - view[0], next = Math.max(7 * DAY, Math.min(span * factor, (full[1] - full[0]) * 4));
      var ratio = (at - view[0]) / span;
      view = [at - next * ratio, at - next * ratio + next];
      draw();
    }
    // towards the events: the median of those in view, else the nearest one
    function focus() {
      var shown = visible().map(function (e) { return e.mid; }).sort(function (a, b) { return a - b; });
      if (shown.length) { return shown[Math.floor(shown.length / 2)]; }
      var centre = (view[0] + view[1]) / 2;
      return items.reduce(function (best, e) { return Math.abs(e.mid - centre) < Math.abs(best - centre) ? e.mid : best; }, items[0].mid);
    }
    function timeAt(clientX) {
      var box = svg.getBoundingClientRect(), px = (clientX - box.left) * W / box.width;
      return view[0] + (px - left) / plotW * (view[1] - view[0]);
    }
    svg.addEventListener("wheel", function (ev) { ev.preventDefault(); zoom(ev.deltaY < 0 ? 0.8 : 1.25, timeAt(ev.clientX)); }, { passive: false });
    var drag = null;
    svg.addEventListener("mousedown", function (ev) { drag = { x: ev.clientX, view: view.slice() }; });
    window.addEventListener("mouseup", function () { drag = null; });
    window.addEventListener("mousemove", function (ev) {
      if (!drag) { return; }
      var box = svg.getBoundingClientRect(), dt = (ev.clientX - drag.x) * W / box.width / plotW * (drag.view[1] - drag.view[0]);
      view = [drag.view[0] - dt, drag.view[1] - dt];
      draw();
    });
    var zin = document.getElementById("zoom-in"), zout = document.getElementById("zoom-out"), zreset = document.getElementById("zoom-reset");
    if (zin) { zin.addEventListener("click", function () { var at = focus(), span = (view[1] - view[0]) * 0.5; setView(at - span / 2, at + span / 2); }); }
    if (zout) { zout.addEventListener("click", function () { zoom(2, (view[0] + view[1]) / 2); }); }
    if (zreset) { zreset.addEventListener("click", function () { view = full.slice(); draw(); }); }
    draw();
    host.setAttribute("data-ready", "1");
  }
  document.addEventListener("DOMContentLoaded", init);
})();
