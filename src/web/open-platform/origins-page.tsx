/**
 * The region admin's registered origins (issue 20): the websites that may embed the booking and
 * read the region's public API from a browser. Add and remove go through the API's schema
 * (`EmbedOriginsBody`) and its service (`replaceEmbedOrigins`: canonical, https only, audited).
 */
import { rolesAccess } from "../../features/auth/policy";
import { EmbedOriginsBody } from "../../features/embed/embed-origins.schemas";
import { listEmbedOrigins, replaceEmbedOrigins } from "../../features/embed/embed-origins.service";
import { linksFor } from "../../lib/links";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { field, parseForm, readForm, serviceErrors, type FieldErrors, type FieldMap, type FormValues } from "../kit/form";
import { actorOf, pageRoute, render, scopeOf, seeOther, type PageRoute } from "../kit/page";
import { FormSection } from "../kit/scaffolds";
import { DataTable, Notice, Panel } from "../kit/ui";

const ADMIN = rolesAccess("region_admin");
const MAP: FieldMap = [["origins", "f-origin", "op.err.origin"]];

function path(w: Web): string {
  return `/beheer/${scopeOf(w).region.slug}/inbedden`;
}

async function originsPage(w: Web, form: FormValues = {}, errors: FieldErrors = [], status = 200, known?: string[]) {
  const { t } = w;
  const scope = scopeOf(w);
  const origins = known ?? (await listEmbedOrigins(scope));
  const f = formFields(w, form, errors);
  const site = linksFor(w.c).origin;
  const snippet = `<a href="${site}/boeken/${scope.region.slug}"\n   data-mkb-embed="${site}/embed/${scope.region.slug}">${t("op.origins.snippetLink")}</a>\n<script src="${site}/assets/embed.js" async></script>`;
  return render(w, {
    title: t("op.origins.title"),
    status,
    body: (
      <>
        <h1>{t("op.origins.title")}</h1>
        {w.c.req.query("klaar") ? <Notice kind="success" title={t("op.origins.saved")} /> : null}
        <p>{t("op.origins.intro")}</p>
        <DataTable
          t={t}
          caption={t("op.origins.title")}
          empty={origins.length === 0 && t("op.origins.none")}
          columns={[t("op.origins.origin"), t("op.origins.action")]}
        >
          {origins.map((origin) => (
            <tr>
              <td>{origin}</td>
              <td>
                <form method="post" action={`${path(w)}/verwijderen`}>
                  <input type="hidden" name="origin" value={origin} />
                  <button type="submit" class="button button--link">
                    {t("op.origins.remove")}
                    <span class="visually-hidden"> {origin}</span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </DataTable>
        <FormSection
          w={w}
          spec={{ texts: { title: t("op.origins.add"), submit: t("op.origins.add") }, action: path(w), errors, heading: "h2" }}
          fields={<f.Text id="f-origin" name="origin" label={t("op.origins.field")} hint={t("op.origins.hint")} required autocomplete="off" />}
        />
        <Panel id="embed-snippet" title={t("op.origins.snippetTitle")}>
          <p>{t("op.origins.snippetIntro")}</p>
          <pre>
            <code>{snippet}</code>
          </pre>
        </Panel>
      </>
    ),
  });
}

/** Saves the new list through the API's schema and service; a refusal shows on the add field. */
async function save(w: Web, origins: string[], form: FormValues, current: string[]) {
  const scope = scopeOf(w);
  const parsed = parseForm(w.t, EmbedOriginsBody, { origins }, MAP);
  if (!parsed.ok) return originsPage(w, form, parsed.errors, 400, current);
  try {
    await replaceEmbedOrigins(scope, actorOf(w), parsed.value.origins, { local: w.c.var.config.isLocal, now: w.now });
  } catch (error) {
    const refused = serviceErrors(w.t, error, MAP);
    if (refused) return originsPage(w, form, refused.errors, refused.status, current);
    throw error;
  }
  return seeOther(w, `${path(w)}?klaar=1`);
}

async function addOrigin(w: Web) {
  const form = await readForm(w);
  const current = await listEmbedOrigins(scopeOf(w));
  return save(w, [...current, field(form, "origin")], form, current);
}

async function removeOrigin(w: Web) {
  const form = await readForm(w);
  const current = await listEmbedOrigins(scopeOf(w));
  const gone = field(form, "origin");
  return save(
    w,
    current.filter((o) => o !== gone),
    {},
    current,
  );
}

export const originPages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/inbedden", ADMIN, (w) => originsPage(w)),
  pageRoute("post", "/beheer/:region/inbedden", ADMIN, addOrigin),
  pageRoute("post", "/beheer/:region/inbedden/verwijderen", ADMIN, removeOrigin),
];
