/**
 * A partner's offers (`/partner/:org/aanbod`): every offer of the organisation with its state,
 * a pending change, the "not checked for 12 months" flag, and the actions submit for review
 * and archive (the services of `POST /api/v1/organisations/{org}/offers/{id}/submit|archive`).
 */
import { OFFER_STATUSES, type OfferStatus } from "../../db/schema";
import type { OfferAdmin } from "../../features/catalogue/offer-dto";
import { archiveOffer, listOrganisationOfferPage, submitOffer } from "../../features/catalogue/offers.service";
import { requireActor } from "../../lib/context";
import { offerStatusLabel } from "../catalogue/shared";
import type { Web } from "../kit/context";
import { day } from "../kit/format";
import { pageRoute, render, seeOther, withQuery, type PageRoute } from "../kit/page";
import { DataTable, Notice, RowAction } from "../kit/ui";
import type { MessageKey } from "../i18n";
import { ORGANISATION_STAFF, offersHref, orgScopeOf } from "./offer-form";

const DONE: Record<string, MessageKey> = {
  aangemaakt: "ptn.created",
  opgeslagen: "ptn.saved",
  wijziging: "ptn.savedRevision",
  ingediend: "ptn.submitted",
  gearchiveerd: "ptn.archivedDone",
};

/** The state in words, with a pending change or the stale flag beside it. */
function StatusCell({ w, offer }: { w: Web; offer: OfferAdmin }) {
  const { t } = w;
  return (
    <td>
      <span class={`status status--${offer.status}`}>{offerStatusLabel(w, offer.status)}</span>
      {offer.revisionStatus === "in_review" ? <span class="badge">{t("ptn.revision")}</span> : null}
      {offer.revisionStatus === "rejected" ? <span class="badge badge--warning">{t("ptn.revisionRejected")}</span> : null}
      {offer.stale ? <span class="badge badge--warning">{t("ptn.stale")}</span> : null}
    </td>
  );
}

function OfferRow({ w, offer }: { w: Web; offer: OfferAdmin }) {
  const { t } = w;
  const base = `${offersHref(w)}/${offer.id}`;
  const canChange = offer.status !== "archived" && offer.frontdeskId === null;
  const canSubmit = canChange && (offer.status === "draft" || offer.revisionStatus === "rejected");
  return (
    <tr>
      <th scope="row">
        {canChange ? <a href={base}>{offer.title}</a> : offer.title}
        {offer.status === "published" ? (
          <>
            {" "}
            <a href={`/aanbod/${offer.slug}`} class="small">
              {t("ptn.view")}
              <span class="visually-hidden"> {offer.title}</span>
            </a>
          </>
        ) : null}
      </th>
      <StatusCell w={w} offer={offer} />
      <td>{day(offer.lastCheckedAt.slice(0, 10), w.locale, { short: true })}</td>
      {canSubmit ? <RowAction action={`${base}/indienen`} label={t("ptn.submit")} row={offer.title} /> : <td />}
      {canChange ? <RowAction action={`${base}/archiveren`} label={t("ptn.archive")} row={offer.title} /> : <td />}
    </tr>
  );
}

export async function partnerOffersPage(w: Web) {
  const { t } = w;
  const org = w.c.var.organisation;
  const askedStatus = w.c.req.query("status");
  const status = (OFFER_STATUSES as readonly string[]).includes(askedStatus ?? "") ? (askedStatus as OfferStatus) : undefined;
  const page = await listOrganisationOfferPage(orgScopeOf(w), { status, limit: 100, cursor: w.c.req.query("cursor") }, w.now);
  const done = DONE[w.c.req.query("klaar") ?? ""];
  return render(w, {
    title: t("ptn.title", { org: org.name }),
    body: (
      <>
        <h1>{t("ptn.title", { org: org.name })}</h1>
        {done ? <Notice kind="success" title={t(done)} /> : null}
        <p class="lead">{t("ptn.lead")}</p>
        <p class="actions">
          <a class="button button--primary" href={`${offersHref(w)}/nieuw`}>
            {t("ptn.new")}
          </a>
          <a href={`/organisaties/${org.slug}`}>{org.name}</a>
        </p>
        <DataTable
          t={t}
          caption={t("ptn.title", { org: org.name })}
          columns={[t("ptn.col.title"), t("ptn.col.status"), t("ptn.col.checked"), t("ptn.col.actions"), t("ptn.col.actions")]}
          empty={page.offers.length === 0 ? t("ptn.empty") : false}
        >
          {page.offers.map((offer) => (
            <OfferRow w={w} offer={offer} />
          ))}
        </DataTable>
        {page.nextCursor ? (
          <p class="pager">
            <a href={withQuery(offersHref(w), { status, cursor: page.nextCursor })}>{t("cat.more")}</a>
          </p>
        ) : null}
      </>
    ),
  });
}

/** Submit for review, or archive; a refusal (already in review, changed meanwhile) shows the conflict page. */
function offerAction(run: typeof submitOffer, done: string) {
  return async (w: Web) => {
    await run(orgScopeOf(w), requireActor(w.c), w.c.req.param("id") ?? "", w.now);
    return seeOther(w, `${offersHref(w)}?klaar=${done}`);
  };
}

export const partnerListPages: PageRoute[] = [
  pageRoute("get", "/partner/:org/aanbod", ORGANISATION_STAFF, partnerOffersPage),
  pageRoute("post", "/partner/:org/aanbod/:id/indienen", ORGANISATION_STAFF, offerAction(submitOffer, "ingediend")),
  pageRoute("post", "/partner/:org/aanbod/:id/archiveren", ORGANISATION_STAFF, offerAction(archiveOffer, "gearchiveerd")),
];
