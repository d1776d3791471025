/**
 * The region's organisations (`/beheer/:region/organisaties`): the list, a form to add one
 * (home region: this region), and inviting an organisation's first partner user
 * (`…/organisaties/:org/uitnodigen`), through the services of `POST /api/v1/organisations`
 * and `POST /api/v1/organisations/{org}/invitations`.
 */
import { ORGANISATION_KINDS } from "../../db/schema";
import { rolesAccess } from "../../features/auth/policy";
import { deliverSoon } from "../../features/notifications/notify";
import { NewOrganisationBody, PartnerInvitationBody } from "../../features/organisations/organisations.schemas";
import { createOrganisation, invitePartner, listOrganisationPage } from "../../features/organisations/organisations.service";
import { listRegions } from "../../features/regions/regions.service";
import { requireActor } from "../../lib/context";
import { toErrorResponse } from "../../lib/http-errors";
import { linksFor } from "../../lib/links";
import { organisationKindLabel } from "../catalogue/shared";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { type FieldErrors, type FieldMap, type FormValues, field, fields, optional, parseForm, readForm, serviceErrors } from "../kit/form";
import { pageRoute, render, scopeOf, seeOther, type PageRoute } from "../kit/page";
import { FormSection, formPage } from "../kit/scaffolds";
import { DataTable, Notice } from "../kit/ui";

const ADMINS = rolesAccess("region_admin");

const ORG_FIELDS: FieldMap = [
  ["slug", "f-slug", "org.err.slug"],
  ["name", "f-name", "org.err.name"],
  ["kind", "f-kind", "org.err.kind"],
  ["regions", "f-regions", "org.err.regions"],
  ["website", "f-website", "ptn.err.url"],
  ["email", "f-email", "org.err.email"],
  ["phone", "f-phone", "ptn.err.contactPhone"],
  ["description", "f-description", "ptn.err.description"],
];
const INVITE_FIELDS: FieldMap = [
  ["name", "f-name", "org.err.name"],
  ["email", "f-email", "org.err.email"],
];

/** A refusal the form can show (invalid input, or 409 for a taken slug or e-mail address); anything else goes to the error page. */
function refusal(w: Web, error: unknown, map: FieldMap, takenId: string, taken: "org.err.slugTaken" | "org.err.emailTaken") {
  if (toErrorResponse(error).status === 409) return { errors: [{ id: takenId, message: w.t(taken) }], status: 409 };
  const shown = serviceErrors(w.t, error, map);
  if (!shown) throw error;
  return shown;
}

