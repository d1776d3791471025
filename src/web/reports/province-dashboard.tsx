/** The province dashboard: the cross-region summary (aggregates only), charts, period chooser and CSV download. */
import { AGGREGATE_READERS, rolesAccess } from "../../features/auth/policy";
import type { Figures } from "../../features/reports/figures";
import { resolvePeriod } from "../../features/reports/period";
import { buildProvinceDashboard } from "../../features/reports/reports.service";
import type { Count } from "../../features/reports/suppression";
import { DomainError } from "../../lib/errors";
import { isCalendarDate, todayLocal } from "../../lib/time";
import { MODES, TOPICS, modeLabel, topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { ErrorSummary } from "../kit/fields";
import type { FieldErrors } from "../kit/form";
import { day, month, number } from "../kit/format";
import { render, withQuery, pageRoute, type PageRoute } from "../kit/page";
import { PeriodFilter } from "../kit/scaffolds";
import { DataTable, Stats, numCol } from "../kit/ui";
import { InsightTables } from "../insights/insight-tables";
import { BarChart, ColumnChart } from "./charts";
import { ProgressSection } from "../programme/progress-section";
import { ReferralFigures } from "../referrals/figures";

const VIEWERS = rolesAccess(...AGGREGATE_READERS);

const countValue = (c: Count): number => (typeof c === "number" ? c : 0);
const countText = (c: Count, w: Web): string => (typeof c === "number" ? number(c, w.locale) : c);
const percent = (ratio: number | null, w: Web) => (ratio === null ? "—" : `${number(ratio * 100, w.locale, 1)}%`);
const hoursText = (hours: number | null, w: Web) =>
  hours === null ? "—" : hours >= 48 ? w.t("prov.days", { n: number(hours / 24, w.locale, 1) }) : w.t("prov.hours", { n: number(hours, w.locale) });

/** The figures of a region's row, as column headings. */
const figureColumns = ({ t, locale }: Web) => [
  ...(["prov.booked", "prov.completed", "prov.noShow", "prov.cancelled"] as const).map((k) => t(k)),
  ...MODES.map((m) => modeLabel(m, locale)),
  ...(["prov.activeDesks", "prov.utilisation", "prov.leadTime"] as const).map((k) => t(k)),
];

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

/** The asked period (this calendar year by default), or the errors that say why it cannot be used. */
export function askedPeriod(w: Web): { period: { from: string; to: string }; from: string; to: string; errors: FieldErrors } {
  const { t } = w;
  const year = todayLocal(w.now).slice(0, 4);
  const from = w.c.req.query("from") ?? "";
  const to = w.c.req.query("to") ?? "";
  const errors: FieldErrors = [];
  if (from && !isCalendarDate(from)) errors.push({ id: "f-from", message: t("adm.err.date") });
  if (to && !isCalendarDate(to)) errors.push({ id: "f-to", message: t("adm.err.date") });
  let period = { from: `${year}-01-01`, to: `${year}-12-31` };
  if (errors.length === 0) {
    try {
      period = resolvePeriod({ from: from || `${year}-01-01`, to: to || (from ? undefined : `${year}-12-31`) }, w.now);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      errors.push({ id: "f-to", message: t("prov.err.period") });
    }
  }
  return { period, from, to, errors };
}

export async function provinceDashboard(w: Web) {
  const { t, locale } = w;
  const { period, from, to, errors } = askedPeriod(w);
  const year = todayLocal(w.now).slice(0, 4);
  const { summary, insights, progress } = await buildProvinceDashboard(w.c.var.db, period, w.now);
  const total = summary.total;
  const months = total.byMonth;
  const monthBars = months.map((m, i) => ({
    label: month(m.month, locale).split(" ")[0] ?? m.month,
    sublabel: i === 0 || m.month.endsWith("-01") ? m.month.slice(0, 4) : undefined,
    value: m.booked,
    display: number(m.booked, locale),
  }));
  const topicBars = TOPICS.map((topic) => ({
    label: topicLabel(topic, locale),
    value: countValue(total.byTopic[topic]),
    display: countText(total.byTopic[topic], w),
  }));
  return render(w, {
    title: t("prov.title"),
    status: errors.length ? 400 : 200,
    body: (
      <>
        <h1>
          {t("prov.title")} <span class="subtitle">{t("prov.period", { from: day(period.from, locale), to: day(period.to, locale) })}</span>
        </h1>
        <p class="lead">{t("prov.lead")}</p>
        <ErrorSummary t={t} errors={errors} />
        <PeriodFilter w={w} action="/provincie" from={from || period.from} to={to || period.to} errors={errors} />
        <p class="actions">
          <a href={withQuery("/provincie", { from: `${year}-01-01`, to: `${year}-12-31` })}>{t("prov.thisYear", { year })}</a>
          <a href={withQuery("/provincie", { from: `${Number(year) - 1}-01-01`, to: `${Number(year) - 1}-12-31` })}>
            {t("prov.thisYear", { year: Number(year) - 1 })}
          </a>
          <a class="button button--secondary" href={withQuery("/api/v1/province/summary.csv", { from: period.from, to: period.to })} download>
            {t("prov.csv")}
          </a>
          <a href={withQuery("/api/v1/province/summary.csv", { from: period.from, to: period.to, format: "excel" })} download>
            {t("rr.csvExcel")}
          </a>
        </p>
        <h2>{t("prov.totals")}</h2>
        <Stats
          items={[
            [t("prov.booked"), number(total.totals.booked, locale)],
            [t("prov.completed"), number(total.totals.completed, locale)],
            [t("prov.noShow"), number(total.totals.noShow, locale)],
            [t("prov.cancelled"), number(total.totals.cancelled, locale)],
            [t("prov.utilisation"), percent(total.capacity.utilisation, w)],
            [t("prov.leadTime"), hoursText(total.leadTimeHours.median, w)],
          ]}
        />
        <DataTable
          t={t}
          titled
          caption={t("prov.perRegion")}
          columns={[t("prov.region"), ...figureColumns(w).map(numCol)]}
          foot={<FiguresRow w={w} label={t("prov.total")} f={total} total />}
        >
          {summary.regions.map((r) => (
            <FiguresRow w={w} label={r.region.name} f={r} />
          ))}
        </DataTable>
        <ProgressSection
          w={w}
          targetPeriod={progress.targetPeriod}
          indicators={progress.total.indicators}
          funnel={progress.total.funnel}
          capacity={[
            ...progress.regions.map((r) => ({ label: r.region.name, capacity: r.capacity })),
            { label: t("prog.total"), capacity: progress.total.capacity },
          ]}
          chartTitle={t("prog.chart")}
        />
        <h2>{t("prov.charts")}</h2>
        <ColumnChart
          id="chart-months"
          title={t("prov.perMonth")}
          description={months.map((m) => `${month(m.month, locale)}: ${number(m.booked, locale)}`).join("; ")}
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
        <ReferralFigures w={w} figures={summary.referrals} />
        <p class="small">{t("prov.suppression", { n: summary.smallCountThreshold })}</p>
        <InsightTables w={w} insights={insights} />
      </>
    ),
  });
}

export const reportPages: PageRoute[] = [pageRoute("get", "/provincie", VIEWERS, provinceDashboard)];
