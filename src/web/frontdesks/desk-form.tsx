/** Creating and changing a desk: what it is, where, what it offers and its planning rules (the API's desk schema). */
import { CreateFrontdeskBody } from "../../features/frontdesks/frontdesks.admin.schemas";
import { createFrontdesk, getAdminFrontdesk, readAdminFrontdesk, updateFrontdesk } from "../../features/frontdesks/frontdesks.admin.service";
import { listMunicipalities } from "../../features/regions/regions.service";
import type { RegionScope } from "../../db/scope";
import { FRONTDESK_KINDS, MODES, TOPICS, kindLabel, modeLabel, topicLabel, vocabularyOptions } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { field, fields, parseForm, readForm, serviceErrors, wholeNumber, type FieldErrors, type FieldMap, type FormValues } from "../kit/form";
import { actorOf, seeOther, scopeOf, pageRoute, type PageRoute } from "../kit/page";
import { formPage } from "../kit/scaffolds";
import { Notice } from "../kit/ui";
import { ADMIN, desksBase } from "./shared";

const DESK_FIELDS: FieldMap = [
  ["name", "f-name", "adm.err.name"],
  ["kind", "f-kind", "adm.err.kind"],
  ["municipality", "f-municipality", "adm.err.municipality"],
  ["address", "f-address", "adm.err.address"],
  ["modes", "f-modes", "adm.err.modes"],
  ["topics", "f-topics", "adm.err.topics"],
  ["slotMinutes", "f-slot", "adm.err.slotMinutes"],
  ["capacityPerSlot", "f-capacity", "adm.err.capacity"],
  ["minNoticeHours", "f-notice", "adm.err.notice"],
  ["maxAdvanceDays", "f-advance", "adm.err.advance"],
  ["cancelCutoffHours", "f-cutoff", "adm.err.cutoff"],
  ["videoUrlTemplate", "f-video", "adm.err.video"],
  ["phone", "f-phone", "adm.err.phone"],
  ["email", "f-email", "adm.err.email"],
  ["servedMunicipalities", "f-served", "adm.err.served"],
  ["visitInfo", "f-visit", "adm.err.visit"],
  ["accessInfo", "f-access", "adm.err.access"],
];

/** A new desk's form: in person, and the platform's default planning rules. */
const NEW_DESK: FormValues = {
  modes: ["in_person"],
  slotMinutes: "30",
  capacityPerSlot: "1",
  minNoticeHours: "24",
  maxAdvanceDays: "60",
  cancelCutoffHours: "2",
};

const orNull = (form: FormValues, name: string) => (field(form, name).trim() === "" ? null : field(form, name));

/** The form as the API's desk body. */
function deskBody(form: FormValues) {
  return {
    name: field(form, "name"),
    kind: field(form, "kind"),
    municipality: field(form, "municipality"),
    address: field(form, "address"),
    modes: fields(form, "modes"),
    topics: fields(form, "topics"),
    slotMinutes: wholeNumber(form, "slotMinutes"),
    capacityPerSlot: wholeNumber(form, "capacityPerSlot"),
    minNoticeHours: wholeNumber(form, "minNoticeHours"),
    maxAdvanceDays: wholeNumber(form, "maxAdvanceDays"),
    cancelCutoffHours: wholeNumber(form, "cancelCutoffHours"),
    videoUrlTemplate: orNull(form, "videoUrlTemplate"),
    phone: orNull(form, "phone"),
    email: orNull(form, "email"),
    servedMunicipalities: fields(form, "servedMunicipalities"),
    visitInfo: orNull(form, "visitInfo"),
    accessInfo: orNull(form, "accessInfo"),
  };
}

