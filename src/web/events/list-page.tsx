/**
 * The public events of all Limburg (`/evenementen`) and of one region
 * (`/boeken/:region/evenementen`): a plain GET filter form (works without JavaScript),
 * validated with the API's `EventListQuery`, and a "more" link with the list's cursor. The
 * same `listPublicEvents` as `GET /api/v1/events` (one round trip; the regions are read beside it).
 */
import { AUDIENCES, EVENT_FORMATS, EVENT_TYPES } from "../../db/schema";
import { PUBLIC } from "../../features/auth/policy";
import { listPublicEvents } from "../../features/events/events.public";
import { EventListQuery } from "../../features/events/events.schemas";
import { listRegions } from "../../features/regions/regions.service";
import { decodeOffsetCursor } from "../../lib/cursor";
import { DomainError } from "../../lib/errors";
import type { RegionRef } from "../../lib/context";
import type { Web } from "../kit/context";
import { ErrorSummary, SelectField, TextField, type Option } from "../kit/fields";
import { parseForm, type FieldErrors, type FieldMap } from "../kit/form";
import { pageRoute, render, withQuery, type PageRoute } from "../kit/page";
import { FormActions } from "../kit/scaffolds";
import { Breadcrumbs } from "../kit/ui";
import { topicOptions } from "../appointments/search";
import { audienceLabel, EventCard, formatLabel, typeLabel } from "./shared";

const FILTER_NAMES = ["q", "region", "topic", "audience", "type", "format", "from", "to"] as const;
type Filters = Partial<Record<(typeof FILTER_NAMES)[number], string>>;

const LIST_FIELDS: FieldMap = [
  ["q", "f-q", "ev.filter.badFilter"],
  ["region", "f-region", "ev.filter.badFilter"],
  ["topic", "f-topic", "ev.filter.badFilter"],
  ["audience", "f-audience", "ev.filter.badFilter"],
  ["type", "f-type", "ev.filter.badFilter"],
  ["format", "f-format", "ev.filter.badFilter"],
  ["from", "f-from", "ev.filter.badDate"],
  ["to", "f-to", "ev.filter.badDate"],
  ["query.to", "f-to", "ev.filter.badDate"],
];

/** The filters of the page's query (empty ones left out), as the API's query takes them. */
function readFilters(w: Web): Filters {
  const out: Filters = {};
  for (const name of FILTER_NAMES) {
    const value = (w.c.req.query(name) ?? "").trim();
    if (value) out[name] = value;
  }
  if (w.region) out.region = w.region.slug;
  return out;
}

function FilterForm({ w, action, filters, regions, errors }: { w: Web; action: string; filters: Filters; regions: RegionRef[]; errors: FieldErrors }) {
  const { t } = w;
  const select = (name: "region" | "topic" | "audience" | "type" | "format", label: string, any: string, options: Option[]) => (
    <SelectField t={t} id={`f-${name}`} name={name} label={label} errors={errors} value={filters[name]} options={options} empty={any} />
  );
  return (
    <section class="panel filter" aria-labelledby="filter-title">
      <h2 id="filter-title" class="heading-3">
        {t("filter.title")}
      </h2>
      <form method="get" action={action} class="form" novalidate>
        <TextField t={t} id="f-q" name="q" label={t("ev.filter.q")} errors={errors} value={filters.q} />
        {w.region
          ? null
          : select(
              "region",
              t("ev.filter.region"),
              t("ev.filter.anyRegion"),
              regions.map((r) => ({ value: r.slug, label: r.name })),
            )}
        {select("topic", t("filter.topic"), t("filter.anyTopic"), topicOptions(w))}
        {select(
          "type",
          t("ev.filter.type"),
          t("ev.filter.anyType"),
          EVENT_TYPES.map((x) => ({ value: x, label: typeLabel(w, x) })),
        )}
        {select(
          "format",
          t("ev.filter.format"),
          t("ev.filter.anyFormat"),
          EVENT_FORMATS.map((x) => ({ value: x, label: formatLabel(w, x) })),
        )}
        {select(
          "audience",
          t("ev.filter.audience"),
          t("ev.filter.anyAudience"),
          AUDIENCES.map((x) => ({ value: x, label: audienceLabel(w, x) })),
        )}
        <TextField t={t} id="f-from" name="from" type="date" label={t("ev.filter.from")} errors={errors} value={filters.from} width="m" />
        <TextField t={t} id="f-to" name="to" type="date" label={t("ev.filter.to")} errors={errors} value={filters.to} width="m" />
        <FormActions submit={t("filter.apply")} kind="primary" />
        <p>
          <a href={action}>{t("filter.reset")}</a>
        </p>
      </form>
    </section>
  );
}

