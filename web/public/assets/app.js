// Progressive enhancement only: every page works without this file.
(() => {
  // Move focus to the error summary after a failed form post, so screen readers hear it first.
  const summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
  // Links in the error summary: focus the field itself, not just scroll to it.
  document.addEventListener("click", (event) => {
    const link = event.target?.closest ? event.target.closest(".error-summary a[href^='#']") : null;
    if (!link) return;
    const field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: "center" });
  });
  // Prevent double submits (a second click while the first post is on its way).
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.getAttribute("method") !== "post") return;
    if (form.dataset.submitted === "yes") {
      event.preventDefault();
      return;
    }
    form.dataset.submitted = "yes";
    window.setTimeout(() => {
      form.dataset.submitted = "";
    }, 8000);
  });
  // Opening-hours editor: "add interval" reveals the next hidden empty row of that day.
  for (const adder of document.querySelectorAll("[data-add-interval]")) {
    adder.hidden = false;
    adder.addEventListener("click", (event) => {
      const button = event.currentTarget;
      const day = button.getAttribute("data-add-interval");
      const row = document.querySelector(`[data-interval-row='${day}'][data-spare='yes']`);
      if (!row) return;
      row.hidden = false;
      row.setAttribute("data-spare", "no");
      const input = row.querySelector("input");
      if (input) input.focus();
      if (!document.querySelector(`[data-interval-row='${day}'][data-spare='yes']`)) button.hidden = true;
    });
  }
  // Hide spare rows only when the add button can bring them back.
  for (const spare of document.querySelectorAll("[data-spare='yes']")) {
    let empty = true;
    for (const input of spare.querySelectorAll("input")) if (input.value) empty = false;
    if (empty) spare.hidden = true;
    else spare.setAttribute("data-spare", "no");
  }
  // Forms with a "show only when" field (data-show-when="name=value"): hide the dependent
  // block until the controlling radio or checkbox has that value. Without JavaScript all show.
  const dependents = document.querySelectorAll("[data-show-when]");
  const update = () => {
    for (const block of dependents) {
      const [name, value] = (block.getAttribute("data-show-when") || "").split("=");
      const control = document.querySelector(`input[name='${name}'][value='${value}']`);
      if (control) block.hidden = !control.checked;
    }
  };
  if (dependents.length) {
    document.addEventListener("change", update);
    update();
  }
})();
