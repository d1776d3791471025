/**
 * API keys pages (issue 20), one definition for both owners: a region's keys for its admins
 * (`/beheer/:region/api-sleutels`) and an organisation's keys for its partners and its home
 * region's admins (`/partner/:org/api-sleutels`). The list with revoke and rotate, a form for a
 * new key, and the page that shows a new secret once (never in a URL, never stored). The same
 * services as `…/api-keys` in the API.
 */
import * as v from "valibot";
import type { ApiScope } from "../../db/schema";
import { organisationScope } from "../../db/scope";
import { NewKeyBody, KeyId } from "../../features/api-keys/api-keys.schemas";
import { createApiKey, type KeyOwnerScope, listApiKeys, revokeApiKey, rotateApiKey } from "../../features/api-keys/api-keys.service";
import { type Access, KEY_SCOPES, rolesAccess } from "../../features/auth/policy";
import { requireActor } from "../../lib/context";
import { DomainError, notFound } from "../../lib/errors";
import { toErrorResponse } from "../../lib/http-errors";
import { formatOffsetIso, isCalendarDate, localDate, localDayBounds } from "../../lib/time";
import type { MessageKey } from "../i18n";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { type FieldErrors, type FieldMap, type FormValues, field, fields, optional, parseForm, readForm, serviceErrors } from "../kit/form";
import { day, time } from "../kit/format";
import { type PageRoute, pageRoute, render, scopeOf, seeOther } from "../kit/page";
import { FormSection } from "../kit/scaffolds";
import { DataTable, Notice, RowAction } from "../kit/ui";

interface Family {
  path: string;
  access: Access;
  kind: "region" | "organisation";
  base: (w: Web) => string;
  owner: (w: Web) => KeyOwnerScope;
  ownerName: (w: Web) => string;
}

const FAMILIES: Family[] = [
  {
    path: "/beheer/:region/api-sleutels",
    access: rolesAccess("region_admin"),
    kind: "region",
    base: (w) => `/beheer/${scopeOf(w).region.slug}/api-sleutels`,
    owner: (w) => ({ kind: "region", scope: scopeOf(w) }),
    ownerName: (w) => scopeOf(w).region.name,
  },
  {
    path: "/partner/:org/api-sleutels",
    access: rolesAccess("partner", "region_admin"),
    kind: "organisation",
    base: (w) => `/partner/${w.c.var.organisation.slug}/api-sleutels`,
    owner: (w) => ({ kind: "organisation", scope: organisationScope(w.c.var.db, w.c.var.organisation) }),
    ownerName: (w) => w.c.var.organisation.name,
  },
];

const KEY_FIELDS: FieldMap = [
  ["name", "f-name", "key.err.name"],
  ["scopes", "f-scopes", "key.err.scopes"],
  ["expiresAt", "f-expires", "key.err.expires"],
];

const scopeLabel = (w: Web, scope: ApiScope) => w.t(`key.scope.${scope}` as MessageKey);
const moment = (w: Web, iso: string) => {
  const instant = Date.parse(iso);
  return `${day(localDate(instant), w.locale, { year: true })} ${time(instant)}`;
};

async function listPage(f: Family, w: Web, form: FormValues = {}, errors: FieldErrors = [], status = 200, notice: string | null = null) {
  const { t } = w;
  const keys = await listApiKeys(f.owner(w), w.now);
  const base = f.base(w);
  const values = formFields(w, form, errors);
  const revoked = w.c.req.query("ingetrokken");
  return render(w, {
    title: t("key.title"),
    status,
    body: (
      <>
        <h1>{t("key.title")}</h1>
        {revoked ? <Notice kind="success" title={t("key.revoked", { name: revoked })} /> : null}
        {notice ? <Notice kind="warning" title={notice} /> : null}
        <p class="lead">{t(f.kind === "region" ? "key.leadRegion" : "key.leadOrg", { owner: f.ownerName(w) })}</p>
        <p>
          <a href="/api/docs">{t("key.docs")}</a>
        </p>
        <DataTable
          t={t}
          caption={t("key.title")}
          columns={[
            t("key.col.name"),
            t("key.col.prefix"),
            t("key.col.scopes"),
            t("key.col.status"),
            t("key.col.lastUsed"),
            t("key.col.expires"),
            t("key.col.actions"),
            "",
          ]}
          empty={keys.length === 0 ? t("key.empty") : false}
        >
          {keys.map((k) => (
            <tr>
              <th scope="row">{k.name}</th>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td>{k.scopes.map((s) => scopeLabel(w, s)).join(", ")}</td>
              <td>
                {t(`key.status.${k.status}`)}
                {k.previousSecretValidUntil ? ` (${t("key.previousUntil", { when: moment(w, k.previousSecretValidUntil) })})` : null}
              </td>
              <td>{k.lastUsedAt ? moment(w, k.lastUsedAt) : t("key.never")}</td>
              <td>{k.expiresAt ? moment(w, k.expiresAt) : t("key.noExpiry")}</td>
              {k.status === "active" ? <RowAction action={`${base}/${k.id}/vernieuwen`} label={t("key.rotate")} row={k.name} /> : <td />}
              {k.status !== "revoked" ? <RowAction action={`${base}/${k.id}/intrekken`} label={t("key.revoke")} row={k.name} /> : <td />}
            </tr>
          ))}
        </DataTable>
        <FormSection
          w={w}
          spec={{ texts: { title: t("key.newTitle"), submit: t("key.create") }, action: base, errors, heading: "h2" }}
          fields={
            <>
              <values.Text id="f-name" name="name" label={t("f.key.name")} hint={t("f.key.nameHint")} required />
              <values.Choices
                id="f-scopes"
                name="scopes"
                legend={t("f.key.scopes")}
                type="checkbox"
                options={KEY_SCOPES[f.kind].map((s) => ({ value: s, label: `${scopeLabel(w, s)} (${s})` }))}
                required
              />
              <values.Text
                id="f-expires"
                name="expires"
                type="date"
                label={t("f.key.expires")}
                hint={t("f.key.expiresHint")}
                width="m"
                min={localDate(w.now)}
              />
            </>
          }
        />
      </>
    ),
  });
}