async function organisationsPage(w: Web, form: FormValues = {}, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const scope = scopeOf(w);
  const region = scope.region;
  const [page, regions] = await Promise.all([listOrganisationPage(w.c.var.db, { region: region.slug, limit: 100 }), listRegions(w.c.var.db)]);
  const names = new Map(regions.map((r) => [r.slug, r.name]));
  const f = formFields(w, { regions: [region.slug], ...form }, errors);
  const base = `/beheer/${region.slug}/organisaties`;
  return render(w, {
    title: t("org.title"),
    status,
    body: (
      <>
        <h1>{t("org.title")}</h1>
        <p class="lead">{t("org.lead", { region: region.name })}</p>
        <DataTable
          t={t}
          caption={t("org.title")}
          columns={[t("org.col.name"), t("org.col.kind"), t("org.col.regions"), t("org.col.actions")]}
          empty={page.organisations.length === 0 ? t("org.empty") : false}
        >
          {page.organisations.map((o) => (
            <tr>
              <th scope="row">
                <a href={`/organisaties/${o.slug}`}>{o.name}</a>
              </th>
              <td>{organisationKindLabel(w, o.kind)}</td>
              <td>{o.regions.map((slug) => names.get(slug) ?? slug).join(", ")}</td>
              <td>
                {o.homeRegion === region.slug ? (
                  <>
                    <a href={`${base}/${o.slug}/uitnodigen`}>
                      {t("org.invite")}
                      <span class="visually-hidden"> {o.name}</span>
                    </a>{" "}
                    ·{" "}
                    <a href={`/partner/${o.slug}/aanbod`}>
                      {t("org.offers")}
                      <span class="visually-hidden"> {o.name}</span>
                    </a>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
        <FormSection
          w={w}
          spec={{ texts: { title: t("org.newTitle"), submit: t("org.create") }, action: base, errors, heading: "h2" }}
          fields={
            <>
              <f.Text id="f-name" name="name" label={t("f.org.name")} required />
              <f.Text id="f-slug" name="slug" label={t("f.org.slug")} hint={t("f.org.slugHint")} required width="m" />
              <f.Select
                id="f-kind"
                name="kind"
                label={t("f.org.kind")}
                options={ORGANISATION_KINDS.map((k) => ({ value: k, label: organisationKindLabel(w, k) }))}
                empty=""
                required
              />
              <f.Choices
                id="f-regions"
                name="regions"
                legend={t("f.org.regions")}
                type="checkbox"
                options={regions.map((r) => ({ value: r.slug, label: r.name }))}
                required
              />
              <f.Text id="f-website" name="website" type="url" label={t("f.org.website")} hint={t("f.urlHint")} />
              <f.Text id="f-email" name="email" type="email" label={t("f.org.email")} autocomplete="off" />
              <f.Text id="f-phone" name="phone" type="tel" label={t("f.org.phone")} autocomplete="off" />
              <f.Area id="f-description" name="description" label={t("f.org.description")} maxlength={2000} />
            </>
          }
        />
      </>
    ),
  });
}

async function createSubmit(w: Web) {
  const region = scopeOf(w).region;
  const form = await readForm(w);
  const input = {
    slug: field(form, "slug").trim(),
    name: field(form, "name"),
    kind: optional(form, "kind"),
    regions: fields(form, "regions"),
    homeRegion: region.slug,
    website: optional(form, "website"),
    email: optional(form, "email"),
    phone: optional(form, "phone"),
    description: optional(form, "description"),
  };
  const parsed = parseForm(w.t, NewOrganisationBody, input, ORG_FIELDS);
  if (!parsed.ok) return organisationsPage(w, form, parsed.errors, 400);
  try {
    await createOrganisation(w.c.var.db, requireActor(w.c), parsed.value, w.now);
  } catch (error) {
    const shown = refusal(w, error, ORG_FIELDS, "f-slug", "org.err.slugTaken");
    return organisationsPage(w, form, shown.errors, shown.status);
  }
  return seeOther(w, `/beheer/${region.slug}/organisaties/${parsed.value.slug}/uitnodigen?nieuw=${encodeURIComponent(parsed.value.name)}`);
}

function invitePage(w: Web, form: FormValues = {}, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const org = w.c.var.organisation;
  const region = scopeOf(w).region;
  const f = formFields(w, form, errors);
  const created = w.c.req.query("nieuw");
  const sent = w.c.req.query("verstuurd");
  return formPage(
    w,
    {
      texts: { title: t("org.inviteTitle", { org: org.name }), lead: t("org.inviteLead"), submit: t("org.inviteSubmit") },
      action: `/beheer/${region.slug}/organisaties/${org.slug}/uitnodigen`,
      errors,
      status,
      narrow: true,
      breadcrumbs: [
        [t("org.title"), `/beheer/${region.slug}/organisaties`],
        [org.name, null],
      ],
      notice: (
        <>
          {created ? <Notice kind="success" title={t("org.created", { name: org.name })} /> : null}
          {sent ? <Notice kind="success" title={t("org.invited", { email: sent })} /> : null}
        </>
      ),
    },
    <>
      <f.Text id="f-name" name="name" label={t("f.inv.name")} required autocomplete="off" />
      <f.Text id="f-email" name="email" type="email" label={t("f.inv.email")} required autocomplete="off" />
    </>,
  );
}

async function inviteSubmit(w: Web) {
  const form = await readForm(w);
  const parsed = parseForm(w.t, PartnerInvitationBody, { name: field(form, "name"), email: field(form, "email") }, INVITE_FIELDS);
  if (!parsed.ok) return invitePage(w, form, parsed.errors, 400);
  const org = w.c.var.organisation;
  try {
    await invitePartner(w.c.var.db, requireActor(w.c), org, parsed.value, linksFor(w.c).origin, w.now);
  } catch (error) {
    const shown = refusal(w, error, INVITE_FIELDS, "f-email", "org.err.emailTaken");
    return invitePage(w, form, shown.errors, shown.status);
  }
  deliverSoon(w.c);
  return seeOther(w, `/beheer/${scopeOf(w).region.slug}/organisaties/${org.slug}/uitnodigen?verstuurd=${encodeURIComponent(parsed.value.email)}`);
}

export const organisationAdminPages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/organisaties", ADMINS, (w) => organisationsPage(w)),
  pageRoute("post", "/beheer/:region/organisaties", ADMINS, createSubmit),
  pageRoute("get", "/beheer/:region/organisaties/:org/uitnodigen", ADMINS, (w) => invitePage(w)),
  pageRoute("post", "/beheer/:region/organisaties/:org/uitnodigen", ADMINS, inviteSubmit),
];
