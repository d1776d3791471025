/**
 * CSV renderings of the reports in tidy long format: one figure per row, so a
 * spreadsheet or R/pandas can pivot it any way. RFC 4180: CRLF line ends, fields with a
 * comma, quote or line break quoted, quotes doubled. The `excel` format is the same rows
 * for Dutch Excel: `;`-separated, a UTF-8 byte order mark, Dutch headers, decimal commas.
 */
import type { Figures } from "./figures";
import type { ProvinceSummary, RegionFigures, RegionReport } from "./reports.service";
import { TOPICS } from "../../lib/vocabulary";
import { eventFigureRows } from "../events/events.report";
import { referralFigureRows } from "../referrals/referrals.report";

type Value = string | number | null;

/**
 * One CSV field per RFC 4180: quoted when it holds a comma, quote or line break.
 *
 * @example
 * csvField('Loket "Noord", Venlo'); // "\"Loket \"\"Noord\"\", Venlo\""
 */
export function csvField(value: Value): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Free text typed by people (desk and municipality names) that a spreadsheet would run as
 * a formula (=, +, -, @, tab, CR at the start) gets an apostrophe in front. Ids and figures
 * are left alone: an id may well start with "-".
 *
 * @example
 * spreadsheetText("=HYPERLINK(\"x\")"); // "'=HYPERLINK(\"x\")"
 */
export function spreadsheetText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** `tidy`: RFC 4180 with English headers (the API contract); `excel`: what Dutch Excel opens as columns. */
export type CsvFormat = "tidy" | "excel";

/**
 * One field for Dutch Excel: `;` separates, so a field with `;`, a quote or a line break is
 * quoted; a fraction gets a decimal comma (0.25 → "0,25").
 *
 * @example
 * excelField(0.1234); // "0,1234"
 */
export function excelField(value: Value): string {
  if (value === null) return "";
  const text = typeof value === "number" ? String(value).replace(".", ",") : value;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The byte order mark that tells Excel the file is UTF-8 (without it, Excel reads "Roermond – Zuid" or "é" as Windows-1252). */
const BOM = "\uFEFF";

function csv(header: readonly string[], rows: readonly (readonly Value[])[], excel?: readonly string[]): string {
  if (excel) return BOM + [excel, ...rows].map((row) => row.map(excelField).join(";")).join("\r\n") + "\r\n";
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** The rows [metric, dimension, value] of one set of figures. */
function figureRows(f: Figures): Value[][] {
  const rows: Value[][] = [
    ["booked", "", f.totals.booked],
    ["confirmed", "", f.totals.confirmed],
    ["completed", "", f.totals.completed],
    ["no_show", "", f.totals.noShow],
    ["cancelled", "", f.totals.cancelled],
  ];
  for (const [mode, n] of Object.entries(f.byMode)) rows.push(["booked_by_mode", mode, n]);
  for (const topic of TOPICS) rows.push(["booked_by_topic", topic, f.byTopic[topic]]);
  for (const m of f.byMonth) {
    rows.push(
      ["booked_by_month", m.month, m.booked],
      ["confirmed_by_month", m.month, m.confirmed],
      ["completed_by_month", m.month, m.completed],
      ["no_show_by_month", m.month, m.noShow],
      ["cancelled_by_month", m.month, m.cancelled],
    );
  }
  rows.push(
    ["active_frontdesks", "", f.activeFrontdesks],
    ["booked_places", "", f.capacity.bookedPlaces],
    ["bookable_places", "", f.capacity.bookablePlaces],
    ["utilisation", "", f.capacity.utilisation],
    ["lead_time_hours_median", "", f.leadTimeHours.median],
    ["lead_time_hours_p90", "", f.leadTimeHours.p90],
    ["no_show_rate", "", f.noShowRate],
  );
  return rows;
}

function regionRows(f: RegionFigures): Value[][] {
  const rows = figureRows(f);
  for (const m of f.byTopicByMonth) {
    for (const topic of TOPICS) rows.push(["booked_by_topic_month", `${m.month}/${topic}`, m.topics[topic]]);
  }
  return rows;
}

/**
 * The province summary as CSV: `region,metric,dimension,value`; `region` is a region slug or `total`.
 * @example provinceSummaryCsv(summary).split("\r\n")[0]; // "region,metric,dimension,value"
 */
export function provinceSummaryCsv(summary: ProvinceSummary, format: CsvFormat = "tidy"): string {
  const rows: Value[][] = [];
  for (const region of summary.regions) for (const row of regionRows(region)) rows.push([region.region.slug, ...row]);
  for (const row of figureRows(summary.total)) rows.push(["total", ...row]);
  const support = [...summary.supportProcess.regions.map((r) => [r.region.slug, r] as const), ["total", summary.supportProcess.total] as const];
  for (const [region, f] of support) {
    rows.push(
      [region, "support_candidates", "", f.candidates],
      [region, "support_qualified", "", f.qualified],
      [region, "support_plans_delivered", "", f.plansDelivered],
      [region, "support_financing_arranged", "", f.financingArranged],
      [region, "support_active", "", f.active],
      [region, "support_stopped", "", f.stopped],
    );
    for (const [stage, n] of Object.entries(f.byStage)) rows.push([region, "support_by_stage", stage, n]);
  }
  for (const r of summary.events.regions) for (const row of eventFigureRows(r)) rows.push([r.region.slug, ...row]);
  for (const row of eventFigureRows(summary.events.total)) rows.push(["total", ...row]);
  for (const r of summary.referrals.regions) for (const row of referralFigureRows(r)) rows.push([r.region.slug, ...row]);
  for (const row of referralFigureRows(summary.referrals.total, { flows: summary.referrals.flows })) rows.push(["total", ...row]);
  return csv(["region", "metric", "dimension", "value"], rows, format === "excel" ? ["Regio", "Cijfer", "Uitsplitsing", "Waarde"] : undefined);
}

/**
 * A region's report as CSV: `region,frontdesk_id,frontdesk,municipality,metric,dimension,value`.
 * Region rows leave the frontdesk and municipality columns empty; desk rows fill all three;
 * municipality rows fill only `municipality`.
 * @example regionReportCsv(report).split("\r\n")[0];
 */
export function regionReportCsv(report: RegionReport, format: CsvFormat = "tidy"): string {
  const slug = report.region.region.slug;
  const rows: Value[][] = [];
  for (const row of regionRows(report.region)) rows.push([slug, "", "", "", ...row]);
  for (const desk of report.frontdesks) {
    for (const row of figureRows(desk))
      rows.push([slug, desk.frontdesk.id, spreadsheetText(desk.frontdesk.name), spreadsheetText(desk.frontdesk.municipality), ...row]);
  }
  for (const m of report.municipalities) for (const row of figureRows(m)) rows.push([slug, "", "", spreadsheetText(m.municipality), ...row]);
  for (const row of eventFigureRows(report.events)) rows.push([slug, "", "", "", ...row]);
  for (const [metric, dimension, value] of referralFigureRows(report.referrals, report.referrals))
    rows.push([slug, "", "", "", metric ?? null, spreadsheetText(String(dimension ?? "")), value ?? null]);
  const excel = ["Regio", "Loket-id", "Loket", "Gemeente", "Cijfer", "Uitsplitsing", "Waarde"];
  return csv(["region", "frontdesk_id", "frontdesk", "municipality", "metric", "dimension", "value"], rows, format === "excel" ? excel : undefined);
}
