// tribune: small behaviours shared by every page. No inline scripts (CSP), no external origins.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Bring the followed evidence sentence into view in the reader.
  var target = document.getElementById("evidence");
  if (target) {
    target.scrollIntoView({ block: "center" });
    target.setAttribute("tabindex", "-1");
  }
  // In each source's article box on an event page, scroll the box to its first evidence mark.
  document.querySelectorAll(".account .article-text").forEach(function (box) {
    var mark = box.querySelector("mark.evidence");
    if (mark) { box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 40); }
  });
  // Event sentences in the reader: a click opens the merged event.
  document.querySelectorAll("#article span.ev[data-event]").forEach(function (span) {
    var id = span.getAttribute("data-event");
    if (!id) { return; }
    span.addEventListener("dblclick", function () { window.location.href = "/events/" + encodeURIComponent(id); });
  });
});
