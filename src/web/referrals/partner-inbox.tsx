/**
 * The partner inbox (`/partner/:org/doorverwijzingen`): the referrals to the organisation,
 * newest first, with the overdue flag; a referral's page shows the entrepreneur's contact (only
 * with consent; after a withdrawal only that it was withdrawn), the question and the referrer's
 * note, the history, and the status form (received → contacted → helped | not suitable with a
 * reason | no contact), the service of `POST /api/v1/organisations/{org}/referrals/{id}/status`.
 */
import { deliverWebhooksSoon } from "../../features/notifications/notify";
import type { Child } from "hono/jsx";
import { PARTNER_STATUSES } from "../../db/schema";
import { type InboxReferral, changeReferralStatus, getInboxReferral, listInbox } from "../../features/referrals/referrals.service";
import { checkStatusChange } from "../../features/referrals/referral-rules";
import { StatusBody } from "../../features/referrals/referrals.schemas";
import { requireActor } from "../../lib/context";
import { topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { type FieldErrors, type FieldMap, type FormValues, field, optional, parseForm, readForm, serviceErrors } from "../kit/form";
import { pageRoute, type PageRoute, render, seeOther, withQuery } from "../kit/page";
import { FormSection } from "../kit/scaffolds";
import { Breadcrumbs, DataTable, Details, Notice, Panel } from "../kit/ui";
import { ORGANISATION_STAFF, orgScopeOf } from "../offers/offer-form";
import { askedStatus, History, inboxHref, moment, StatusFilter, StatusTags, statusLabel } from "./shared";

function InboxRow({ w, r }: { w: Web; r: InboxReferral }) {
  const { t, locale } = w;
  const name = r.status === "withdrawn" ? t("ref.withdrawn") : (r.entrepreneur?.name ?? t("ref.noContact"));
  return (
    <tr>
      <th scope="row">
        <a href={`${inboxHref(w)}/${r.id}`}>{name}</a>
      </th>
      <td>{moment(w, r.createdAt)}</td>
      <td>{topicLabel(r.topic, locale)}</td>
      <td>{r.fromRegion.name}</td>
      <td>
        <StatusTags w={w} r={r} />
      </td>
    </tr>
  );
}

async function inboxPage(w: Web) {
  const { t } = w;
  const org = w.c.var.organisation;
  const status = askedStatus(w);
  const page = await listInbox(orgScopeOf(w), { status, limit: 50, cursor: w.c.req.query("cursor") }, w.now);
  const title = t("ref.inbox.title", { org: org.name });
  return render(w, {
    title,
    body: (
      <>
        <h1>{title}</h1>
        <p class="lead">{t("ref.inbox.lead")}</p>
        <StatusFilter w={w} action={inboxHref(w)} status={status} />
        <DataTable
          t={t}
          caption={title}
          columns={[t("ref.col.entrepreneur"), t("ref.col.created"), t("ref.col.topic"), t("ref.col.from"), t("ref.col.status")]}
          empty={page.referrals.length === 0 ? t("ref.inbox.empty") : false}
        >
          {page.referrals.map((r) => (
            <InboxRow w={w} r={r} />
          ))}
        </DataTable>
        {page.nextCursor ? (
          <p class="pager">
            <a href={withQuery(inboxHref(w), { status, cursor: page.nextCursor })}>{t("ref.more")}</a>
          </p>
        ) : null}
      </>
    ),
  });
}

const STATUS_FIELDS: FieldMap = [
  ["status", "f-status", "ref.err.status"],
  ["note", "f-statusnote", "ref.err.statusNote"],
];

function contactRows(w: Web, r: InboxReferral): Array<[string, Child]> {
  const { t } = w;
  if (r.status === "withdrawn") return [[t("ref.col.entrepreneur"), t("ref.inbox.withdrawn")]];
  const e = r.entrepreneur;
  if (!e) return [[t("ref.col.entrepreneur"), t("ref.inbox.noConsent")]];
  return [
    [t("ref.f.name"), e.name ?? ""],
    [t("ref.f.email"), e.email ? <a href={`mailto:${e.email}`}>{e.email}</a> : ""],
    ...(e.phone ? ([[t("ref.f.phone"), <a href={`tel:${e.phone}`}>{e.phone}</a>]] as Array<[string, Child]>) : []),
    ...(e.companyName ? ([[t("ref.f.company"), e.companyName]] as Array<[string, Child]>) : []),
    ...(e.kvkNumber ? ([[t("ref.f.kvk"), e.kvkNumber]] as Array<[string, Child]>) : []),
  ];
}

async function inboxReferralPage(w: Web, form: FormValues | null = null, errors: FieldErrors = [], status = 200) {
  const { t, locale } = w;
  const r = await getInboxReferral(orgScopeOf(w), w.c.req.param("id") ?? "", w.now);
  const title = t("ref.inbox.one");
  // The statuses that may follow (a reason is asked for with not_suitable, so the check gets one).
  const next = PARTNER_STATUSES.filter((s) => checkStatusChange(r.status, s, "-") === null);
  const open = next.length > 0;
  const f = formFields(w, form ?? {}, errors);
  return render(w, {
    title,
    status,
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [t("ref.inbox.title", { org: w.c.var.organisation.name }), inboxHref(w)],
            [title, null],
          ]}
        />
        <h1>
          {title} <StatusTags w={w} r={r} />
        </h1>
        {w.c.req.query("klaar") ? <Notice kind="success" title={t("ref.inbox.saved")} /> : null}
        <Panel id="contact" title={t("ref.inbox.contact")}>
          <Details rows={contactRows(w, r)} />
        </Panel>
        <Details
          rows={[
            [t("ref.col.created"), moment(w, r.createdAt)],
            [t("ref.col.topic"), topicLabel(r.topic, locale)],
            ...(r.offer ? ([[t("ref.col.offer"), r.offer.title]] as Array<[string, Child]>) : []),
            [t("ref.col.from"), r.fromRegion.name],
            ...(r.referredBy ? ([[t("ref.col.by"), [r.referredBy.name, r.referredBy.frontdesk].filter(Boolean).join(", ")]] as Array<[string, Child]>) : []),
            ...(r.question ? ([[t("ref.f.question"), r.question]] as Array<[string, Child]>) : []),
            ...(r.note ? ([[t("ref.f.note"), r.note]] as Array<[string, Child]>) : []),
            ...(r.status === "sent" ? ([[t("ref.col.due"), moment(w, r.dueAt)]] as Array<[string, Child]>) : []),
          ]}
        />
        <h2>{t("ref.history")}</h2>
        <History w={w} history={r.history} />
        {open ? (
          <FormSection
            w={w}
            spec={{ texts: { title: t("ref.inbox.change"), submit: t("ref.inbox.save") }, action: `${inboxHref(w)}/${r.id}/status`, errors, heading: "h2" }}
            fields={
              <>
                <f.Choices
                  id="f-status"
                  name="status"
                  type="radio"
                  legend={t("ref.f.newStatus")}
                  required
                  options={next.map((s) => ({ value: s, label: statusLabel(w, s) }))}
                />
                <f.Area id="f-statusnote" name="note" label={t("ref.f.statusNote")} hint={t("ref.f.statusNoteHint")} maxlength={1000} />
              </>
            }
          />
        ) : null}
      </>
    ),
  });
}