/** The one page that shows a secret: it is rendered in the answer to the post, never stored or put in a URL. */
function secretPage(f: Family, w: Web, name: string, secret: string, previousUntil: string | null) {
  const { t } = w;
  return render(w, {
    title: t("key.secretTitle"),
    body: (
      <div class="narrow">
        <h1>{t("key.secretTitle")}</h1>
        <Notice kind="warning" title={t("key.secretWarning")} />
        <p>
          <label for="f-secret">{t("key.secretLabel", { name })}</label>
        </p>
        <p>
          <input id="f-secret" class="input input--l" type="text" readonly value={secret} autocomplete="off" spellcheck={false} />
        </p>
        <p>{t("key.secretUse")}</p>
        {previousUntil ? <p>{t("key.rotatedNote", { when: moment(w, previousUntil) })}</p> : null}
        <p>
          <a href={f.base(w)}>{t("key.back")}</a>
        </p>
      </div>
    ),
  });
}

/** The key of a `:id` segment (404 for anything that cannot be one). */
function keyIdOf(w: Web): string {
  const id = w.c.req.param("id");
  if (!id || !v.is(KeyId, id)) throw notFound("This API key");
  return id;
}

async function createSubmit(f: Family, w: Web) {
  const form = await readForm(w);
  const expires = optional(form, "expires");
  // Page-only rule: a date of today or later (the key works until the end of that day in Amsterdam) for the API's instant.
  const until = expires !== undefined && isCalendarDate(expires) ? localDayBounds(expires).end : null;
  const expiryError = expires !== undefined && (until === null || until <= w.now) ? [{ id: "f-expires", message: w.t("key.err.expires") }] : [];
  const input = { name: field(form, "name"), scopes: fields(form, "scopes"), ...(until !== null ? { expiresAt: formatOffsetIso(until) } : {}) };
  const parsed = parseForm(w.t, NewKeyBody, input, KEY_FIELDS);
  if (!parsed.ok || expiryError.length > 0) {
    const errors = [...(parsed.ok ? [] : parsed.errors.filter((e) => e.id !== "f-expires")), ...expiryError];
    return listPage(f, w, form, errors, 400);
  }
  try {
    const { apiKey, secret } = await createApiKey(f.owner(w), requireActor(w.c), parsed.value, { live: w.c.var.config.APP_ENV === "production", now: w.now });
    return secretPage(f, w, apiKey.name, secret, null);
  } catch (error) {
    const shown = serviceErrors(w.t, error, KEY_FIELDS);
    if (!shown) throw error;
    return listPage(f, w, form, shown.errors, shown.status);
  }
}

async function revokeSubmit(f: Family, w: Web) {
  const id = keyIdOf(w);
  const keys = await listApiKeys(f.owner(w), w.now);
  const key = keys.find((k) => k.id === id);
  if (!key) throw notFound("This API key");
  await revokeApiKey(f.owner(w), requireActor(w.c), id, w.now);
  return seeOther(w, `${f.base(w)}?ingetrokken=${encodeURIComponent(key.name)}`);
}

async function rotateSubmit(f: Family, w: Web) {
  const id = keyIdOf(w);
  try {
    const { apiKey, secret } = await rotateApiKey(f.owner(w), requireActor(w.c), id, {}, { live: w.c.var.config.APP_ENV === "production", now: w.now });
    return secretPage(f, w, apiKey.name, secret, apiKey.previousSecretValidUntil);
  } catch (error) {
    if (error instanceof DomainError && toErrorResponse(error).status === 409) return listPage(f, w, {}, [], 409, w.t("key.rotateConflict"));
    throw error;
  }
}

export const apiKeyPages: PageRoute[] = FAMILIES.flatMap((f) => [
  pageRoute("get", f.path, f.access, (w) => listPage(f, w)),
  pageRoute("post", f.path, f.access, (w) => createSubmit(f, w)),
  pageRoute("post", `${f.path}/:id/intrekken`, f.access, (w) => revokeSubmit(f, w)),
  pageRoute("post", `${f.path}/:id/vernieuwen`, f.access, (w) => rotateSubmit(f, w)),
]);