/** The iCalendar feed of each region shown (one on a region's page). */
function Feeds({ w, regions }: { w: Web; regions: RegionRef[] }) {
  return (
    <section class="section" aria-labelledby="feeds-title">
      <h2 id="feeds-title" class="heading-3">
        {w.t("ev.list.feedsTitle")}
      </h2>
      <ul>
        {regions.map((r) => (
          <li>
            <a href={`/api/v1/regions/${r.slug}/events.ics`}>{w.t("ev.list.feed", { region: r.name })}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export async function eventListPage(w: Web) {
  const { t } = w;
  const filters = readFilters(w);
  const cursor = w.c.req.query("cursor") ?? undefined;
  const action = w.region ? `/boeken/${w.region.slug}/evenementen` : "/evenementen";
  const parsed = parseForm(t, EventListQuery, { ...filters, ...(cursor ? { cursor } : {}) }, LIST_FIELDS);
  let errors: FieldErrors = parsed.ok ? [] : parsed.errors;
  let page: Awaited<ReturnType<typeof listPublicEvents>> = { events: [], nextCursor: null };
  const regionsRead = w.region ? Promise.resolve([w.region]) : listRegions(w.c.var.db);
  if (parsed.ok) {
    const q = parsed.value;
    const [regions, found] = await Promise.all([
      regionsRead,
      listPublicEvents(
        w.c.var.db,
        {
          q: q.q,
          region: q.region,
          topics: q.topic,
          audiences: q.audience,
          types: q.type,
          formats: q.format,
          from: q.from,
          to: q.to,
          limit: q.limit,
          offset: decodeOffsetCursor(q.cursor),
        },
        w.now,
      ).catch((error: unknown) => {
        if (error instanceof DomainError && error.code === "validation_failed") {
          errors = [{ id: "f-to", message: t("ev.filter.badDate") }];
          return null;
        }
        throw error;
      }),
    ]);
    if (found) page = found;
    return listBody(w, { action, filters, regions, errors, page });
  }
  return listBody(w, { action, filters, regions: await regionsRead, errors, page, status: 400 });
}

function listBody(
  w: Web,
  p: { action: string; filters: Filters; regions: RegionRef[]; errors: FieldErrors; page: Awaited<ReturnType<typeof listPublicEvents>>; status?: number },
) {
  const { t } = w;
  const title = w.region ? t("ev.list.titleRegion", { region: w.region.name }) : t("ev.list.title");
  const crumbs: Array<[string, string | null]> = w.region
    ? [
        [t("nav.home"), "/"],
        [w.region.name, `/boeken/${w.region.slug}`],
        [t("nav.events"), null],
      ]
    : [
        [t("nav.home"), "/"],
        [t("nav.events"), null],
      ];
  const kept = Object.fromEntries(Object.entries(p.filters).filter(([k]) => !(w.region && k === "region")));
  return render(w, {
    title,
    status: p.status ?? (p.errors.length > 0 ? 400 : 200),
    body: (
      <>
        <Breadcrumbs t={t} items={crumbs} />
        <h1>{title}</h1>
        <p class="lead">{t("ev.list.lead")}</p>
        <ErrorSummary t={t} errors={p.errors} />
        <div class="layout-split">
          <div>
            <FilterForm w={w} action={p.action} filters={p.filters} regions={p.regions} errors={p.errors} />
            <Feeds w={w} regions={p.regions} />
          </div>
          <section class="section" aria-labelledby="events-title">
            <h2 id="events-title">{t("ev.list.count")}</h2>
            {p.page.events.length === 0 ? (
              <p>{t("ev.list.none")}</p>
            ) : (
              <ul class="cards">
                {p.page.events.map((e) => (
                  <EventCard w={w} event={e} />
                ))}
              </ul>
            )}
            {p.page.nextCursor ? (
              <p>
                <a class="button button--secondary" href={withQuery(p.action, { ...kept, cursor: p.page.nextCursor })}>
                  {t("ev.list.more")}
                </a>
              </p>
            ) : null}
          </section>
        </div>
      </>
    ),
  });
}

export const eventListPages: PageRoute[] = [
  pageRoute("get", "/evenementen", PUBLIC, eventListPage),
  pageRoute("get", "/boeken/:region/evenementen", PUBLIC, eventListPage),
];
