/** A desk's holiday openings: the public holidays ahead (this year and next, under the region's rules) on which it opens anyway. */
import { HolidayOpeningsBody } from "../../features/frontdesks/frontdesks.admin.schemas";
import { readAdminFrontdesk, regionHolidays, setHolidayOpenings } from "../../features/frontdesks/frontdesks.admin.service";
import { todayLocal } from "../../lib/time";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { fields, parseForm, readForm, type FieldErrors, type FieldMap, type FormValues } from "../kit/form";
import { day } from "../kit/format";
import { actorOf, pageRoute, render, scopeOf, seeOther, type PageRoute } from "../kit/page";
import { FormSection } from "../kit/scaffolds";
import { DeskSubPage } from "../frontdesks/desk-page-frame";
import { ADMIN, desksBase } from "../frontdesks/shared";
import { holidayName } from "./settings-page";

const OPENING_FIELDS: FieldMap = [["dates", "f-dates", "adm.err.date"]];

/** The holidays from today on, this year and next. */
function holidaysAhead(w: Web) {
  const scope = scopeOf(w);
  const today = todayLocal(w.now);
  const year = Number(today.slice(0, 4));
  return [...regionHolidays(scope, year), ...regionHolidays(scope, year + 1)].filter((h) => h.date >= today);
}

export async function holidayOpeningsPage(w: Web, form: FormValues | null = null, errors: FieldErrors = [], status = 200) {
  const { t, locale } = w;
  const { desk } = await readAdminFrontdesk(scopeOf(w), w.c.req.param("id") ?? "", w.now);
  const ahead = holidaysAhead(w);
  const f = formFields(w, form ?? { dates: desk.holidayOpenings }, errors);
  const title = t("ra.openings.title", { name: desk.name });
  return render(w, {
    title,
    status,
    body: (
      <DeskSubPage w={w} desk={desk} section={t("ra.openings.short")} heading={title}>
        <p>{t("ra.openings.lead")}</p>
        {ahead.length === 0 ? (
          <p class="empty">{t("ra.openings.none")}</p>
        ) : (
          <FormSection
            w={w}
            spec={{
              texts: { title: t("ra.openings.legend"), submit: t("ra.openings.submit") },
              action: `${desksBase(w)}/${desk.id}/feestdagen`,
              errors,
              heading: "h2",
            }}
            fields={
              <f.Choices
                id="f-dates"
                name="dates"
                type="checkbox"
                legend={t("ra.openings.legend")}
                options={ahead.map((h) => ({ value: h.date, label: `${holidayName(w, h.key)}: ${day(h.date, locale)}` }))}
              />
            }
          />
        )}
      </DeskSubPage>
    ),
  });
}

export async function holidayOpeningsSubmit(w: Web) {
  const scope = scopeOf(w);
  const id = w.c.req.param("id") ?? "";
  const form = await readForm(w);
  const parsed = parseForm(w.t, HolidayOpeningsBody, { dates: fields(form, "dates") }, OPENING_FIELDS);
  if (!parsed.ok) return holidayOpeningsPage(w, form, parsed.errors, 400);
  // Only holidays ahead are offered; openings on days already past stay as they were.
  const { desk } = await readAdminFrontdesk(scope, id, w.now);
  const today = todayLocal(w.now);
  const offered = new Set(holidaysAhead(w).map((h) => h.date));
  const kept = desk.holidayOpenings.filter((d) => d < today);
  await setHolidayOpenings(scope, actorOf(w), id, [...kept, ...parsed.value.dates.filter((d) => offered.has(d))], w.now);
  return seeOther(w, `${desksBase(w)}/${id}/feestdagen?klaar=1`);
}

export const holidayOpeningPages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/loketten/:id/feestdagen", ADMIN, (w) => holidayOpeningsPage(w)),
  pageRoute("post", "/beheer/:region/loketten/:id/feestdagen", ADMIN, holidayOpeningsSubmit),
];
