/**
 * Webhooks of a region (its admins, /beheer/:region/webhooks) and of an organisation (its partners
 * and its home region's admins, /partner/:org/webhooks) (issue 20) on the API's service functions: the list, a new one
 * (its secret shown once, on the answer to the post), delete, the delivery log and replay.
 */
import { rolesAccess } from "../../features/auth/policy";
import type { Access } from "../../features/auth/policy";
import { organisationScope } from "../../db/scope";
import type { WebhookScope } from "../../features/webhooks/webhooks.service";
import { NewWebhookBody } from "../../features/webhooks/webhooks.schemas";
import { createWebhook, enableWebhook, listWebhookDtos, removeWebhook, replayDelivery, webhookWithDeliveries } from "../../features/webhooks/webhooks.service";
import { deliverSoon } from "../../features/notifications/notify";
import { WEBHOOK_EVENTS } from "../../db/schema";
import { localDate } from "../../lib/time";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { day, time } from "../kit/format";
import { fields, field, parseForm, readForm, serviceErrors, type FieldErrors, type FieldMap, type FormValues } from "../kit/form";
import { actorOf, pageRoute, render, scopeOf, seeOther, type PageRoute } from "../kit/page";
import { FormSection } from "../kit/scaffolds";
import { DataTable, Notice, RowAction, numCol } from "../kit/ui";

const MAP: FieldMap = [
  ["url", "f-url", "op.err.url"],
  ["events", "f-events", "op.err.events"],
];

/** Whose webhooks a page is about: a region (its admins) or an organisation (its partners and its home region's admins). */
interface Owner {
  scope(w: Web): WebhookScope;
  base(w: Web): string;
}
const REGION: Owner = { scope: scopeOf, base: (w) => `/beheer/${scopeOf(w).region.slug}/webhooks` };
const ORGANISATION: Owner = {
  scope: (w) => organisationScope(w.c.var.db, w.c.var.organisation),
  base: (w) => `/partner/${w.c.var.organisation.slug}/webhooks`,
};

function at(w: Web, iso: string | null): string {
  if (!iso) return "—";
  const ms = Date.parse(iso);
  return `${day(localDate(ms), w.locale, { short: true })} ${time(ms)}`;
}

async function webhooksPage(o: Owner, w: Web, form: FormValues = {}, errors: FieldErrors = [], status = 200, created?: { url: string; secret: string }) {
  const { t } = w;
  const hooks = await listWebhookDtos(o.scope(w));
  const f = formFields(w, form, errors);
  return render(w, {
    title: t("op.hooks.title"),
    status,
    body: (
      <>
        <h1>{t("op.hooks.title")}</h1>
        {created ? (
          <Notice kind="success" title={t("op.hooks.created.title")}>
            <p>{t("op.hooks.secret")}</p>
            <p>
              <code class="webhook-secret">{created.secret}</code>
            </p>
          </Notice>
        ) : null}
        {w.c.req.query("verwijderd") ? <Notice kind="success" title={t("op.hooks.deleted")} /> : null}
        {w.c.req.query("ingeschakeld") ? <Notice kind="success" title={t("op.hooks.enabled")} /> : null}
        <p>{t("op.hooks.intro")}</p>
        <DataTable
          t={t}
          caption={t("op.hooks.title")}
          empty={hooks.length === 0 && t("op.hooks.none")}
          columns={[t("op.hooks.url"), t("op.hooks.events"), t("op.hooks.status"), t("op.hooks.created"), t("op.hooks.log"), t("op.hooks.action")]}
        >
          {hooks.map((h) => (
            <tr>
              <td>{h.url}</td>
              <td>{h.events.join(", ")}</td>
              <td>
                {t(`op.hooks.st.${h.status}`)}
                {h.status === "disabled" ? (
                  <form method="post" action={`${o.base(w)}/${h.id}/inschakelen`}>
                    <button type="submit" class="button button--secondary">
                      {t("op.hooks.enable")}
                      <span class="visually-hidden"> {h.url}</span>
                    </button>
                  </form>
                ) : null}
              </td>
              <td>{at(w, h.createdAt)}</td>
              <td>
                <a href={`${o.base(w)}/${h.id}`}>
                  {t("op.hooks.log")}
                  <span class="visually-hidden"> {h.url}</span>
                </a>
              </td>
              <RowAction action={`${o.base(w)}/${h.id}/verwijderen`} label={t("op.hooks.delete")} row={h.url} />
            </tr>
          ))}
        </DataTable>
        <FormSection
          w={w}
          spec={{ texts: { title: t("op.hooks.add"), submit: t("op.hooks.add") }, action: o.base(w), errors, heading: "h2" }}
          fields={
            <>
              <f.Text id="f-url" name="url" type="url" label={t("op.hooks.url")} hint={t("op.hooks.urlHint")} required autocomplete="off" />
              <f.Choices
                id="f-events"
                name="events"
                type="checkbox"
                legend={t("op.hooks.eventsLegend")}
                options={WEBHOOK_EVENTS.map((e) => ({ value: e, label: e }))}
                required
              />
            </>
          }
        />
      </>
    ),
  });
}

