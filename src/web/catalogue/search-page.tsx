/**
 * The public catalogue search (`/aanbod`): words, filters with facet counts, results and a
 * "more results" link, as one plain GET form that works without JavaScript. The query is read
 * with the API's own schema and searched (and counted for the insights) through the same
 * service as `GET /api/v1/offers`.
 */
import * as v from "valibot";
import { AUDIENCES, OFFER_COSTS, OFFER_KINDS, PHASES } from "../../db/schema";
import { PUBLIC } from "../../features/auth/policy";
import { OfferSearchQuery } from "../../features/catalogue/offers.schemas";
import { type CatalogueQuery, planCatalogueSearch, type SearchAnswer } from "../../features/catalogue/search.service";
import { countAfterAnswer } from "../../features/insights/record";
import { planRegionsWithMunicipalities } from "../../features/regions/regions.service";
import { ReadPlan } from "../../db/read";
import { todayLocal } from "../../lib/time";
import { TOPICS, topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { ChoiceGroup, ErrorSummary, SelectField, TextField } from "../kit/fields";
import { pageRoute, render, type PageRoute } from "../kit/page";
import { Notice } from "../kit/ui";
import { audienceLabel, costLabel, OfferCard, offerKindLabel, phaseLabel } from "./shared";

const LIST_FILTERS = ["topic", "audience", "phase", "kind", "cost"] as const;
type ListFilter = (typeof LIST_FILTERS)[number];
type Regions = ReturnType<ReturnType<typeof planRegionsWithMunicipalities>>;

/** The page's query shaped like the API's: repeated checkboxes become comma lists. */
function queryInput(w: Web): Record<string, string | undefined> {
  const params = new URL(w.c.req.url).searchParams;
  const one = (name: string) => params.get(name)?.trim() || undefined;
  const input: Record<string, string | undefined> = { q: one("q"), region: one("region"), municipality: one("municipality"), cursor: one("cursor") };
  for (const name of LIST_FILTERS) input[name] = params.getAll(name).join(",") || undefined;
  return input;
}

/** The link to a page of results with the same words and filters (or with changes). */
function searchHref(query: Record<string, string | undefined>, change: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...query, ...change })) {
    if (!value) continue;
    if ((LIST_FILTERS as readonly string[]).includes(name)) for (const item of value.split(",")) params.append(name, item);
    else params.set(name, value);
  }
  const s = params.toString();
  return s ? `/aanbod?${s}` : "/aanbod";
}

function withCount(label: string, n: number | undefined): string {
  return n === undefined ? label : `${label} (${n})`;
}

/** The filter panel: region, municipality and the checkbox groups, each option with its facet count where there is one. */
function Filters({ w, query, answer, regions }: { w: Web; query: CatalogueQuery; answer: SearchAnswer | null; regions: Regions }) {
  const { t, locale } = w;
  const f = answer?.facets;
  const groups: Array<{ name: ListFilter; legend: string; options: Array<{ value: string; label: string }> }> = [
    { name: "topic", legend: t("cat.filter.topic"), options: TOPICS.map((k) => ({ value: k, label: withCount(topicLabel(k, locale), f?.topic[k]) })) },
    {
      name: "audience",
      legend: t("cat.filter.audience"),
      options: AUDIENCES.map((k) => ({ value: k, label: withCount(audienceLabel(w, k), f?.audience[k]) })),
    },
    { name: "phase", legend: t("cat.filter.phase"), options: PHASES.map((k) => ({ value: k, label: phaseLabel(w, k) })) },
    { name: "kind", legend: t("cat.filter.kind"), options: OFFER_KINDS.map((k) => ({ value: k, label: withCount(offerKindLabel(w, k), f?.kind[k]) })) },
    { name: "cost", legend: t("cat.filter.cost"), options: OFFER_COSTS.map((k) => ({ value: k, label: costLabel(w, k) })) },
  ];
  return (
    <section class="panel filter" aria-labelledby="filter-title">
      <h2 id="filter-title" class="heading-3">
        {t("cat.filters")}
      </h2>
      <SelectField
        t={t}
        id="f-region"
        name="region"
        label={t("cat.filter.region")}
        errors={[]}
        value={query.region}
        empty={t("cat.filter.anyRegion")}
        options={regions.map((r) => ({ value: r.slug, label: withCount(r.name, f?.region[r.slug] ?? (f ? 0 : undefined)) }))}
      />
      <SelectField
        t={t}
        id="f-municipality"
        name="municipality"
        label={t("cat.filter.municipality")}
        errors={[]}
        value={query.municipality}
        empty={t("cat.filter.anyMunicipality")}
        options={regions.flatMap((r) => r.municipalities.map((m) => ({ value: m.name, label: m.name, group: r.name })))}
      />
      {groups.map((g) => (
        <ChoiceGroup
          t={t}
          id={`f-${g.name}`}
          name={g.name}
          legend={g.legend}
          type="checkbox"
          options={g.options}
          selected={(query[g.name] as string[] | undefined) ?? []}
          errors={[]}
        />
      ))}
      <div class="form__actions">
        <button type="submit" class="button button--secondary">
          {t("cat.filter.apply")}
        </button>
        <a href={searchHref({ q: query.q })}>{t("cat.filter.reset")}</a>
      </div>
    </section>
  );
}

