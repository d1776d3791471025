/**
 * One published offer (`/aanbod/:slug`): the description (safe Markdown), how to apply, the
 * facts at a glance, contact, related offers, "talk to a desk about this" (through the API's
 * counted link to the booking page with the topic set) and schema.org JSON-LD. Read and
 * counted as `GET /api/v1/offers/{slug}` does.
 */
import { bookmarkControl } from "../entrepreneurs/bookmarks";
import { raw } from "hono/html";
import * as v from "valibot";
import { PUBLIC } from "../../features/auth/policy";
import { planPublishedOffer, type OfferDetail } from "../../features/catalogue/offer-page.service";
import { OfferSlugParam } from "../../features/catalogue/offers.schemas";
import { countAfterAnswer, offerViewStatement } from "../../features/insights/record";
import { planRegions } from "../../features/regions/regions.service";
import { ReadPlan } from "../../db/read";
import { notFound } from "../../lib/errors";
import { linksFor } from "../../lib/links";
import { todayLocal } from "../../lib/time";
import { topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { day } from "../kit/format";
import { pageRoute, render, type PageRoute } from "../kit/page";
import { Breadcrumbs, Details, Notice, Panel } from "../kit/ui";
import { renderDescription } from "./markdown";
import { audienceLabel, costLabel, deadlineText, OfferCard, offerKindLabel, phaseLabel, placesText } from "./shared";

/** Kinds a public body typically provides: described as a schema.org GovernmentService, the rest as a Service. */
const GOVERNMENT_KINDS = new Set(["subsidy", "regulation", "contact_point"]);

/** The offer as schema.org JSON-LD, escaped so it can never close its script element. */
function jsonLd(w: Web, offer: OfferDetail, places: string): string {
  const origin = linksFor(w.c).origin;
  const data = {
    "@context": "https://schema.org",
    "@type": GOVERNMENT_KINDS.has(offer.kind) ? "GovernmentService" : "Service",
    name: offer.title,
    description: offer.summary,
    url: `${origin}/aanbod/${offer.slug}`,
    serviceType: offerKindLabel(w, offer.kind),
    provider: { "@type": "Organization", name: offer.organisation.name, url: `${origin}/organisaties/${offer.organisation.slug}` },
    areaServed: { "@type": "AdministrativeArea", name: places },
    audience: { "@type": "BusinessAudience", audienceType: offer.audiences.map((a) => audienceLabel(w, a)).join(", ") },
    availableChannel: { "@type": "ServiceChannel", serviceUrl: offer.url ?? `${origin}/aanbod/${offer.slug}` },
    isRelatedTo: offer.related.map((r) => ({ "@type": "Service", name: r.title, url: `${origin}/aanbod/${r.slug}` })),
    ...(offer.uplUri ? { identifier: offer.uplUri } : {}),
    inLanguage: w.locale,
  };
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function ContactPanel({ w, offer }: { w: Web; offer: OfferDetail }) {
  const c = offer.contact;
  if (!c && !offer.url) return null;
  return (
    <Panel id="contact" title={w.t("cat.offer.contact")}>
      <ul class="link-list">
        {c?.name ? <li>{c.name}</li> : null}
        {c?.email ? (
          <li>
            <a href={`mailto:${c.email}`}>{c.email}</a>
          </li>
        ) : null}
        {c?.phone ? (
          <li>
            <a href={`tel:${c.phone.replace(/\s/g, "")}`}>{c.phone}</a>
          </li>
        ) : null}
        {offer.url ? (
          <li>
            <a href={offer.url} rel="noopener noreferrer external">
              {w.t("cat.offer.website")}
            </a>
          </li>
        ) : null}
      </ul>
    </Panel>
  );
}

export async function offerPage(w: Web) {
  const { t, locale } = w;
  const params = v.safeParse(OfferSlugParam, { slug: w.c.req.param("slug") });
  if (!params.success) throw notFound("This offer");
  // The offer, the region list and (signed in) the session and whether the offer is saved: one read batch.
  const plan = new ReadPlan(w.c.var.db);
  const found = planPublishedOffer(plan, params.output.slug, w.now);
  const regionList = planRegions(plan);
  // Save for later (Mijn MKB Limburg): a sign-in link, or the save / stop-saving button.
  const bookmarkOf = await bookmarkControl(w, plan, params.output.slug);
  await plan.run();
  const offer = found();
  const regions = regionList();
  const bookmark = bookmarkOf();
  const today = todayLocal(w.now);
  countAfterAnswer(w.c, [offerViewStatement(today, offer.id)]);
  const places = placesText(w, offer, new Map(regions.map((r) => [r.slug, r.name])));
  const checked = offer.lastCheckedAt.slice(0, 10);
  return render(w, {
    title: offer.title,
    body: (
      <>
        <script type="application/ld+json">{raw(jsonLd(w, offer, places))}</script>
        <Breadcrumbs
          t={t}
          items={[
            [t("nav.home"), "/"],
            [t("cat.offer.back"), "/aanbod"],
            [offer.title, null],
          ]}
        />
        <h1>{offer.title}</h1>
        <p class="lead">{offer.summary}</p>
        <p class="card__meta">
          {t("cat.offer.organisation")}: <a href={`/organisaties/${offer.organisation.slug}`}>{offer.organisation.name}</a>
        </p>
        {offer.expired ? <Notice kind="warning" title={t("cat.offer.expired")} /> : null}
        <div class="layout-split layout-split--reverse">
          <div class="prose">
            <h2>{t("cat.offer.about")}</h2>
            <div class="offer-description">{renderDescription(offer.description)}</div>
            <h2>{t("cat.offer.apply")}</h2>
            <div>{renderDescription(offer.howToApply)}</div>
          </div>
          <div>
            <Panel id="talk" title={t("cat.offer.talk")} class="panel--accent" as="aside">
              <p>{t("cat.offer.talkLead")}</p>
              <p>
                <a class="button button--primary" href={offer.talkToADeskUrl}>
                  {t("cat.offer.talk")}
                </a>
              </p>
              {bookmark}
            </Panel>
            <Panel id="facts" title={t("cat.offer.details")}>
              <Details
                rows={[
                  [t("cat.offer.organisation"), <a href={`/organisaties/${offer.organisation.slug}`}>{offer.organisation.name}</a>],
                  [t("cat.offer.kind"), offerKindLabel(w, offer.kind)],
                  [t("cat.offer.cost"), costLabel(w, offer.cost)],
                  [t("cat.offer.deadline"), deadlineText(w, offer, today)],
                  [t("cat.offer.audiences"), offer.audiences.map((a) => audienceLabel(w, a)).join(", ")],
                  [t("cat.offer.phases"), offer.phases.map((p) => phaseLabel(w, p)).join(", ")],
                  [t("cat.offer.topics"), offer.topics.map((tp) => topicLabel(tp, locale)).join(", ")],
                  [t("cat.offer.regions"), places],
                  [t("cat.offer.lastChecked"), day(checked, locale)],
                ]}
              />
            </Panel>
            <ContactPanel w={w} offer={offer} />
          </div>
        </div>
        {offer.related.length > 0 ? (
          <section class="section" aria-labelledby="related-title">
            <h2 id="related-title">{t("cat.offer.related")}</h2>
            <ul class="cards cards--3">
              {offer.related.map((r) => (
                <OfferCard w={w} offer={r} today={today} />
              ))}
            </ul>
          </section>
        ) : null}
      </>
    ),
  });
}

export const offerPages: PageRoute[] = [pageRoute("get", "/aanbod/:slug", PUBLIC, offerPage)];
