/** The slot lists of one day shared by booking and rescheduling; plain links and forms, no script needed. */
import type { Slot } from "../../features/availability/slots";
import { formatOffsetIso } from "../../lib/time";
import { FieldError } from "../kit/fields";
import { day, time } from "../kit/format";
import type { T } from "../i18n";
import type { Locale } from "../../lib/vocabulary";

export interface DayGroup {
  date: string;
  slots: Slot[];
}

/** Free times of one day as links (booking: the link opens the form). */
export function SlotLinks(p: { t: T; locale: Locale; group: DayGroup; href: (startIso: string) => string }) {
  return (
    <section class="slots" id="tijden" aria-labelledby="slots-title">
      <h2 id="slots-title" class="heading-3">
        {p.t("slots.timesOn", { day: day(p.group.date, p.locale) })}
      </h2>
      <ul class="slots__list">
        {p.group.slots.map((s) => (
          <li>
            <a class="slot" href={p.href(formatOffsetIso(s.start))}>
              <span class="visually-hidden">{p.t("slots.bookAt")} </span>
              {time(s.start)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Free times of one day as radios (rescheduling: one POST form). */
export function SlotRadios(p: { t: T; locale: Locale; group: DayGroup; error?: string | undefined }) {
  return (
    <fieldset class={`field fieldset slots${p.error ? " field--error" : ""}`} aria-describedby={p.error ? "slot-error" : undefined}>
      <legend class="field__label">
        {p.t("slots.timesOn", { day: day(p.group.date, p.locale) })} <span class="field__req">{p.t("form.required")}</span>
      </legend>
      <FieldError t={p.t} id="slot" error={p.error} />
      <div class="slots__list slots__list--radios">
        {p.group.slots.map((s, i) => (
          <div class="choice choice--slot">
            <input
              class="choice__input"
              type="radio"
              name="start"
              id={i === 0 ? "f-start" : `f-start-${i}`}
              value={formatOffsetIso(s.start)}
              aria-required="true"
            />
            <label class="choice__label" for={i === 0 ? "f-start" : `f-start-${i}`}>
              {time(s.start)}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
