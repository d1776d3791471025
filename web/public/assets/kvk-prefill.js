// KvK prefill (issue 20), progressive enhancement only: the form works the same without it.
// Each `[data-kvk-prefill]` status paragraph names its KvK field and the company and
// municipality fields. When the KvK field holds 8 digits, the platform's KvK lookup is asked
// once for that number; empty fields are filled in (never what the person typed) and the
// status paragraph (aria-live="polite") says so. A 404, a 503 or no network: nothing happens.
(() => {
  const digitsOf = (value) => value.replace(/[\s.]/g, "");
  const fillText = (input, value) => {
    if (!input || !value || input.value.trim() !== "") return false;
    input.value = value;
    return true;
  };
  const fillSelect = (select, value) => {
    if (!select || !value || select.value !== "") return false;
    const wanted = value.toLocaleLowerCase("nl");
    const option = Array.from(select.options).find((o) => o.value !== "" && o.value.toLocaleLowerCase("nl") === wanted);
    if (!option) return false;
    select.value = option.value;
    return true;
  };
  for (const status of document.querySelectorAll("[data-kvk-prefill]")) {
    const kvk = document.getElementById(status.getAttribute("data-kvk-field") || "");
    if (!kvk) continue;
    const company = document.getElementById(status.getAttribute("data-kvk-company") || "");
    const municipality = document.getElementById(status.getAttribute("data-kvk-municipality") || "");
    let asked = "";
    const lookup = async () => {
      const number = digitsOf(kvk.value);
      if (!/^\d{8}$/.test(number) || number === asked) return;
      asked = number;
      let answer;
      try {
        const response = await fetch(`/api/v1/kvk/${number}`, { headers: { accept: "application/json" }, credentials: "same-origin" });
        if (!response.ok) return;
        answer = await response.json();
      } catch {
        return;
      }
      // The number was changed while the lookup was on its way: that answer is stale.
      if (digitsOf(kvk.value) !== number || !answer || typeof answer.name !== "string") return;
      let filled = fillText(company, answer.name);
      if (municipality) {
        const done = municipality.tagName === "SELECT" ? fillSelect(municipality, answer.municipality) : fillText(municipality, answer.municipality);
        filled = done || filled;
      }
      if (!filled) return;
      status.textContent = (status.getAttribute("data-kvk-found") || "").replace("{name}", answer.name);
    };
    kvk.addEventListener("input", lookup);
    kvk.addEventListener("change", lookup);
  }
})();
