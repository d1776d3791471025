/**
 * "Mijn doorverwijzingen" (`/beheer/:region/doorverwijzingen`): the referrals the region made
 * (desk staff and consultants: their own and their desks'; region admins: all, and with
 * `?richting=ontvangen` those made to the region's organisations), newest first, each with its
 * status, the overdue flag and the timestamped history of what the organisation reported.
 */
import { listRegionReferrals, type Referral } from "../../features/referrals/referrals.service";
import { topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { actorOf, pageRoute, type PageRoute, render, scopeOf, withQuery } from "../kit/page";
import { Details } from "../kit/ui";
import { SentNotice } from "./refer-form";
import { askedStatus, History, moment, REFERRERS, referralsHref, StatusFilter, StatusTags } from "./shared";

function ReferralCard({ w, r, received }: { w: Web; r: Referral; received: boolean }) {
  const { t, locale } = w;
  const who = r.entrepreneur?.name ?? (received ? t("ref.noContact") : t("ref.anonymised"));
  return (
    <li class="card">
      <h2 class="card__title heading-3">
        {who} → {r.organisationName} <StatusTags w={w} r={r} />
      </h2>
      <Details
        rows={[
          [t("ref.col.created"), moment(w, r.createdAt)],
          [t("ref.col.topic"), topicLabel(r.topic, locale)],
          ...(r.offer ? ([[t("ref.col.offer"), r.offer.title]] as Array<[string, string]>) : []),
          [received ? t("ref.col.from") : t("ref.col.to"), received ? r.fromRegion.name : `${r.organisationName} (${r.toRegion.name})`],
          ...(r.frontdesk ? ([[t("ref.col.desk"), r.frontdesk.name]] as Array<[string, string]>) : []),
          ...(r.referredBy ? ([[t("ref.col.by"), r.referredBy.name]] as Array<[string, string]>) : []),
          [t("ref.col.consent"), r.consentToShare ? t("ref.yes") : t("ref.no")],
          ...(r.overdue && r.status === "sent" ? ([[t("ref.col.due"), moment(w, r.dueAt)]] as Array<[string, string]>) : []),
          ...(r.statusNote ? ([[t("ref.col.statusNote"), r.statusNote]] as Array<[string, string]>) : []),
        ]}
      />
      <h3 class="heading-4">{t("ref.history")}</h3>
      <History w={w} history={r.history} />
    </li>
  );
}

async function referrerListPage(w: Web) {
  const { t } = w;
  const actor = actorOf(w);
  const admin = actor.role === "region_admin" || actor.role === "platform_admin";
  const received = admin && w.c.req.query("richting") === "ontvangen";
  const status = askedStatus(w);
  const page = await listRegionReferrals(
    scopeOf(w),
    actor,
    { status, direction: received ? "received" : "made", limit: 50, cursor: w.c.req.query("cursor") },
    w.now,
  );
  const title = received ? t("ref.list.received") : admin ? t("ref.list.region") : t("ref.list.title");
  const base = referralsHref(w);
  return render(w, {
    title,
    body: (
      <>
        <h1>{title}</h1>
        <SentNotice w={w} />
        <p class="lead">{received ? t("ref.list.leadReceived") : t("ref.list.lead")}</p>
        <p class="actions">
          <a class="button button--primary" href={`${base}/nieuw`}>
            {t("ref.new.standalone")}
          </a>
          {admin ? <a href={received ? base : `${base}?richting=ontvangen`}>{received ? t("ref.list.region") : t("ref.list.received")}</a> : null}
        </p>
        <StatusFilter w={w} action={base} status={status} keep={received ? { richting: "ontvangen" } : {}} />
        {page.referrals.length === 0 ? (
          <p class="empty">{t("ref.list.empty")}</p>
        ) : (
          <ul class="cards">
            {page.referrals.map((r) => (
              <ReferralCard w={w} r={r} received={received} />
            ))}
          </ul>
        )}
        {page.nextCursor ? (
          <p class="pager">
            <a href={withQuery(base, { richting: received ? "ontvangen" : undefined, status, cursor: page.nextCursor })}>{t("ref.more")}</a>
          </p>
        ) : null}
      </>
    ),
  });
}

export const referrerListPages: PageRoute[] = [pageRoute("get", "/beheer/:region/doorverwijzingen", REFERRERS, referrerListPage)];
