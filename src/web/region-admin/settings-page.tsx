/** The region's settings as a page: closed on Good Friday and Liberation Day, retention, the Support Process no-show rule; with the closed holidays listed. */
import { rolesAccess } from "../../features/auth/policy";
import { RegionSettingsBody } from "../../features/frontdesks/frontdesks.admin.schemas";
import { regionHolidays, updateRegionSettings } from "../../features/frontdesks/frontdesks.admin.service";
import { getScoutingSettings, updateScoutingSettings } from "../../features/scouting/caseload.service";
import { SettingsBody } from "../../features/scouting/scouting.schemas";
import { todayLocal } from "../../lib/time";
import type { MessageKey } from "../i18n";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { field, fields, parseForm, readForm, wholeNumber, type FieldErrors, type FieldMap, type FormValues } from "../kit/form";
import { day } from "../kit/format";
import { actorOf, pageRoute, scopeOf, seeOther, type PageRoute } from "../kit/page";
import { formPage } from "../kit/scaffolds";
import { Notice, Panel } from "../kit/ui";

const ADMIN = rolesAccess("region_admin");

const SETTINGS_FIELDS: FieldMap = [
  ["retentionMonths", "f-retention", "ra.err.retention"],
  ["noShowRule", "f-noshow", "ra.err.noShow"],
];

/** A holiday's name in the page's language. */
export const holidayName = (w: Web, key: string) => w.t(`ra.hol.${key}` as MessageKey);

export async function regionSettingsPage(w: Web, form: FormValues | null = null, errors: FieldErrors = [], status = 200) {
  const { t, locale } = w;
  const scope = scopeOf(w);
  const region = scope.region;
  const values: FormValues = form ?? {
    closed: [...(region.goodFridayClosed ? ["goodFriday"] : []), ...(region.liberationDayClosed ? ["liberationDay"] : [])],
    retentionMonths: String(region.retentionMonths),
    noShowRule: String((await getScoutingSettings(scope)).noShowRule),
  };
  const f = formFields(w, values, errors);
  const year = Number(todayLocal(w.now).slice(0, 4));
  const holidays = regionHolidays(scope, year);
  const texts = { title: t("ra.settings.title"), lead: t("ra.settings.lead"), submit: t("ra.settings.submit") };
  const notice = w.c.req.query("klaar") ? <Notice kind="success" title={t("adm.saved")} /> : null;
  const after = (
    <>
      <Panel id="holidays" title={t("ra.settings.closedDays", { year })}>
        <ul>
          {holidays.map((h) => (
            <li>
              {day(h.date, locale)}: {holidayName(w, h.key)}
            </li>
          ))}
        </ul>
        <p class="small">{t("ra.settings.openingsHint")}</p>
      </Panel>
      <p>
        <a href={`/beheer/${region.slug}/gegevens-wissen`}>{t("ra.erase.title")}</a>
      </p>
    </>
  );
  return formPage(
    w,
    { texts, action: `/beheer/${region.slug}/instellingen`, errors, status, narrow: true, notice, after },
    <>
      <input type="hidden" name="noShowRuleWas" value={field(values, form ? "noShowRuleWas" : "noShowRule")} />
      <f.Choices
        id="f-closed"
        name="closed"
        type="checkbox"
        legend={t("ra.settings.holidays")}
        options={[
          { value: "goodFriday", label: t("ra.settings.goodFriday") },
          { value: "liberationDay", label: t("ra.settings.liberationDay") },
        ]}
      />
      <f.Text
        id="f-retention"
        name="retentionMonths"
        type="number"
        label={t("ra.settings.retention")}
        hint={t("ra.settings.retentionHint")}
        required
        width="s"
        inputmode="numeric"
        min="1"
        max="120"
      />
      <f.Text
        id="f-noshow"
        name="noShowRule"
        type="number"
        label={t("ra.settings.noShow")}
        hint={t("ra.settings.noShowHint")}
        required
        width="s"
        inputmode="numeric"
        min="0"
        max="20"
      />
    </>,
  );
}

export async function regionSettingsSubmit(w: Web) {
  const scope = scopeOf(w);
  const actor = actorOf(w);
  const form = await readForm(w);
  const closed = fields(form, "closed");
  const body = {
    goodFridayClosed: closed.includes("goodFriday"),
    liberationDayClosed: closed.includes("liberationDay"),
    retentionMonths: wholeNumber(form, "retentionMonths"),
  };
  const parsed = parseForm(w.t, RegionSettingsBody, body, SETTINGS_FIELDS);
  const rule = parseForm(w.t, SettingsBody, { noShowRule: wholeNumber(form, "noShowRule") }, SETTINGS_FIELDS);
  if (!parsed.ok || !rule.ok) return regionSettingsPage(w, form, [...(parsed.ok ? [] : parsed.errors), ...(rule.ok ? [] : rule.errors)], 400);
  const r = scope.region;
  const changed = Object.fromEntries(
    Object.entries(parsed.value).filter(([k, v]) => r[k as "goodFridayClosed" | "liberationDayClosed" | "retentionMonths"] !== v),
  ) as typeof parsed.value;
  if (Object.keys(changed).length > 0) await updateRegionSettings(scope, actor, changed, w.now);
  if (String(rule.value.noShowRule) !== field(form, "noShowRuleWas")) await updateScoutingSettings(scope, actor, rule.value, w.now);
  return seeOther(w, `/beheer/${r.slug}/instellingen?klaar=1`);
}

export const regionSettingsPages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/instellingen", ADMIN, (w) => regionSettingsPage(w)),
  pageRoute("post", "/beheer/:region/instellingen", ADMIN, regionSettingsSubmit),
];
