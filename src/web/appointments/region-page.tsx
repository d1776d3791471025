/** A region's page: filters, the soonest free time across its desks, and the desks that match. */
import { readEarliest } from "../../features/availability/availability.reads";
import { PUBLIC } from "../../features/auth/policy";
import { kindLabel, modeLabel, topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { when } from "../kit/format";
import { render, withQuery, pageRoute, type PageRoute } from "../kit/page";
import { Breadcrumbs } from "../kit/ui";
import { FilterSelect, bookHref, modeOptions, searchFilters, topicOptions } from "./search";

type Earliest = Awaited<ReturnType<typeof readEarliest>>["slots"];

/** The soonest free time, with a few more behind a disclosure. */
type Keep = { topic?: string | undefined; mode?: string | undefined; municipality?: string | undefined };

function EarliestPanel({ w, earliest, keep }: { w: Web; earliest: Earliest; keep: Keep }) {
  const { t, locale } = w;
  const region = w.region?.slug ?? "";
  const first = earliest[0];
  return (
    <section class="earliest" aria-labelledby="earliest-title">
      <h2 id="earliest-title" class="earliest__title">
        {keep.topic ? t("earliest.titleTopic", { topic: topicLabel(keep.topic, locale) }) : t("earliest.title")}
      </h2>
      {first ? (
        <>
          <p class="earliest__when">{when(first.start, first.end, locale)}</p>
          <p class="earliest__where">{t("earliest.at", { desk: first.frontdeskName, municipality: first.municipality })}</p>
          <p>
            <a class="button button--primary" href={bookHref(region, first.frontdeskId, first.start, keep)}>
              {t("earliest.book")}
              <span class="visually-hidden">
                : {when(first.start, first.end, locale)}, {first.frontdeskName}
              </span>
            </a>
          </p>
          <p class="earliest__note">{t("earliest.note")}</p>
          {earliest.length > 1 ? (
            <details class="earliest__more">
              <summary>{t("earliest.more")}</summary>
              <ul>
                {earliest.slice(1).map((s) => (
                  <li>
                    <a href={bookHref(region, s.frontdeskId, s.start, keep)}>
                      {when(s.start, s.end, locale)} — {s.frontdeskName}
                    </a>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      ) : (
        <p>{t("earliest.none")}</p>
      )}
    </section>
  );
}

export async function regionOverviewPage(w: Web) {
  const { t, locale } = w;
  const filter = searchFilters(w);
  const { municipality, topic, mode } = filter;
  // One read batch: the region (404 when unknown), its configuration, matching desks (with a
  // municipality: those that serve it, nearest first) and the soonest slots.
  const { region, config, desks, slots: earliest } = await readEarliest(w.c, w.c.req.param("region") ?? "", filter, 6, w.now);
  w.region = region;
  const municipalities = config.municipalities;
  const keep: Keep = { topic, mode, municipality };
  return render(w, {
    title: t("region.title", { region: region.name }),
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [t("nav.home"), "/"],
            [region.name, null],
          ]}
        />
        <h1>{t("region.title", { region: region.name })}</h1>
        <p class="lead">{t("region.lead", { operator: region.operator })}</p>
        <p class="link-next">
          {t("sc.self.linkText")} <a href={`/boeken/${region.slug}/begeleidingstraject`}>{t("sc.self.link")}</a>
        </p>
        <EarliestPanel w={w} earliest={earliest} keep={keep} />
        <p class="link-next">
          {t("region.eventsLink")} <a href={`/boeken/${region.slug}/evenementen`}>{t("region.eventsLinkText")}</a>
        </p>
        <div class="layout-split">
          <section class="panel filter" aria-labelledby="filter-title">
            <h2 id="filter-title" class="heading-3">
              {t("filter.title")}
            </h2>
            <form method="get" action={`/boeken/${region.slug}`} class="form" novalidate>
              <FilterSelect w={w} name="municipality" value={municipality} options={municipalities.map((m) => ({ value: m.name, label: m.name }))} />
              <FilterSelect w={w} name="topic" value={topic} options={topicOptions(w)} />
              <FilterSelect w={w} name="mode" value={mode} options={modeOptions(w)} />
              <div class="form__actions">
                <button type="submit" class="button button--primary">
                  {t("filter.apply")}
                </button>
                {municipality || topic || mode ? <a href={`/boeken/${region.slug}`}>{t("filter.reset")}</a> : null}
              </div>
            </form>
          </section>
          <div>
            <section class="section" aria-labelledby="desks-title">
              <h2 id="desks-title">{t("region.desks", { n: desks.length })}</h2>
              {municipality && desks.length > 0 ? <p>{t("region.servingNote", { municipality })}</p> : null}
              {desks.length === 0 ? (
                <p>{t("region.noDesks")}</p>
              ) : (
                <ul class="cards">
                  {desks.map((d) => (
                    <li class="card">
                      <h3 class="card__title">
                        <a href={withQuery(`/boeken/${region.slug}/loket/${d.id}`, keep)}>{d.name}</a>
                      </h3>
                      <p class="card__meta">
                        {kindLabel(d.kind, locale)} · {d.municipality}
                      </p>
                      <p>{d.modes.includes("in_person") ? d.address : t("visit.onlineOnly")}</p>
                      <p class="tags">
                        {d.modes.map((m) => (
                          <span class="tag">{modeLabel(m, locale)}</span>
                        ))}
                      </p>
                      <p class="card__topics">
                        <span class="visually-hidden">{t("desk.topics")}: </span>
                        {d.topics.map((tp) => topicLabel(tp, locale)).join(", ")}
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
        </div>
      </>
    ),
  });
}

export const regionPages: PageRoute[] = [pageRoute("get", "/boeken/:region", PUBLIC, regionOverviewPage, { regionInBatch: true })];
