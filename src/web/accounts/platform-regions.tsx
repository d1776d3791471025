/** The platform admin's pages: the regions with their region admins (disable / enable), and creating a region. */
import { NewRegionBody } from "../../features/accounts/accounts.schemas";
import { createRegion, getManageableAccount, readRegionsWithAdmins, updateRegionAccount } from "../../features/accounts/accounts.service";
import { PLATFORM_ADMIN } from "../../features/auth/policy";
import { DomainError } from "../../lib/errors";
import { toErrorResponse } from "../../lib/http-errors";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { field, parseForm, readForm, serviceErrors, type FieldErrors, type FieldMap, type FormValues } from "../kit/form";
import { actorOf, pageRoute, render, scopeOf, seeOther, withQuery, type PageRoute } from "../kit/page";
import { formPage } from "../kit/scaffolds";
import { Breadcrumbs, DataTable, Notice, RowAction } from "../kit/ui";

const LIST = "/beheer/regiobeheerders";
const NEW_REGION = "/beheer/regio-nieuw";

const REGION_FIELDS: FieldMap = [
  ["slug", "f-slug", "plat.err.slug"],
  ["name", "f-name", "plat.err.name"],
  ["operator", "f-operator", "plat.err.operator"],
  ["municipalities", "f-municipalities", "plat.err.municipalities"],
];

export async function regionAdminsPage(w: Web) {
  const { t } = w;
  const regions = await readRegionsWithAdmins(w.c.var.db);
  const done = w.c.req.query("klaar");
  const notice =
    done === "uit"
      ? t("staffadm.disabledDone")
      : done === "aan"
        ? t("staffadm.enabledDone")
        : done === "regio"
          ? t("plat.regionCreated", { name: w.c.req.query("naam") ?? "" })
          : null;
  return render(w, {
    title: t("plat.admins.title"),
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [t("staff.homeTitle"), "/beheer"],
            [t("plat.admins.title"), null],
          ]}
        />
        <h1>{t("plat.admins.title")}</h1>
        {notice ? <Notice kind="success" title={notice} /> : null}
        <p class="actions">
          <a class="button button--primary" href={NEW_REGION}>
            {t("plat.newRegion.title")}
          </a>
          <a class="button button--secondary" href="/beheer/regiobeheerder-uitnodigen">
            {t("platadm.link")}
          </a>
        </p>
        {regions.map((r) => (
          <DataTable
            t={t}
            titled
            caption={r.name}
            columns={[t("staffadm.name"), t("staffadm.email"), t("staffadm.state"), t("plat.admins.action")]}
            empty={r.admins.length === 0 && t("plat.admins.none")}
          >
            {r.admins.map((a) => (
              <tr>
                <th scope="row">{a.name}</th>
                <td>{a.email}</td>
                <td>{a.disabled ? t("staffadm.disabled") : a.hasPassword ? t("staffadm.active") : t("staffadm.invited")}</td>
                <RowAction
                  action={`${LIST}/${r.slug}/${a.id}/${a.disabled ? "inschakelen" : "uitschakelen"}`}
                  label={a.disabled ? t("staffadm.enable") : t("staffadm.disable")}
                  row={a.name}
                />
              </tr>
            ))}
          </DataTable>
        ))}
        <p class="small">{t("staffadm.disableText")}</p>
      </>
    ),
  });
}

/** Disables or enables a region admin (the region's account service: sessions end at once when disabled). */
function setAdminDisabled(disabled: boolean) {
  return async (w: Web) => {
    const scope = scopeOf(w);
    const user = await getManageableAccount(scope, actorOf(w), w.c.req.param("id") ?? "");
    if (user.role !== "region_admin") throw new DomainError("not_found", "This region admin");
    await updateRegionAccount(scope, actorOf(w), user.id, { disabled }, w.now);
    return seeOther(w, `${LIST}?klaar=${disabled ? "uit" : "aan"}`);
  };
}

/** "0935 Maastricht" per line (a CBS code of 4 digits, then the name), as the API's list. */
function municipalityList(text: string): Array<{ cbsCode: string; name: string }> {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const match = /^(?:GM)?(\S+)[\s;,]+(.+)$/i.exec(line);
      return { cbsCode: match?.[1] ?? line, name: (match?.[2] ?? "").trim() };
    });
}

export function newRegionPage(w: Web, form: FormValues = {}, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const f = formFields(w, form, errors);
  const breadcrumbs: Array<[string, string | null]> = [
    [t("staff.homeTitle"), "/beheer"],
    [t("plat.admins.title"), LIST],
    [t("plat.newRegion.title"), null],
  ];
  return formPage(
    w,
    {
      texts: { title: t("plat.newRegion.title"), lead: t("plat.newRegion.lead"), submit: t("plat.newRegion.submit") },
      action: NEW_REGION,
      errors,
      status,
      narrow: true,
      breadcrumbs,
    },
    <>
      <f.Text id="f-name" name="name" label={t("plat.region.name")} required autocomplete="off" />
      <f.Text id="f-slug" name="slug" label={t("plat.region.slug")} hint={t("plat.region.slugHint")} required autocomplete="off" width="m" />
      <f.Text id="f-operator" name="operator" label={t("plat.region.operator")} hint={t("plat.region.operatorHint")} required autocomplete="off" />
      <f.Area id="f-municipalities" name="municipalities" label={t("plat.region.municipalities")} hint={t("plat.region.municipalitiesHint")} required />
    </>,
  );
}

export async function newRegionSubmit(w: Web) {
  const form = await readForm(w);
  const body = {
    slug: field(form, "slug").trim().toLowerCase(),
    name: field(form, "name").trim(),
    operator: field(form, "operator").trim(),
    municipalities: municipalityList(field(form, "municipalities")),
  };
  const parsed = parseForm(w.t, NewRegionBody, body, REGION_FIELDS);
  if (!parsed.ok) return newRegionPage(w, form, parsed.errors, 400);
  try {
    await createRegion(w.c.var.db, actorOf(w), parsed.value, w.now);
  } catch (error) {
    // A taken slug (or name) is the database's unique constraint: 409, as the API answers.
    if ((error instanceof DomainError && error.code === "conflict") || toErrorResponse(error).status === 409)
      return newRegionPage(w, form, [{ id: "f-slug", message: w.t("plat.err.slugTaken") }], 409);
    const refused = serviceErrors(w.t, error, REGION_FIELDS);
    if (refused) return newRegionPage(w, form, refused.errors, refused.status);
    throw error;
  }
  return seeOther(w, withQuery(LIST, { klaar: "regio", naam: parsed.value.name }));
}

export const platformRegionPages: PageRoute[] = [
  pageRoute("get", LIST, PLATFORM_ADMIN, regionAdminsPage),
  pageRoute("post", "/beheer/regiobeheerders/:region/:id/uitschakelen", PLATFORM_ADMIN, setAdminDisabled(true)),
  pageRoute("post", "/beheer/regiobeheerders/:region/:id/inschakelen", PLATFORM_ADMIN, setAdminDisabled(false)),
  pageRoute("get", NEW_REGION, PLATFORM_ADMIN, (w) => newRegionPage(w)),
  pageRoute("post", NEW_REGION, PLATFORM_ADMIN, newRegionSubmit),
];
