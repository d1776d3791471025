// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Move focus to the error summary after a failed form post, so screen readers hear it first.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
  // Links in the error summary: focus the field itself, not just scroll to it.
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest(".error-summary a[href^='#']") : null;
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: "center" });
  });
  // Prevent double submits (a second click while the first post is on its way).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.getAttribute("method") !== "post") return;
    if (form.dataset.submitted === "yes") {
      event.preventDefault();
      return;
    }
    form.dataset.submitted = "yes";
    window.setTimeout(function () { form.dataset.submitted = ""; }, 8000);
  });
  // Opening-hours editor: "add interval" reveals the next hidden empty row of that day.
  var adders = document.querySelectorAll("[data-add-interval]");
  for (var i = 0; i < adders.length; i++) {
    adders[i].hidden = false;
    adders[i].addEventListener("click", function (event) {
      var day = event.currentTarget.getAttribute("data-add-interval");
      var row = document.querySelector("[data-interval-row='" + day + "'][data-spare='yes']");
      if (!row) return;
      row.hidden = false;
      row.setAttribute("data-spare", "no");
      var input = row.querySelector("input");
      if (input) input.focus();
      if (!document.querySelector("[data-interval-row='" + day + "'][data-spare='yes']")) event.currentTarget.hidden = true;
    });
  }
  // Hide spare rows only when the add button can bring them back.
  var spares = document.querySelectorAll("[data-spare='yes']");
  for (var j = 0; j < spares.length; j++) {
    var inputs = spares[j].querySelectorAll("input");
    var empty = true;
    for (var k = 0; k < inputs.length; k++) if (inputs[k].value) empty = false;
    if (empty) spares[j].hidden = true;
    else spares[j].setAttribute("data-spare", "no");
  }
})();
