/** The start page (choose a region, or search by municipality, topic and mode) and its search. */
import { listRegionsWithMunicipalities, regionServing } from "../../features/regions/regions.service";
import type { Web } from "../kit/context";
import { FormActions } from "../kit/scaffolds";
import { render, seeOther, withQuery, pageRoute, type PageRoute } from "../kit/page";
import { FilterSelect, modeOptions, searchFilters, topicOptions } from "./search";
import { PUBLIC } from "../../features/auth/policy";

export async function homePage(w: Web) {
  const { t } = w;
  const regions = await listRegionsWithMunicipalities(w.c.var.db);
  const municipalities = regions.flatMap((r) => r.municipalities.map((m) => ({ value: m.name, label: m.name, group: r.name })));
  return render(w, {
    title: t("home.title"),
    body: (
      <>
        <div class="hero">
          <h1>{t("home.title")}</h1>
          <p class="lead">{t("home.lead")}</p>
        </div>
        <section aria-labelledby="regions-title" class="section">
          <h2 id="regions-title">{t("home.chooseRegion")}</h2>
          <ul class="cards cards--3">
            {regions.map((r) => (
              <li class="card card--link">
                <h3 class="card__title">
                  <a href={`/boeken/${r.slug}`}>{r.name}</a>
                </h3>
                <p class="card__meta">{t("home.operatedBy", { operator: r.operator })}</p>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="catalogue-title" class="section panel panel--accent">
          <h2 id="catalogue-title">{t("cat.home.title")}</h2>
          <p>{t("cat.home.text")}</p>
          <p>
            <a class="button button--secondary" href="/aanbod">
              {t("cat.home.link")}
            </a>
          </p>
        </section>
        <section aria-labelledby="search-title" class="section panel">
          <h2 id="search-title">{t("home.searchTitle")}</h2>
          <p>{t("home.searchIntro")}</p>
          <form method="get" action="/zoeken" class="form form--inline" novalidate>
            <FilterSelect w={w} name="municipality" options={municipalities} required />
            <FilterSelect w={w} name="topic" options={topicOptions(w)} />
            <FilterSelect w={w} name="mode" options={modeOptions(w)} />
            <FormActions submit={t("filter.search")} />
          </form>
        </section>
        <p class="link-next">
          {t("home.eventsLink")} <a href="/evenementen">{t("home.eventsLinkText")}</a>
        </p>
        <p class="link-next">
          {t("cq.home.link")} <a href="/kennisplein">{t("cq.home.linkText")}</a>.
        </p>
        <section class="section" aria-labelledby="how-title">
          <h2 id="how-title">{t("home.howTitle")}</h2>
          <ol class="steps">
            <li>{t("home.how1")}</li>
            <li>{t("home.how2")}</li>
            <li>{t("home.how3")}</li>
          </ol>
        </section>
      </>
    ),
  });
}

/** The start page's search: finds the region that serves the municipality, then shows its desks. */
export async function searchRedirect(w: Web) {
  const { municipality, topic, mode } = searchFilters(w);
  const served = municipality ? await regionServing(w.c.var.db, municipality) : null;
  if (!served) return seeOther(w, "/");
  return seeOther(w, withQuery(`/boeken/${served.region.slug}`, { municipality: served.municipality, topic, mode }));
}

export const homePages: PageRoute[] = [pageRoute("get", "/", PUBLIC, homePage), pageRoute("get", "/zoeken", PUBLIC, searchRedirect)];