async function createSubmit(o: Owner, w: Web) {
  const form = await readForm(w);
  const parsed = parseForm(w.t, NewWebhookBody, { url: field(form, "url"), events: fields(form, "events") }, MAP);
  if (!parsed.ok) return webhooksPage(o, w, form, parsed.errors, 400);
  try {
    const { webhook, secret } = await createWebhook(o.scope(w), actorOf(w), parsed.value, w.c.var.config, w.now);
    // The secret is shown on this answer only (no redirect that would need to carry it).
    return webhooksPage(o, w, {}, [], 201, { url: webhook.url, secret });
  } catch (error) {
    const refused = serviceErrors(w.t, error, MAP, { conflict: "op.err.url" });
    if (refused) return webhooksPage(o, w, form, refused.errors, refused.status);
    throw error;
  }
}

async function deleteSubmit(o: Owner, w: Web) {
  await removeWebhook(o.scope(w), actorOf(w), w.c.req.param("id") ?? "", w.now);
  return seeOther(w, `${o.base(w)}?verwijderd=1`);
}

async function enableSubmit(o: Owner, w: Web) {
  await enableWebhook(o.scope(w), actorOf(w), w.c.req.param("id") ?? "", w.now);
  return seeOther(w, `${o.base(w)}?ingeschakeld=1`);
}

async function logPage(o: Owner, w: Web) {
  const { t } = w;
  const { webhook, deliveries } = await webhookWithDeliveries(o.scope(w), w.c.req.param("id") ?? "");
  const title = t("op.log.title", { url: webhook.url });
  return render(w, {
    title,
    body: (
      <>
        <h1>{title}</h1>
        {w.c.req.query("klaar") ? <Notice kind="success" title={t("op.log.replayed")} /> : null}
        <p>
          {t("op.hooks.status")}: {t(`op.hooks.st.${webhook.status}`)}
        </p>
        <DataTable
          t={t}
          caption={title}
          empty={deliveries.length === 0 && t("op.log.none")}
          columns={[t("op.hooks.created"), t("op.log.event"), t("op.log.status"), numCol(t("op.log.attempts")), t("op.log.code"), t("op.hooks.action")]}
        >
          {deliveries.map((d) => (
            <tr>
              <td>{at(w, d.createdAt)}</td>
              <td>{d.eventType}</td>
              <td>{t(`op.log.st.${d.status}`)}</td>
              <td class="num">{d.attempts}</td>
              <td>{[d.lastStatusCode, d.lastError].filter((x) => x !== null).join(" ") || "—"}</td>
              {webhook.status === "active" ? (
                <RowAction
                  action={`${o.base(w)}/${webhook.id}/afleveringen/${d.id}/opnieuw`}
                  label={t("op.log.replay")}
                  row={`${d.eventType} ${at(w, d.createdAt)}`}
                />
              ) : (
                <td>—</td>
              )}
            </tr>
          ))}
        </DataTable>
        <p>
          <a href={o.base(w)}>{t("op.log.back")}</a>
        </p>
      </>
    ),
  });
}

async function replaySubmit(o: Owner, w: Web) {
  const id = w.c.req.param("id") ?? "";
  await replayDelivery(o.scope(w), id, w.c.req.param("deliveryId") ?? "", w.now);
  deliverSoon(w.c);
  return seeOther(w, `${o.base(w)}/${id}?klaar=1`);
}

function ownerPages(o: Owner, prefix: string, access: Access): PageRoute[] {
  return [
    pageRoute("get", prefix, access, (w) => webhooksPage(o, w)),
    pageRoute("post", prefix, access, (w) => createSubmit(o, w)),
    pageRoute("get", `${prefix}/:id`, access, (w) => logPage(o, w)),
    pageRoute("post", `${prefix}/:id/verwijderen`, access, (w) => deleteSubmit(o, w)),
    pageRoute("post", `${prefix}/:id/inschakelen`, access, (w) => enableSubmit(o, w)),
    pageRoute("post", `${prefix}/:id/afleveringen/:deliveryId/opnieuw`, access, (w) => replaySubmit(o, w)),
  ];
}

/** The same access as the API's webhook routes. */
export const webhookPages: PageRoute[] = [
  ...ownerPages(REGION, "/beheer/:region/webhooks", rolesAccess("region_admin")),
  ...ownerPages(ORGANISATION, "/partner/:org/webhooks", rolesAccess("partner", "region_admin")),
];