async function statusSubmit(w: Web) {
  const form = await readForm(w);
  const parsed = parseForm(w.t, StatusBody, { status: field(form, "status"), note: optional(form, "note") }, STATUS_FIELDS);
  if (!parsed.ok) return inboxReferralPage(w, form, parsed.errors, 400);
  const id = w.c.req.param("id") ?? "";
  try {
    await changeReferralStatus(orgScopeOf(w), requireActor(w.c), id, parsed.value, w.now);
    deliverWebhooksSoon(w.c);
  } catch (error) {
    const refused = serviceErrors(w.t, error, STATUS_FIELDS, { conflict: "ref.err.conflict" });
    if (!refused) throw error;
    return inboxReferralPage(w, form, refused.errors, refused.status);
  }
  return seeOther(w, `${inboxHref(w)}/${id}?klaar=1`);
}

export const partnerInboxPages: PageRoute[] = [
  pageRoute("get", "/partner/:org/doorverwijzingen", ORGANISATION_STAFF, inboxPage),
  pageRoute("get", "/partner/:org/doorverwijzingen/:id", ORGANISATION_STAFF, (w) => inboxReferralPage(w)),
  pageRoute("post", "/partner/:org/doorverwijzingen/:id/status", ORGANISATION_STAFF, statusSubmit),
];