/** The current filters as hidden fields of the words form, so a new search keeps them. */
function HiddenFilters({ input }: { input: Record<string, string | undefined> }) {
  const fields: Array<[string, string]> = [];
  for (const name of ["region", "municipality", ...LIST_FILTERS]) for (const value of input[name]?.split(",") ?? []) if (value) fields.push([name, value]);
  return (
    <>
      {fields.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** No results: suggest fewer filters and a desk. */
function EmptyState({ w, input, filtered }: { w: Web; input: Record<string, string | undefined>; filtered: boolean }) {
  const { t } = w;
  return (
    <Notice kind="info" title={t("cat.empty.title")}>
      <p>{t("cat.empty.text")}</p>
      <ul class="link-list">
        {filtered ? (
          <li>
            <a href={searchHref({ q: input.q })}>{t("cat.empty.removeFilters")}</a>
          </li>
        ) : null}
        <li>
          {t("cat.empty.desk")} <a href="/">{t("cat.empty.deskLink")}</a>
        </li>
      </ul>
    </Notice>
  );
}

function Results({ w, query, input, answer }: { w: Web; query: CatalogueQuery; input: Record<string, string | undefined>; answer: SearchAnswer }) {
  const { t } = w;
  const today = todayLocal(w.now);
  const filtered = Boolean(query.region || query.municipality || LIST_FILTERS.some((k) => query[k]?.length));
  const heading =
    answer.total === 1 ? t("cat.results1") : query.q ? t("cat.resultsFor", { n: answer.total, q: query.q }) : t("cat.results", { n: answer.total });
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title" aria-live="polite">
        {heading}
      </h2>
      {answer.total === 0 ? (
        <EmptyState w={w} input={input} filtered={filtered} />
      ) : (
        <ul class="cards offer-list">
          {answer.offers.map((offer) => (
            <OfferCard w={w} offer={offer} today={today} localTo={query.municipality} />
          ))}
        </ul>
      )}
      {answer.nextCursor ? (
        <p class="pager">
          <a class="button button--secondary" href={searchHref(input, { cursor: answer.nextCursor })} rel="next">
            {t("cat.more")}
          </a>
        </p>
      ) : null}
    </section>
  );
}

export async function searchPage(w: Web) {
  const { t } = w;
  const input = queryInput(w);
  const parsed = v.safeParse(OfferSearchQuery, input);
  const query: CatalogueQuery = parsed.success ? parsed.output : { limit: 20 };
  // The region list and the search: one read batch.
  const plan = new ReadPlan(w.c.var.db);
  const regionList = planRegionsWithMunicipalities(plan);
  const search = parsed.success ? planCatalogueSearch(plan, query, w.now) : null;
  await plan.run();
  const regions = regionList();
  const found = search?.() ?? null;
  if (found) countAfterAnswer(w.c, found.counts);
  const errors = parsed.success ? [] : [{ id: "", message: t("cat.err.query") }];
  return render(w, {
    title: t("cat.search.title"),
    status: parsed.success ? 200 : 400,
    body: (
      <>
        <h1>{t("cat.search.title")}</h1>
        <p class="lead">{t("cat.search.lead")}</p>
        <ErrorSummary t={t} errors={errors} />
        <form method="get" action="/aanbod" class="form search-bar" novalidate>
          <TextField t={t} id="f-q" name="q" label={t("cat.search.q")} hint={t("cat.search.qHint")} errors={[]} value={query.q ?? ""} />
          <HiddenFilters input={input} />
          <button type="submit" class="button button--primary">
            {t("cat.search.submit")}
          </button>
        </form>
        <div class="layout-split">
          <form method="get" action="/aanbod" class="form" novalidate>
            {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
            <Filters w={w} query={query} answer={found?.answer ?? null} regions={regions} />
          </form>
          <div>{found ? <Results w={w} query={query} input={input} answer={found.answer} /> : null}</div>
        </div>
      </>
    ),
  });
}

export const searchPages: PageRoute[] = [pageRoute("get", "/aanbod", PUBLIC, searchPage)];
