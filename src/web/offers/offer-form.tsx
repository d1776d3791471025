/**
 * A partner's offer form (`/partner/:org/aanbod/nieuw` and `/partner/:org/aanbod/:id`): one
 * form for creating and editing, validated with the API's `NewOfferBody` and saved through
 * the same services as `POST`/`PATCH /api/v1/organisations/{org}/offers`. An edit sends only
 * the fields that changed, so a published offer's change waits for review while the published
 * version stays visible (the service keeps it as a revision).
 */
import { AUDIENCES, OFFER_COSTS, OFFER_KINDS, PHASES } from "../../db/schema";
import { organisationScope, type OrganisationScope } from "../../db/scope";
import { rolesAccess } from "../../features/auth/policy";
import type { OfferAdmin } from "../../features/catalogue/offer-dto";
import { NewOfferBody, type NewOfferInput, type OfferPatchInput } from "../../features/catalogue/offers.schemas";
import { changeOffer, createOffer, getOrganisationOffer } from "../../features/catalogue/offers.service";
import { listRegions } from "../../features/regions/regions.service";
import { requireActor } from "../../lib/context";
import { TOPICS, topicLabel } from "../../lib/vocabulary";
import { audienceLabel, costLabel, offerKindLabel, phaseLabel } from "../catalogue/shared";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { type FieldErrors, type FieldMap, type FormValues, field, fields, optional, parseForm, readForm, serviceErrors } from "../kit/form";
import { pageRoute, seeOther, type PageRoute } from "../kit/page";
import { formPage } from "../kit/scaffolds";
import { Notice } from "../kit/ui";

/** Partners of the organisation, and the region admins of its home region (the `:org` rule). */
export const ORGANISATION_STAFF = rolesAccess("partner", "region_admin");

/** The scope of the page's organisation (resolved and checked from `:org` by the access step). */
export function orgScopeOf(w: Web): OrganisationScope {
  return organisationScope(w.c.var.db, w.c.var.organisation);
}

export const offersHref = (w: Web) => `/partner/${w.c.var.organisation.slug}/aanbod`;

const OFFER_FIELDS: FieldMap = [
  ["title", "f-title", "ptn.err.title"],
  ["summary", "f-summary", "ptn.err.summary"],
  ["description", "f-description", "ptn.err.description"],
  ["kind", "f-kind", "ptn.err.kind"],
  ["topics", "f-topics", "ptn.err.topics"],
  ["audiences", "f-audiences", "ptn.err.audiences"],
  ["phases", "f-phases", "ptn.err.phases"],
  ["regions", "f-regions", "ptn.err.regions"],
  ["municipalities", "f-municipalities", "ptn.err.municipalities"],
  ["cost", "f-cost", "ptn.err.cost"],
  ["opensAt", "f-opensAt", "ptn.err.opensAt"],
  ["deadline", "f-deadline", "ptn.err.deadline"],
  ["howToApply", "f-howToApply", "ptn.err.howToApply"],
  ["contact.name", "f-contactName", "ptn.err.contactName"],
  ["contact.email", "f-contactEmail", "ptn.err.contactEmail"],
  ["contact.phone", "f-contactPhone", "ptn.err.contactPhone"],
  ["url", "f-url", "ptn.err.url"],
];

/** "All of Limburg" is the first option of the regions group. */
const ALL = "all";

/** The form shaped like the API body. */
function offerInput(form: FormValues): Record<string, unknown> {
  const regions = fields(form, "regions");
  const contact = Object.fromEntries(
    [
      ["name", optional(form, "contactName")],
      ["email", optional(form, "contactEmail")],
      ["phone", optional(form, "contactPhone")],
    ].filter(([, value]) => value !== undefined),
  );
  return {
    title: field(form, "title"),
    summary: field(form, "summary"),
    description: field(form, "description"),
    kind: optional(form, "kind"),
    topics: fields(form, "topics"),
    audiences: fields(form, "audiences"),
    phases: fields(form, "phases"),
    regions: regions.filter((r) => r !== ALL),
    allLimburg: regions.includes(ALL),
    municipalities: field(form, "municipalities")
      .split(",")
      .map((m) => m.trim())
      .filter(Boolean),
    cost: optional(form, "cost"),
    deadline: optional(form, "deadline") ?? null,
    opensAt: optional(form, "opensAt") ?? null,
    howToApply: field(form, "howToApply"),
    contact: Object.keys(contact).length > 0 ? contact : null,
    url: optional(form, "url") ?? null,
  };
}

