/** An organisation's public page (`/organisaties/:slug`): its details, its desks and contact points, and its published offers. */
import type { Child } from "hono/jsx";
import * as v from "valibot";
import { PUBLIC } from "../../features/auth/policy";
import { OrgParam } from "../../features/organisations/organisations.schemas";
import { type OrganisationDetail, planOrganisationDetail } from "../../features/organisations/organisations.service";
import { planRegions } from "../../features/regions/regions.service";
import { ReadPlan } from "../../db/read";
import { notFound } from "../../lib/errors";
import { todayLocal } from "../../lib/time";
import { modeLabel, topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { pageRoute, render, type PageRoute } from "../kit/page";
import { Breadcrumbs, Details } from "../kit/ui";
import { OfferCard, organisationKindLabel } from "./shared";

type Organisation = OrganisationDetail;

function DeskList({ w, org }: { w: Web; org: Organisation }) {
  const { t, locale } = w;
  if (org.desks.length === 0) return <p class="empty">{t("cat.org.noDesks")}</p>;
  return (
    <ul class="cards cards--3">
      {org.desks.map((d) => (
        <li class="card">
          <h3 class="card__title">
            <a href={`/boeken/${d.region}/loket/${d.id}`}>{d.name}</a>
          </h3>
          <p class="card__meta">
            {d.municipality} · {d.address}
          </p>
          <p class="tags">
            {d.modes.map((m) => (
              <span class="tag">{modeLabel(m, locale)}</span>
            ))}
          </p>
          <p class="card__topics">
            <span class="visually-hidden">{t("cat.offer.topics")}: </span>
            {d.topics.map((tp) => topicLabel(tp, locale)).join(", ")}
          </p>
        </li>
      ))}
    </ul>
  );
}

export async function organisationPage(w: Web) {
  const { t } = w;
  const params = v.safeParse(OrgParam, { org: w.c.req.param("slug") });
  if (!params.success) throw notFound("This organisation");
  // The organisation and the region list: one read batch.
  const plan = new ReadPlan(w.c.var.db);
  const detail = planOrganisationDetail(plan, params.output.org, w.now);
  const regionList = planRegions(plan);
  await plan.run();
  const org = detail();
  const regions = regionList();
  const names = new Map(regions.map((r) => [r.slug, r.name]));
  const today = todayLocal(w.now);
  const rows: Array<[string, Child]> = [
    [t("cat.org.kind"), organisationKindLabel(w, org.kind)],
    [t("cat.org.regions"), org.regions.map((slug) => names.get(slug) ?? slug).join(", ")],
  ];
  if (org.website)
    rows.push([
      t("cat.org.website"),
      <a href={org.website} rel="noopener noreferrer external">
        {org.website}
      </a>,
    ]);
  if (org.email) rows.push([t("cat.org.email"), <a href={`mailto:${org.email}`}>{org.email}</a>]);
  if (org.phone) rows.push([t("cat.org.phone"), org.phone]);
  return render(w, {
    title: org.name,
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [t("nav.home"), "/"],
            [t("cat.offer.back"), "/aanbod"],
            [org.name, null],
          ]}
        />
        <h1>{org.name}</h1>
        {org.description ? <p class="lead">{org.description}</p> : null}
        <Details rows={rows} />
        <section class="section" aria-labelledby="desks-title">
          <h2 id="desks-title">{t("cat.org.desks")}</h2>
          <DeskList w={w} org={org} />
        </section>
        <section class="section" aria-labelledby="offers-title">
          <h2 id="offers-title">{t("cat.org.offers", { org: org.name })}</h2>
          {org.offers.length === 0 ? (
            <p class="empty">{t("cat.org.noOffers")}</p>
          ) : (
            <ul class="cards">
              {org.offers.map((o) => (
                <OfferCard w={w} offer={o} today={today} />
              ))}
            </ul>
          )}
        </section>
      </>
    ),
  });
}

export const organisationPages: PageRoute[] = [pageRoute("get", "/organisaties/:slug", PUBLIC, organisationPage)];
