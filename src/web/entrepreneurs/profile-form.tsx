/**
 * The company profile form: validated with the API's `ProfileBody` (KvK number normalised to
 * 8 digits, a Dutch municipality in its official spelling, a web link), saved by the same
 * `putProfile` as `PUT /api/v1/me/profile`. Visible to other entrepreneurs only when chosen.
 */
import { LEGAL_FORMS, SECTORS, SIZE_CLASSES } from "../../db/schema";
import { ENTREPRENEUR } from "../../features/auth/policy";
import { putProfile } from "../../features/entrepreneurs/account.service";
import { ProfileBody } from "../../features/entrepreneurs/entrepreneurs.schemas";
import { getOverview, type Profile } from "../../features/entrepreneurs/overview.service";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { field, optional, parseForm, readForm, serviceErrors, type FieldErrors, type FieldMap, type FormValues } from "../kit/form";
import { pageRoute, seeOther, type PageRoute } from "../kit/page";
import { FormSection } from "../kit/scaffolds";
import { Notice } from "../kit/ui";
import { legalFormKey, sectorKey, sizeKey } from "./profile-texts";
import { ME, meOf, mePage } from "./shared";

const PROFILE_FIELDS: FieldMap = [
  ["companyName", "f-company", "me.err.company"],
  ["kvkNumber", "f-kvk", "me.err.kvk"],
  ["legalForm", "f-legal", "me.err.legalForm"],
  ["sector", "f-sector", "me.err.sector"],
  ["sizeClass", "f-size", "me.err.size"],
  ["municipality", "f-municipality", "me.err.municipality"],
  ["website", "f-website", "me.err.website"],
  ["description", "f-description", "me.err.description"],
  ["ambition", "f-ambition", "me.err.ambition"],
  ["visibleToPeers", "f-visible", "me.err.visibility"],
];

/** The form as the API's profile body ("" for a text left empty: the schema clears it). */
function profileBody(form: FormValues) {
  const visible = field(form, "visibleToPeers");
  return {
    companyName: field(form, "companyName"),
    kvkNumber: field(form, "kvkNumber"),
    legalForm: optional(form, "legalForm"),
    sector: optional(form, "sector"),
    sizeClass: optional(form, "sizeClass"),
    municipality: field(form, "municipality"),
    website: field(form, "website"),
    description: field(form, "description"),
    ambition: field(form, "ambition"),
    // Not visible unless chosen; anything but the two choices is refused by the schema.
    visibleToPeers: visible === "yes" ? true : visible === "no" || visible === "" ? false : visible,
  };
}

/** A stored profile as the form's values. */
function valuesOf(profile: Profile | null): FormValues {
  if (!profile) return { visibleToPeers: "no" };
  return {
    companyName: profile.companyName,
    kvkNumber: profile.kvkNumber ?? "",
    legalForm: profile.legalForm ?? "",
    sector: profile.sector ?? "",
    sizeClass: profile.sizeClass ?? "",
    municipality: profile.municipality ?? "",
    website: profile.website ?? "",
    description: profile.description ?? "",
    ambition: profile.ambition ?? "",
    visibleToPeers: profile.visibleToPeers ? "yes" : "no",
  };
}

function profilePage(w: Web, form: FormValues, errors: FieldErrors, status = 200) {
  const { t } = w;
  const f = formFields(w, form, errors);
  const texts = { title: t("me.profile.title"), lead: t("me.profile.lead"), submit: t("me.profile.submit") };
  const saved = w.c.req.method === "GET" && w.c.req.query("klaar") ? <Notice kind="success" title={t("me.profile.saved")} /> : undefined;
  const spec = { texts, action: `${ME}/profiel`, errors, status, notice: saved, cancel: { href: ME, label: t("me.appts.back") } };
  const choose = t("me.profile.choose");
  return mePage(w, {
    title: texts.title,
    status,
    body: (
      <FormSection
        w={w}
        spec={spec}
        fields={
          <>
            <f.Text id="f-company" name="companyName" label={t("me.profile.company")} autocomplete="organization" required />
            <f.Text id="f-kvk" name="kvkNumber" label={t("me.profile.kvk")} hint={t("me.profile.kvkHint")} inputmode="numeric" width="s" autocomplete="off" />
            <f.Select
              id="f-legal"
              name="legalForm"
              label={t("me.profile.legalForm")}
              empty={choose}
              options={LEGAL_FORMS.map((v) => ({ value: v, label: t(legalFormKey(v)) }))}
            />
            <f.Select
              id="f-sector"
              name="sector"
              label={t("me.profile.sector")}
              empty={choose}
              options={SECTORS.map((v) => ({ value: v, label: t(sectorKey(v)) }))}
            />
            <f.Select
              id="f-size"
              name="sizeClass"
              label={t("me.profile.size")}
              empty={choose}
              options={SIZE_CLASSES.map((v) => ({ value: v, label: t(sizeKey(v)) }))}
            />
            <f.Text id="f-municipality" name="municipality" label={t("me.profile.municipality")} hint={t("me.profile.municipalityHint")} width="m" />
            <f.Text id="f-website" name="website" type="url" label={t("me.profile.website")} autocomplete="url" />
            <f.Area id="f-description" name="description" label={t("me.profile.description")} maxlength={1000} />
            <f.Area id="f-ambition" name="ambition" label={t("me.profile.ambition")} hint={t("me.profile.ambitionHint")} maxlength={1000} />
            <f.Choices
              id="f-visible"
              name="visibleToPeers"
              type="radio"
              legend={t("me.profile.visibility")}
              options={[
                { value: "no", label: t("me.profile.hidden") },
                { value: "yes", label: t("me.profile.visible") },
              ]}
              required
            />
          </>
        }
      />
    ),
  });
}

export async function profileFormPage(w: Web) {
  const { profile } = await getOverview(w.c.var.db, meOf(w), w.now);
  return profilePage(w, valuesOf(profile), []);
}

export async function profileSubmit(w: Web) {
  const form = await readForm(w);
  const parsed = parseForm(w.t, ProfileBody, profileBody(form), PROFILE_FIELDS);
  if (!parsed.ok) return profilePage(w, form, parsed.errors, 400);
  try {
    await putProfile(w.c.var.db, meOf(w), parsed.value, w.now);
  } catch (error) {
    const refused = serviceErrors(w.t, error, PROFILE_FIELDS);
    if (refused) return profilePage(w, form, refused.errors, refused.status);
    throw error;
  }
  return seeOther(w, `${ME}/profiel?klaar=1`);
}

export const profilePages: PageRoute[] = [
  pageRoute("get", `${ME}/profiel`, ENTREPRENEUR, profileFormPage),
  pageRoute("post", `${ME}/profiel`, ENTREPRENEUR, profileSubmit),
];