/** An offer's current content (its pending change, if any) as form values. */
function offerValues(offer: OfferAdmin): FormValues {
  const c = offer.revision ?? offer;
  return {
    title: c.title,
    summary: c.summary,
    description: c.description,
    kind: c.kind,
    topics: c.topics,
    audiences: c.audiences,
    phases: c.phases,
    regions: c.allLimburg ? [ALL, ...c.regions] : c.regions,
    municipalities: c.municipalities.join(", "),
    cost: c.cost,
    deadline: c.deadline ?? "",
    opensAt: c.opensAt ?? "",
    howToApply: c.howToApply,
    contactName: c.contact?.name ?? "",
    contactEmail: c.contact?.email ?? "",
    contactPhone: c.contact?.phone ?? "",
    url: c.url ?? "",
  };
}

async function offerForm(w: Web, p: { form: FormValues; errors: FieldErrors; status?: number; offer?: OfferAdmin }) {
  const { t, locale } = w;
  const regions = await listRegions(w.c.var.db);
  const f = formFields(w, p.form, p.errors);
  const edit = p.offer;
  const title = edit ? t("ptn.editTitle") : t("ptn.newTitle");
  const notice = edit ? (
    <>
      {edit.status === "published" ? <Notice kind="info" title={t("ptn.publishedNote")} /> : null}
      {edit.reviewNote ? <Notice kind="warning" title={t("ptn.reviewNote", { note: edit.reviewNote })} /> : null}
    </>
  ) : null;
  const listHref = offersHref(w);
  return formPage(
    w,
    {
      texts: { title, submit: edit ? t("ptn.save") : t("ptn.saveDraft") },
      action: edit ? `${listHref}/${edit.id}` : `${listHref}/nieuw`,
      errors: p.errors,
      status: p.status ?? 200,
      breadcrumbs: [
        [t("ptn.title", { org: w.c.var.organisation.name }), listHref],
        [edit ? edit.title : title, null],
      ],
      notice,
      cancel: { href: listHref, label: t("adm.cancel") },
    },
    <>
      <f.Text id="f-title" name="title" label={t("f.title")} required />
      <f.Text id="f-summary" name="summary" label={t("f.summary")} hint={t("f.summaryHint")} required />
      <f.Area id="f-description" name="description" label={t("f.description")} hint={t("f.descriptionHint")} required maxlength={8000} />
      <f.Select id="f-kind" name="kind" label={t("f.kind")} options={OFFER_KINDS.map((k) => ({ value: k, label: offerKindLabel(w, k) }))} empty="" required />
      <f.Choices
        id="f-topics"
        name="topics"
        legend={t("f.topics")}
        type="checkbox"
        options={TOPICS.map((k) => ({ value: k, label: topicLabel(k, locale) }))}
        required
      />
      <f.Choices
        id="f-audiences"
        name="audiences"
        legend={t("f.audiences")}
        type="checkbox"
        options={AUDIENCES.map((k) => ({ value: k, label: audienceLabel(w, k) }))}
        required
      />
      <f.Choices
        id="f-phases"
        name="phases"
        legend={t("f.phases")}
        type="checkbox"
        options={PHASES.map((k) => ({ value: k, label: phaseLabel(w, k) }))}
        required
      />
      <f.Choices
        id="f-regions"
        name="regions"
        legend={t("f.regions")}
        hint={t("f.allLimburgHint")}
        type="checkbox"
        options={[{ value: ALL, label: t("f.allLimburg") }, ...regions.map((r) => ({ value: r.slug, label: r.name }))]}
        required
      />
      <f.Text id="f-municipalities" name="municipalities" label={t("f.municipalities")} hint={t("f.municipalitiesHint")} />
      <f.Choices
        id="f-cost"
        name="cost"
        legend={t("f.cost")}
        type="radio"
        options={OFFER_COSTS.map((k) => ({ value: k, label: costLabel(w, k) }))}
        required
        inline
      />
      <f.Text id="f-opensAt" name="opensAt" type="date" label={t("f.opensAt")} width="m" />
      <f.Text id="f-deadline" name="deadline" type="date" label={t("f.deadline")} hint={t("f.deadlineHint")} width="m" />
      <f.Area id="f-howToApply" name="howToApply" label={t("f.howToApply")} required maxlength={2000} />
      <f.Text id="f-contactName" name="contactName" label={t("f.contactName")} autocomplete="off" />
      <f.Text id="f-contactEmail" name="contactEmail" type="email" label={t("f.contactEmail")} autocomplete="off" />
      <f.Text id="f-contactPhone" name="contactPhone" type="tel" label={t("f.contactPhone")} autocomplete="off" />
      <f.Text id="f-url" name="url" type="url" label={t("f.url")} hint={t("f.urlHint")} />
    </>,
  );
}

