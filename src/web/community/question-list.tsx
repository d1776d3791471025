/**
 * `/kennisplein`: the published questions with search (the catalogue's Dutch full-text search)
 * and topic and region filters in a plain GET form (works without JavaScript), validated with
 * the API's `QuestionListQuery`, and a "more" link with the cursor. The same
 * `planQuestionList` as `GET /api/v1/questions`, read with the region list in one round trip.
 */
import { PUBLIC } from "../../features/auth/policy";
import { QuestionListQuery, type QuestionSummary } from "../../features/community/community.schemas";
import { planQuestionList } from "../../features/community/questions.service";
import { planRegions } from "../../features/regions/regions.service";
import { ReadPlan } from "../../db/read";
import type { RegionRef } from "../../lib/context";
import { localDate, parseInstant } from "../../lib/time";
import { topicLabel } from "../../lib/vocabulary";
import { topicOptions } from "../appointments/search";
import type { Web } from "../kit/context";
import { ErrorSummary, SelectField, TextField } from "../kit/fields";
import { type FieldErrors, type FieldMap, parseForm } from "../kit/form";
import { day } from "../kit/format";
import { type PageRoute, pageRoute, render, withQuery } from "../kit/page";
import { FormActions } from "../kit/scaffolds";
import { Breadcrumbs } from "../kit/ui";
import { hasEntrepreneurCookie } from "../../features/entrepreneurs/entrepreneur-session";

/** The breadcrumbs of a page under the knowledge square: home, the square, the page. */
export function squareCrumbs(t: Web["t"], title: string): Array<[string, string | null]> {
  return [
    [t("nav.home"), "/"],
    [t("cq.list.title"), "/kennisplein"],
    [title, null],
  ];
}

const FILTERS = ["q", "topic", "region"] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;
const LIST_FIELDS: FieldMap = [
  ["q", "f-q", "cq.filter.bad"],
  ["topic", "f-topic", "cq.filter.bad"],
  ["region", "f-region", "cq.filter.bad"],
  ["cursor", "f-q", "cq.filter.bad"],
];

/** The asker's label as the page shows it (the anonymous wording in the page's language). */
export function askerText(w: Web, label: string, anonymousLabel: string): string {
  return label === anonymousLabel ? w.t("cq.anonymous") : label;
}

export function regionName(w: Web, regions: RegionRef[], slug: string | null): string {
  return slug === null ? w.t("cq.allLimburg") : (regions.find((r) => r.slug === slug)?.name ?? slug);
}

/** One question in a list: title link, topic, region, answers, solved, who and when. */
export function QuestionCard({ w, q, regions }: { w: Web; q: QuestionSummary; regions: RegionRef[] }) {
  const asked = parseInstant(q.askedAt) ?? w.now;
  return (
    <li class="card">
      <h3 class="card__title">
        <a href={`/kennisplein/vragen/${q.id}`}>{q.title}</a>
      </h3>
      <p class="card__meta">
        {topicLabel(q.topic, w.locale)} · {regionName(w, regions, q.region)} ·{" "}
        {q.answerCount === 1 ? w.t("cq.list.answer") : w.t("cq.list.answers", { count: String(q.answerCount) })}
        {q.accepted ? (
          <>
            {" "}
            · <strong>{w.t("cq.list.solved")}</strong>
          </>
        ) : null}
      </p>
      <p class="card__meta">{w.t("cq.list.askedBy", { label: askerText(w, q.asker.label, "Anonieme ondernemer"), date: day(localDate(asked), w.locale) })}</p>
    </li>
  );
}

async function listPage(w: Web) {
  const { t } = w;
  const filters: Filters = {};
  for (const name of FILTERS) {
    const value = (w.c.req.query(name) ?? "").trim();
    if (value) filters[name] = value;
  }
  const cursor = w.c.req.query("cursor") || undefined;
  const parsed = parseForm(t, QuestionListQuery, { ...filters, ...(cursor ? { cursor } : {}) }, LIST_FIELDS);
  const plan = new ReadPlan(w.c.var.db);
  const regionsOf = planRegions(plan);
  const listOf = parsed.ok ? planQuestionList(plan, parsed.value) : null;
  await plan.run();
  const regions = regionsOf();
  const page = listOf ? listOf() : { questions: [], nextCursor: null };
  const errors: FieldErrors = parsed.ok ? [] : parsed.errors;
  const title = t("cq.list.title");
  const signedIn = hasEntrepreneurCookie(w.c);
  return render(w, {
    title,
    status: errors.length > 0 ? 400 : 200,
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [t("nav.home"), "/"],
            [title, null],
          ]}
        />
        <h1>{title}</h1>
        <p class="lead">{t("cq.list.lead")}</p>
        <p>
          <a class="button button--primary" href={signedIn ? "/kennisplein/vragen/nieuw" : "/mijn/inloggen?next=%2Fkennisplein%2Fvragen%2Fnieuw"}>
            {signedIn ? t("cq.list.ask") : t("cq.list.signInToAsk")}
          </a>
        </p>
        <ErrorSummary t={t} errors={errors} />
        <div class="layout-split">
          <section class="panel filter" aria-labelledby="filter-title">
            <h2 id="filter-title" class="heading-3">
              {t("filter.title")}
            </h2>
            <form method="get" action="/kennisplein" class="form" novalidate>
              <TextField t={t} id="f-q" name="q" label={t("cq.filter.q")} errors={errors} value={filters.q} />
              <SelectField
                t={t}
                id="f-topic"
                name="topic"
                label={t("filter.topic")}
                errors={errors}
                value={filters.topic}
                options={topicOptions(w)}
                empty={t("filter.anyTopic")}
              />
              <SelectField
                t={t}
                id="f-region"
                name="region"
                label={t("cq.filter.region")}
                errors={errors}
                value={filters.region}
                options={regions.map((r) => ({ value: r.slug, label: r.name }))}
                empty={t("cq.filter.anyRegion")}
              />
              <FormActions submit={t("filter.apply")} kind="primary" />
              <p>
                <a href="/kennisplein">{t("filter.reset")}</a>
              </p>
            </form>
          </section>
          <section class="section" aria-labelledby="questions-title">
            <h2 id="questions-title">{t("cq.list.count")}</h2>
            {page.questions.length === 0 ? (
              <p>{t("cq.list.none")}</p>
            ) : (
              <ul class="cards">
                {page.questions.map((q) => (
                  <QuestionCard w={w} q={q} regions={regions} />
                ))}
              </ul>
            )}
            {page.nextCursor ? (
              <p>
                <a href={withQuery("/kennisplein", { ...filters, cursor: page.nextCursor })}>{t("cq.list.more")}</a>
              </p>
            ) : null}
            <p>
              <a href="/kennisplein/verhalen">{t("cq.list.stories")}</a>
            </p>
          </section>
        </div>
      </>
    ),
  });
}

export const questionListPages: PageRoute[] = [pageRoute("get", "/kennisplein", PUBLIC, listPage)];