async function deskForm(
  w: Web,
  scope: RegionScope,
  opts: { id: string | null; form: FormValues; errors: FieldErrors; status?: number; municipalities?: { name: string }[] },
) {
  const { t, locale } = w;
  const { id, form, errors } = opts;
  // The edit page read the municipalities with the desk (one batch); other callers read them here.
  const municipalities = opts.municipalities ?? (await listMunicipalities(scope));
  const base = desksBase(w);
  const title = id ? t("adm.desk.editTitle", { name: field(form, "name") }) : t("adm.desks.new");
  const f = formFields(w, form, errors);
  const number = (p: { id: string; name: string; label: string; hint?: string; min: string; max: string }) => (
    <f.Text {...p} type="number" width="s" inputmode="numeric" required />
  );
  const texts = { title, submit: id ? t("adm.save") : t("adm.desk.create") };
  const breadcrumbs: Array<[string, string | null]> = [
    [t("adm.desks.title"), base],
    [title, null],
  ];
  const notice = w.c.req.query("klaar") ? <Notice kind="success" title={t("adm.saved")} /> : null;
  const links = id ? (
    <p class="actions">
      <a href={`${base}/${id}/openingstijden`}>{t("adm.hours.title")}</a>
      <a href={`${base}/${id}/sluitingen`}>{t("adm.closures.title")}</a>
    </p>
  ) : null;
  const options = {
    kinds: vocabularyOptions(FRONTDESK_KINDS, kindLabel, locale),
    municipalities: municipalities.map((m) => ({ value: m.name, label: m.name })),
    modes: vocabularyOptions(MODES, modeLabel, locale),
    topics: vocabularyOptions(TOPICS, topicLabel, locale),
  };
  const spec = { texts, action: id ? `${base}/${id}` : `${base}/nieuw`, errors, status: opts.status, breadcrumbs, notice, before: links };
  return formPage(
    w,
    { ...spec, cancel: { href: base, label: t("adm.cancel") } },
    <>
      <f.Text id="f-name" name="name" label={t("adm.desk.name")} required autocomplete="off" />
      <f.Select id="f-kind" name="kind" label={t("adm.desk.kind")} options={options.kinds} empty={t("adm.choose")} required />
      <f.Select id="f-municipality" name="municipality" label={t("adm.desk.municipality")} options={options.municipalities} empty={t("adm.choose")} required />
      <f.Text id="f-address" name="address" label={t("adm.desk.address")} hint={t("adm.desk.addressHint")} required autocomplete="off" />
      <f.Choices id="f-modes" name="modes" type="checkbox" legend={t("adm.desk.modes")} options={options.modes} required inline />
      <f.Choices id="f-topics" name="topics" type="checkbox" legend={t("adm.desk.topics")} options={options.topics} required />
      <f.Choices
        id="f-served"
        name="servedMunicipalities"
        type="checkbox"
        legend={t("adm.desk.served")}
        hint={t("adm.desk.servedHint")}
        options={options.municipalities}
        selected={"servedMunicipalities" in form ? fields(form, "servedMunicipalities") : options.municipalities.map((m) => m.value)}
        required
      />
      <h2>{t("adm.desk.planning")}</h2>
      {number({ id: "f-slot", name: "slotMinutes", label: t("adm.desk.slotMinutes"), min: "5", max: "480" })}
      {number({ id: "f-capacity", name: "capacityPerSlot", label: t("adm.desk.capacity"), hint: t("adm.desk.capacityHint"), min: "1", max: "50" })}
      {number({ id: "f-notice", name: "minNoticeHours", label: t("adm.desk.notice"), min: "0", max: "720" })}
      {number({ id: "f-advance", name: "maxAdvanceDays", label: t("adm.desk.advance"), min: "1", max: "365" })}
      {number({ id: "f-cutoff", name: "cancelCutoffHours", label: t("adm.desk.cutoff"), min: "0", max: "168" })}
      <h2>{t("adm.desk.contact")}</h2>
      <f.Text id="f-video" name="videoUrlTemplate" type="url" label={t("adm.desk.video")} hint={t("adm.desk.videoHint")} autocomplete="off" />
      <f.Text id="f-phone" name="phone" type="tel" label={t("adm.desk.phone")} width="m" autocomplete="off" />
      <f.Text id="f-email" name="email" type="email" label={t("adm.desk.email")} autocomplete="off" />
      <f.Area id="f-visit" name="visitInfo" label={t("adm.desk.visit")} hint={t("adm.desk.visitHint")} maxlength={1000} />
      <f.Area id="f-access" name="accessInfo" label={t("adm.desk.access")} hint={t("adm.desk.accessHint")} maxlength={1000} />
    </>,
  );
}

export async function newDeskPage(w: Web) {
  return deskForm(w, scopeOf(w), { id: null, form: NEW_DESK, errors: [] });
}

export async function createDeskSubmit(w: Web) {
  const scope = scopeOf(w);
  const form = await readForm(w);
  form.servedMunicipalities = fields(form, "servedMunicipalities");
  const parsed = parseForm(w.t, CreateFrontdeskBody, deskBody(form), DESK_FIELDS);
  if (!parsed.ok) return deskForm(w, scope, { id: null, form, errors: parsed.errors, status: 400 });
  try {
    const created = await createFrontdesk(scope, actorOf(w), parsed.value, undefined, w.now);
    return seeOther(w, `${desksBase(w)}/${created.id}/openingstijden?nieuw=1`);
  } catch (error) {
    const refused = serviceErrors(w.t, error, DESK_FIELDS);
    if (refused) return deskForm(w, scope, { id: null, form, ...refused });
    throw error;
  }
}

export async function editDeskPage(w: Web) {
  const scope = scopeOf(w);
  const { desk: d, municipalities } = await readAdminFrontdesk(scope, w.c.req.param("id") ?? "", w.now);
  const form: FormValues = {
    ...Object.fromEntries((["slotMinutes", "capacityPerSlot", "minNoticeHours", "maxAdvanceDays", "cancelCutoffHours"] as const).map((k) => [k, String(d[k])])),
    name: d.name,
    kind: d.kind,
    municipality: d.municipality,
    address: d.address,
    modes: d.modes,
    topics: d.topics,
    videoUrlTemplate: d.videoUrlTemplate ?? "",
    phone: d.phone ?? "",
    email: d.email ?? "",
    servedMunicipalities: d.servedMunicipalities,
    visitInfo: d.visitInfo ?? "",
    accessInfo: d.accessInfo ?? "",
  };
  return deskForm(w, scope, { id: d.id, form, errors: [], municipalities });
}

export async function editDeskSubmit(w: Web) {
  const scope = scopeOf(w);
  const id = w.c.req.param("id") ?? "";
  await getAdminFrontdesk(scope, id, w.now);
  const form = await readForm(w);
  form.servedMunicipalities = fields(form, "servedMunicipalities");
  const parsed = parseForm(w.t, CreateFrontdeskBody, deskBody(form), DESK_FIELDS);
  if (!parsed.ok) return deskForm(w, scope, { id, form, errors: parsed.errors, status: 400 });
  try {
    await updateFrontdesk(scope, actorOf(w), id, parsed.value, w.now);
  } catch (error) {
    const refused = serviceErrors(w.t, error, DESK_FIELDS);
    if (refused) return deskForm(w, scope, { id, form, ...refused });
    throw error;
  }
  return seeOther(w, `${desksBase(w)}/${id}?klaar=1`);
}

export const deskFormPages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/loketten/nieuw", ADMIN, newDeskPage),
  pageRoute("post", "/beheer/:region/loketten/nieuw", ADMIN, createDeskSubmit),
  pageRoute("get", "/beheer/:region/loketten/:id", ADMIN, editDeskPage),
  pageRoute("post", "/beheer/:region/loketten/:id", ADMIN, editDeskSubmit),
];
