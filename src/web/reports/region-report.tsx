/** The region report as a page: period chooser, key figures, a chart per month and per desk, tables per desk and municipality, CSV downloads. */
import { rolesAccess } from "../../features/auth/policy";
import type { Figures } from "../../features/reports/figures";
import { buildRegionReport } from "../../features/reports/reports.service";
import { todayLocal } from "../../lib/time";
import type { Web } from "../kit/context";
import { ErrorSummary } from "../kit/fields";
import { day, month, number } from "../kit/format";
import { pageRoute, render, scopeOf, withQuery, type PageRoute } from "../kit/page";
import { PeriodFilter } from "../kit/scaffolds";
import { Breadcrumbs, DataTable, Stats, numCol } from "../kit/ui";
import { askedPeriod } from "./province-dashboard";
import { RowChart } from "./row-chart";

const ADMIN = rolesAccess("region_admin");

const percent = (ratio: number | null, w: Web) => (ratio === null ? "—" : `${number(ratio * 100, w.locale, 1)}%`);
const hoursText = (hours: number | null, w: Web) =>
  hours === null ? "—" : hours >= 48 ? w.t("prov.days", { n: number(hours / 24, w.locale, 1) }) : w.t("prov.hours", { n: number(hours, w.locale) });

/** The figures of one row, most important first: the counts, then utilisation and lead times. */
function figureCells(w: Web, f: Figures) {
  return [
    number(f.totals.booked, w.locale),
    number(f.totals.completed, w.locale),
    number(f.totals.noShow, w.locale),
    number(f.totals.cancelled, w.locale),
    percent(f.noShowRate, w),
    percent(f.capacity.utilisation, w),
    hoursText(f.leadTimeHours.median, w),
    hoursText(f.leadTimeHours.p90, w),
  ];
}

const figureColumns = ({ t }: Web) =>
  (["prov.booked", "prov.completed", "prov.noShow", "prov.cancelled", "rr.noShowRate", "prov.utilisation", "prov.leadTime", "rr.leadTimeP90"] as const).map(
    (k) => numCol(t(k)),
  );

function Row({ w, label, f, total }: { w: Web; label: string; f: Figures; total?: boolean }) {
  return (
    <tr>
      <th scope="row">{total ? <strong>{label}</strong> : label}</th>
      {figureCells(w, f).map((c) => (
        <td class="num">{c}</td>
      ))}
    </tr>
  );
}

export async function regionReportPage(w: Web) {
  const { t, locale } = w;
  const scope = scopeOf(w);
  const { period, from, to, errors } = askedPeriod(w);
  const report = await buildRegionReport(scope, period, w.now);
  const base = `/beheer/${scope.region.slug}/rapportage`;
  const csv = `/api/v1/regions/${scope.region.slug}/admin/report.csv`;
  const year = todayLocal(w.now).slice(0, 4);
  const r = report.region;
  const monthBars = r.byMonth.map((m) => ({ label: month(m.month, locale), value: m.booked, display: number(m.booked, locale) }));
  const deskBars = report.frontdesks.map((d) => ({ label: d.frontdesk.name, value: d.totals.booked, display: number(d.totals.booked, locale) }));
  const title = t("rr.title", { region: scope.region.name });
  return render(w, {
    title,
    status: errors.length ? 400 : 200,
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [t("nav.frontdesks"), `/beheer/${scope.region.slug}/loketten`],
            [t("rr.short"), null],
          ]}
        />
        <h1>
          {title} <span class="subtitle">{t("prov.period", { from: day(period.from, locale), to: day(period.to, locale) })}</span>
        </h1>
        <p class="lead">{t("rr.lead")}</p>
        <ErrorSummary t={t} errors={errors} />
        <PeriodFilter w={w} action={base} from={from || period.from} to={to || period.to} errors={errors} />
        <p class="actions">
          <a href={withQuery(base, { from: `${year}-01-01`, to: `${year}-12-31` })}>{t("prov.thisYear", { year })}</a>
          <a href={withQuery(base, { from: `${Number(year) - 1}-01-01`, to: `${Number(year) - 1}-12-31` })}>{t("prov.thisYear", { year: Number(year) - 1 })}</a>
        </p>
        <p class="actions">
          <a class="button button--secondary" href={withQuery(csv, { from: period.from, to: period.to, format: "excel" })} download>
            {t("rr.csvExcel")}
          </a>
          <a href={withQuery(csv, { from: period.from, to: period.to })} download>
            {t("rr.csvTidy")}
          </a>
        </p>
        <h2>{t("rr.totals")}</h2>
        <Stats
          items={[
            [t("prov.booked"), number(r.totals.booked, locale)],
            [t("prov.completed"), number(r.totals.completed, locale)],
            [t("prov.noShow"), number(r.totals.noShow, locale)],
            [t("prov.cancelled"), number(r.totals.cancelled, locale)],
            [t("prov.utilisation"), percent(r.capacity.utilisation, w)],
            [t("prov.leadTime"), hoursText(r.leadTimeHours.median, w)],
          ]}
        />
        <DataTable
          t={t}
          titled
          caption={t("rr.perDesk")}
          columns={[t("rr.desk"), ...figureColumns(w)]}
          empty={report.frontdesks.length === 0 && t("rr.noDesks")}
          foot={<Row w={w} label={t("prov.total")} f={r} total />}
        >
          {report.frontdesks.map((d) => (
            <Row w={w} label={d.frontdesk.archived ? `${d.frontdesk.name} (${t("adm.desks.archived")})` : d.frontdesk.name} f={d} />
          ))}
        </DataTable>
        <DataTable
          t={t}
          titled
          caption={t("rr.perMunicipality")}
          columns={[t("adm.desk.municipality"), ...figureColumns(w)]}
          empty={report.municipalities.length === 0 && t("rr.noDesks")}
        >
          {report.municipalities.map((m) => (
            <Row w={w} label={m.municipality} f={m} />
          ))}
        </DataTable>
        <p class="small">{t("rr.municipalityNote")}</p>
        <h2>{t("prov.charts")}</h2>
        <RowChart id="chart-months" title={t("rr.perMonth")} description={monthBars.map((b) => `${b.label}: ${b.display}`).join("; ")} bars={monthBars} />
        {deskBars.length > 0 ? (
          <RowChart id="chart-desks" title={t("rr.perDeskChart")} description={deskBars.map((b) => `${b.label}: ${b.display}`).join("; ")} bars={deskBars} />
        ) : null}
      </>
    ),
  });
}

export const regionReportPages: PageRoute[] = [pageRoute("get", "/beheer/:region/rapportage", ADMIN, regionReportPage)];
