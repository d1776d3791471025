/** The region admin's Support Process settings: the no-show rule. */
import { SettingsBody } from "../../features/scouting/scouting.schemas";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { parseForm, readForm, wholeNumber, type FieldErrors, type FieldMap, type FormValues } from "../kit/form";
import { actorOf, seeOther, scopeOf, pageRoute, type PageRoute } from "../kit/page";
import { formPage } from "../kit/scaffolds";
import { Notice } from "../kit/ui";
import { ADMIN, base, candidateCrumbs } from "./shared";
import { getScoutingSettings, updateScoutingSettings } from "../../features/scouting/caseload.service";

const SETTINGS_FIELDS: FieldMap = [["noShowRule", "f-noshow", "sc.err.noShowRule"]];

export async function settingsPage(w: Web, form: FormValues | null = null, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const scope = scopeOf(w);
  const values = form ?? { noShowRule: String((await getScoutingSettings(scope)).noShowRule) };
  const f = formFields(w, values, errors);
  const texts = { title: t("sc.settings.title"), submit: t("sc.settings.submit") };
  const breadcrumbs = candidateCrumbs(w, texts.title);
  const notice = w.c.req.query("klaar") ? <Notice kind="success" title={t("adm.saved")} /> : null;
  return formPage(
    w,
    { texts, action: `${base(w)}/begeleiding/instellingen`, errors, status, narrow: true, breadcrumbs, notice },
    <f.Text
      id="f-noshow"
      name="noShowRule"
      type="number"
      label={t("sc.settings.noShowRule")}
      hint={t("sc.settings.noShowHint")}
      required
      width="s"
      inputmode="numeric"
      min="0"
      max="20"
    />,
  );
}

export async function settingsSubmit(w: Web) {
  const scope = scopeOf(w);
  const form = await readForm(w);
  const parsed = parseForm(w.t, SettingsBody, { noShowRule: wholeNumber(form, "noShowRule") }, SETTINGS_FIELDS);
  if (!parsed.ok) return settingsPage(w, form, parsed.errors, 400);
  await updateScoutingSettings(scope, actorOf(w), parsed.value, w.now);
  return seeOther(w, `${base(w)}/begeleiding/instellingen?klaar=1`);
}

export const settingsPages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/begeleiding/instellingen", ADMIN, (w) => settingsPage(w)),
  pageRoute("post", "/beheer/:region/begeleiding/instellingen", ADMIN, settingsSubmit),
];
