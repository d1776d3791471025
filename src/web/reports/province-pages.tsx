/** The province dashboard: cross-region summary (aggregates only), charts, period chooser and CSV download. */
import type { Hono } from "hono";
import type { AppEnv } from "../../lib/context";
import { DomainError } from "../../lib/errors";
import { isCalendarDate, todayLocal } from "../../lib/time";
import { rolesAccess } from "../../features/auth/policy";
import { buildProvinceSummary } from "../../features/reports/reports.service";
import { resolvePeriod } from "../../features/reports/period";
import type { Figures } from "../../features/reports/figures";
import type { Count } from "../../features/reports/suppression";
import { page, render, withQuery, type FieldErrors, type Web } from "../kit/page";
import { DataTable, ErrorSummary, numCol, TextField } from "../kit/layout";
import { day, month, number } from "../kit/format";
import { topicLabel, modeLabel } from "../../lib/vocabulary";
import { BarChart, ColumnChart } from "./charts";
import { enforceAccess } from "../../http/access";
import { TOPICS } from "../../lib/vocabulary";

const VIEWERS = rolesAccess("province_viewer");

const countValue = (c: Count): number => (typeof c === "number" ? c : 0);
const countText = (c: Count, w: Web): string => (typeof c === "number" ? number(c, w.locale) : c);
const percent = (ratio: number | null, w: Web) => (ratio === null ? "—" : `${number(ratio * 100, w.locale, 1)}%`);
const hoursText = (hours: number | null, w: Web) =>
  hours === null ? "—" : hours >= 48 ? w.t("prov.days", { n: number(hours / 24, w.locale, 1) }) : w.t("prov.hours", { n: number(hours, w.locale) });

function FiguresRow({ w, label, f, total }: { w: Web; label: string; f: Figures; total?: boolean }) {
  const cells = [
    number(f.totals.booked, w.locale),
    number(f.totals.completed, w.locale),
    number(f.totals.noShow, w.locale),
    number(f.totals.cancelled, w.locale),
    number(f.byMode.in_person, w.locale),
    number(f.byMode.video, w.locale),
    number(f.activeFrontdesks, w.locale),
    percent(f.capacity.utilisation, w),
    hoursText(f.leadTimeHours.median, w),
  ];
  return (
    <tr>
      <th scope="row">{total ? <strong>{label}</strong> : label}</th>
      {cells.map((c) => (
        <td class="num">{c}</td>
      ))}
    </tr>
  );
}