/** A service refusal shown at its field, or as a conflict above the form; anything else goes to the error page. */
function refused(w: Web, error: unknown) {
  const shown = serviceErrors(w.t, error, OFFER_FIELDS, { conflict: "ptn.conflict" });
  if (!shown) throw error;
  return shown;
}

async function newOfferPage(w: Web) {
  return offerForm(w, { form: { regions: [] }, errors: [] });
}

async function createOfferSubmit(w: Web) {
  const form = await readForm(w);
  const parsed = parseForm(w.t, NewOfferBody, offerInput(form), OFFER_FIELDS);
  if (!parsed.ok) return offerForm(w, { form, errors: parsed.errors, status: 400 });
  try {
    await createOffer(orgScopeOf(w), requireActor(w.c), parsed.value, w.now);
  } catch (error) {
    const shown = refused(w, error);
    return offerForm(w, { form, ...shown });
  }
  return seeOther(w, `${offersHref(w)}?klaar=aangemaakt`);
}

/** The offer of the page's organisation, or 404 (another organisation's offer does not exist here). */
function pageOffer(w: Web): Promise<OfferAdmin> {
  return getOrganisationOffer(orgScopeOf(w), w.c.req.param("id") ?? "", w.now);
}

const editable = (offer: OfferAdmin) => offer.status !== "archived" && offer.frontdeskId === null;

async function editOfferPage(w: Web) {
  const offer = await pageOffer(w);
  if (!editable(offer)) return offerForm(w, { form: offerValues(offer), errors: [{ id: "", message: w.t("ptn.readOnly") }], status: 409, offer });
  return offerForm(w, { form: offerValues(offer), errors: [], offer });
}

/** A value for comparing: lists in a fixed order, absent as null. */
const canonical = (value: unknown): string => JSON.stringify(Array.isArray(value) ? [...value].sort() : (value ?? null));

/**
 * Only what differs from the offer's current content (its pending change, if any), so an
 * untouched field is never "changed"; the UPL URI is not on the form and stays as it is.
 */
function changedFields(offer: OfferAdmin, next: NewOfferInput): OfferPatchInput {
  const current: Record<string, unknown> = { ...(offer.revision ?? offer) };
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) if (key !== "uplUri" && canonical(current[key]) !== canonical(value)) patch[key] = value;
  return patch as OfferPatchInput;
}

async function editOfferSubmit(w: Web) {
  const offer = await pageOffer(w);
  const form = await readForm(w);
  const parsed = parseForm(w.t, NewOfferBody, offerInput(form), OFFER_FIELDS);
  if (!parsed.ok) return offerForm(w, { form, errors: parsed.errors, status: 400, offer });
  const patch = changedFields(offer, parsed.value);
  let saved: OfferAdmin;
  try {
    saved = await changeOffer(orgScopeOf(w), requireActor(w.c), offer.id, Object.keys(patch).length > 0 ? patch : { confirmChecked: true }, w.now);
  } catch (error) {
    const shown = refused(w, error);
    return offerForm(w, { form, ...shown, offer });
  }
  return seeOther(w, `${offersHref(w)}?klaar=${saved.revisionStatus === "in_review" ? "wijziging" : "opgeslagen"}`);
}

export const offerFormPages: PageRoute[] = [
  pageRoute("get", "/partner/:org/aanbod/nieuw", ORGANISATION_STAFF, newOfferPage),
  pageRoute("post", "/partner/:org/aanbod/nieuw", ORGANISATION_STAFF, createOfferSubmit),
  pageRoute("get", "/partner/:org/aanbod/:id", ORGANISATION_STAFF, editOfferPage),
  pageRoute("post", "/partner/:org/aanbod/:id", ORGANISATION_STAFF, editOfferSubmit),
];
