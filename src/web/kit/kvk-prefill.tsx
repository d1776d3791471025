/**
 * KvK prefill (issue 20): the polite live region that `assets/kvk-prefill.js` fills and the
 * script itself. Put it right after a form's KvK field; it names the field ids to read and
 * fill. Without JavaScript it is an empty paragraph and the form works as before.
 */
import { assetUrl } from "../../http/assets";
import type { Web } from "./context";

export function KvkPrefill({
  w,
  kvk = "f-kvk",
  company = "f-company",
  municipality = "f-municipality",
}: { w: Web; kvk?: string; company?: string; municipality?: string }) {
  return (
    <>
      <p
        class="field__hint kvk-status"
        aria-live="polite"
        data-kvk-prefill=""
        data-kvk-field={kvk}
        data-kvk-company={company}
        data-kvk-municipality={municipality}
        data-kvk-found={w.t("form.kvkFound", { name: "{name}" })}
      />
      <script src={assetUrl("kvk-prefill.js")} defer />
    </>
  );
}