async function dashboard(w: Web) {
  const { t, locale } = w;
  await enforceAccess(w.c, VIEWERS);
  w.actor = w.c.var.actor;
  const year = todayLocal(w.now).slice(0, 4);
  const askedFrom = w.c.req.query("from") ?? "";
  const askedTo = w.c.req.query("to") ?? "";
  const errors: FieldErrors = [];
  if (askedFrom && !isCalendarDate(askedFrom)) errors.push({ id: "f-from", message: t("adm.err.date") });
  if (askedTo && !isCalendarDate(askedTo)) errors.push({ id: "f-to", message: t("adm.err.date") });
  let period = { from: `${year}-01-01`, to: `${year}-12-31` };
  if (errors.length === 0) {
    try {
      period = resolvePeriod({ from: askedFrom || `${year}-01-01`, to: askedTo || (askedFrom ? undefined : `${year}-12-31`) }, w.now);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      errors.push({ id: "f-to", message: t("prov.err.period") });
    }
  }
  const summary = await buildProvinceSummary(w.c.var.db, period, w.now);
  const total = summary.total;
  const csv = withQuery("/api/v1/province/summary.csv", { from: period.from, to: period.to });
  const months = total.byMonth;
  const monthBars = months.map((m, i) => {
    const [y, mm] = m.month.split("-");
    return {
      label: month(m.month, locale).split(" ")[0] ?? m.month,
      sublabel: i === 0 || mm === "01" ? y : undefined,
      value: m.booked,
      display: number(m.booked, locale),
    };
  });
  const topicBars = TOPICS.map((topic) => ({
    label: topicLabel(topic, locale),
    value: countValue(total.byTopic[topic]),
    display: countText(total.byTopic[topic], w),
  }));
  const periodText = t("prov.period", { from: day(period.from, locale), to: day(period.to, locale) });
  return render(w, {
    title: t("prov.title"),
    status: errors.length ? 400 : 200,
    body: (
      <>
        <h1>
          {t("prov.title")} <span class="subtitle">{periodText}</span>
        </h1>
        <p class="lead">{t("prov.lead")}</p>
        <ErrorSummary t={t} errors={errors} />
        <form method="get" action="/provincie" class="form form--inline panel" novalidate>
          <TextField t={t} id="f-from" name="from" type="date" label={t("prov.from")} errors={errors} value={askedFrom || period.from} width="m" />
          <TextField t={t} id="f-to" name="to" type="date" label={t("prov.to")} errors={errors} value={askedTo || period.to} width="m" />
          <div class="form__actions">
            <button type="submit" class="button button--secondary">
              {t("prov.show")}
            </button>
          </div>
        </form>
        <p class="actions">
          <a href={withQuery("/provincie", { from: `${year}-01-01`, to: `${year}-12-31` })}>{t("prov.thisYear", { year })}</a>
          <a href={withQuery("/provincie", { from: `${Number(year) - 1}-01-01`, to: `${Number(year) - 1}-12-31` })}>
            {t("prov.thisYear", { year: Number(year) - 1 })}
          </a>
          <a class="button button--secondary" href={csv} download>
            {t("prov.csv")}
          </a>
        </p>
        <h2>{t("prov.totals")}</h2>
        <ul class="stats">
          {(
            [
              [t("prov.booked"), number(total.totals.booked, locale)],
              [t("prov.completed"), number(total.totals.completed, locale)],
              [t("prov.noShow"), number(total.totals.noShow, locale)],
              [t("prov.cancelled"), number(total.totals.cancelled, locale)],
              [t("prov.utilisation"), percent(total.capacity.utilisation, w)],
              [t("prov.leadTime"), hoursText(total.leadTimeHours.median, w)],
            ] as Array<[string, string]>
          ).map(([label, value]) => (
            <li class="stat">
              <span class="stat__value">{value}</span>
              <span class="stat__label">{label}</span>
            </li>
          ))}
        </ul>
        <h2 id="regions-title">{t("prov.perRegion")}</h2>
        <section class="table-wrap" tabindex={0} aria-label={t("layout.table")}>
          <table class="table" aria-labelledby="regions-title">
            <thead>
              <tr>
                <th scope="col">{t("prov.region")}</th>
                <th scope="col" class="num">
                  {t("prov.booked")}
                </th>
                <th scope="col" class="num">
                  {t("prov.completed")}
                </th>
                <th scope="col" class="num">
                  {t("prov.noShow")}
                </th>
                <th scope="col" class="num">
                  {t("prov.cancelled")}
                </th>
                <th scope="col" class="num">
                  {modeLabel("in_person", locale)}
                </th>
                <th scope="col" class="num">
                  {modeLabel("video", locale)}
                </th>
                <th scope="col" class="num">
                  {t("prov.activeDesks")}
                </th>
                <th scope="col" class="num">
                  {t("prov.utilisation")}
                </th>
                <th scope="col" class="num">
                  {t("prov.leadTime")}
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.regions.map((r) => (
                <FiguresRow w={w} label={r.region.name} f={r} />
              ))}
            </tbody>
            <tfoot>
              <FiguresRow w={w} label={t("prov.total")} f={total} total />
            </tfoot>
          </table>
        </section>
        <h2>{t("prov.charts")}</h2>
        <ColumnChart
          id="chart-months"
          title={t("prov.perMonth")}
          description={monthBars.map((b) => `${month(months[monthBars.indexOf(b)]?.month ?? "", locale)}: ${b.display}`).join("; ")}
          bars={monthBars}
        />
        <BarChart id="chart-topics" title={t("prov.perTopic")} description={topicBars.map((b) => `${b.label}: ${b.display}`).join("; ")} bars={topicBars} />
        <details>
          <summary>{t("prov.chartTable")}</summary>
          <DataTable
            t={t}
            caption={t("prov.perTopicPerRegion")}
            captionVisible
            columns={[t("filter.topic"), ...summary.regions.map((r) => numCol(r.region.name)), numCol(t("prov.total"))]}
          >
            {TOPICS.map((topic) => (
              <tr>
                <th scope="row">{topicLabel(topic, locale)}</th>
                {summary.regions.map((r) => (
                  <td class="num">{countText(r.byTopic[topic], w)}</td>
                ))}
                <td class="num">{countText(total.byTopic[topic], w)}</td>
              </tr>
            ))}
          </DataTable>
        </details>
        <p class="small">{t("prov.suppression", { n: summary.smallCountThreshold })}</p>
      </>
    ),
  });
}

export function registerProvincePages(app: Hono<AppEnv>): void {
  app.get("/provincie", page(dashboard));
}
