/** What the referral pages share: status words, the history list, a moment in Amsterdam time, the organisation-or-offer picker. */
import { REFERRAL_STATUSES, type ReferralStatus } from "../../db/schema";
import { rolesAccess } from "../../features/auth/policy";
import type { ReferralTarget } from "../../features/referrals/referrals.service";
import { localDate } from "../../lib/time";
import type { MessageKey } from "../i18n";
import type { Web } from "../kit/context";
import { type Option, SelectField } from "../kit/fields";
import { FormActions } from "../kit/scaffolds";
import { day, time } from "../kit/format";

/** Who refers (the same roles as the API's `POST …/admin/referrals`). */
export const REFERRERS = rolesAccess("region_admin", "frontdesk_staff", "consultant");

export const referralsHref = (w: Web) => `/beheer/${w.region?.slug ?? ""}/doorverwijzingen`;
export const inboxHref = (w: Web) => `/partner/${w.c.var.organisation.slug}/doorverwijzingen`;

export const statusLabel = (w: Web, s: ReferralStatus) => w.t(`ref.status.${s}` as MessageKey);

/** The `status` a referral list was asked to show, or undefined for all (an unknown value shows all). */
export function askedStatus(w: Web): ReferralStatus | undefined {
  const asked = w.c.req.query("status");
  return (REFERRAL_STATUSES as readonly string[]).includes(asked ?? "") ? (asked as ReferralStatus) : undefined;
}

/** The status filter above a referral list (a GET form to `action`, keeping `keep` as hidden fields). */
export function StatusFilter({ w, action, status, keep = {} }: { w: Web; action: string; status: ReferralStatus | undefined; keep?: Record<string, string> }) {
  const { t } = w;
  return (
    <form method="get" action={action} class="form form--inline panel" novalidate>
      {Object.entries(keep).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <SelectField
        t={t}
        id="f-status"
        name="status"
        label={t("ref.f.status")}
        errors={[]}
        value={status}
        options={REFERRAL_STATUSES.map((s) => ({ value: s, label: statusLabel(w, s) }))}
        empty={t("ref.f.allStatuses")}
      />
      <FormActions submit={t("ref.show")} kind="secondary" />
    </form>
  );
}

/** "12 mrt. 2027 14:05" in Amsterdam, from an ISO instant of an answer. */
export function moment(w: Web, iso: string): string {
  const instant = Date.parse(iso);
  return `${day(localDate(instant), w.locale, { short: true, year: true })} ${time(instant)}`;
}

/** The status as a tag, with the overdue flag beside it. */
export function StatusTags({ w, r }: { w: Web; r: { status: ReferralStatus; overdue: boolean } }) {
  return (
    <>
      <span class={`status status--${r.status}`}>{statusLabel(w, r.status)}</span>
      {r.overdue ? <span class="badge badge--warning">{w.t("ref.overdue")}</span> : null}
    </>
  );
}

/** Each status change with its moment (and the note, where the viewer may see it). */
export function History({ w, history }: { w: Web; history: Array<{ status: ReferralStatus; note: string | null; at: string }> }) {
  return (
    <ol class="link-list">
      {history.map((h) => (
        <li>
          <time datetime={h.at}>{moment(w, h.at)}</time>: {statusLabel(w, h.status)}
          {h.note ? ` (${h.note})` : ""}
        </li>
      ))}
    </ol>
  );
}

/** The picker's value: an organisation alone (`slug`) or one of its offers (`slug~offerId`). */
function targetValue(organisation: string, offerId?: string | null): string {
  return offerId ? `${organisation}~${offerId}` : organisation;
}

/** The picker's value as the API's `organisation` and `offerId`. */
export function parseTarget(value: string): { organisation: string | undefined; offerId: string | undefined } {
  const [organisation, offerId] = value.split("~");
  return { organisation: organisation || undefined, offerId: offerId || undefined };
}

/** One group per organisation: the organisation itself, then its published offers. */
export function targetOptions(w: Web, targets: ReferralTarget[]): Option[] {
  return targets.flatMap((o) => {
    const group = `${o.name} (${o.homeRegion})`;
    return [
      { value: targetValue(o.slug), label: w.t("ref.f.orgItself", { org: o.name }), group },
      ...o.offers.map((f) => ({ value: targetValue(o.slug, f.id), label: f.title, group })),
    ];
  });
}
