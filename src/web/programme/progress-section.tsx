/**
 * The programme's progress (issue 19) as the province dashboard, the programme page and a
 * region's page show it: one inline SVG with a bar per indicator against its target (a line
 * at the minimum and a band up to the maximum), the Support Process funnel with conversion,
 * and the consultants' capacity beside it. Every chart has a text alternative.
 */
import type { FunnelFigures, CapacityFigures, IndicatorProgress, Small } from "../../features/programme/programme.service";
import type { Web } from "../kit/context";
import { day, number } from "../kit/format";
import { DataTable, numCol } from "../kit/ui";

const smallText = (n: Small, w: Web) => (typeof n === "number" ? number(n, w.locale) : n);
const rateText = (r: number | null, w: Web) => (r === null ? "—" : `${number(r * 100, w.locale, 1)}%`);
const smallValue = (n: Small) => (typeof n === "number" ? n : 0);

/** Horizontal bars, each against its own target scale (the longer of actual and target maximum). */
export function TargetChart({ w, id, title, indicators }: { w: Web; id: string; title: string; indicators: IndicatorProgress[] }) {
  const { t } = w;
  const width = 720;
  const rowH = 34;
  const labelW = 280;
  const plotW = width - labelW - 110;
  const height = indicators.length * rowH + 12;
  const label = (i: IndicatorProgress) => t(`prog.ind.${i.indicator}`);
  const targetText = (i: IndicatorProgress) =>
    i.target === null
      ? t("prog.noTarget")
      : i.target.max !== null
        ? `${number(i.target.min, w.locale)}–${number(i.target.max, w.locale)}`
        : number(i.target.min, w.locale);
  const description = indicators.map((i) => `${label(i)}: ${t("prog.of", { actual: smallText(i.actual, w), target: targetText(i) })}`).join("; ");
  return (
    <figure class="chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} focusable="false">
        <title>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {indicators.map((i, row) => {
          const y = 6 + row * rowH;
          const actual = smallValue(i.actual);
          const scale = Math.max(actual, i.target?.max ?? i.target?.min ?? 0, 1) * 1.1;
          const x = (v: number) => labelW + (v / scale) * plotW;
          return (
            <g>
              <text x={labelW - 8} y={y + rowH / 2 + 4} text-anchor="end">
                {label(i)}
              </text>
              {i.target && i.target.max !== null ? (
                <rect class="band" x={x(i.target.min)} y={y + 2} width={Math.max(0, x(i.target.max) - x(i.target.min))} height={rowH - 6} />
              ) : null}
              <rect class="bar" x={labelW} y={y + 8} width={Math.max(0, x(actual) - labelW)} height={rowH - 18} />
              {i.target ? <line class="target-line" x1={x(i.target.min)} x2={x(i.target.min)} y1={y + 2} y2={y + rowH - 4} /> : null}
              <text x={width - 104} y={y + rowH / 2 + 4}>
                {t("prog.of", { actual: smallText(i.actual, w), target: targetText(i) })}
              </text>
            </g>
          );
        })}
        <line class="axis" x1={labelW} x2={labelW} y1={2} y2={height - 4} />
      </svg>
    </figure>
  );
}

/** The funnel as a table: counts and the conversion from the step before. */
export function FunnelTable({ w, funnel, caption }: { w: Web; funnel: FunnelFigures; caption: string }) {
  const { t } = w;
  const rows: Array<[string, Small, number | null]> = [
    [t("prog.f.starts"), funnel.starts, null],
    [t("prog.f.intake"), funnel.intake, funnel.conversion.startsToIntake],
    [t("prog.f.go"), funnel.go, funnel.conversion.intakeToGo],
    [t("prog.f.plan"), funnel.plan, funnel.conversion.goToPlan],
    [t("prog.f.financing"), funnel.financingArranged, funnel.conversion.planToFinancing],
  ];
  return (
    <DataTable t={t} caption={caption} label={caption} captionVisible columns={[t("prog.stage"), numCol(t("prog.count")), numCol(t("prog.conversion"))]}>
      {rows.map(([label, count, conversion]) => (
        <tr>
          <th scope="row">{label}</th>
          <td class="num">{smallText(count, w)}</td>
          <td class="num">{rateText(conversion, w)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The consultants' capacity per level (Limburg and each region). */
export function CapacityTable({ w, rows }: { w: Web; rows: Array<{ label: string; capacity: CapacityFigures }> }) {
  const { t } = w;
  return (
    <DataTable
      t={t}
      caption={t("prog.capacity")}
      label={t("prog.capacity")}
      captionVisible
      columns={[
        t("prog.region"),
        numCol(t("prog.consultants")),
        numCol(t("prog.fte")),
        numCol(t("prog.plannedFte")),
        numCol(t("prog.caseload")),
        numCol(t("prog.perFte")),
      ]}
    >
      {rows.map(({ label, capacity: c }) => (
        <tr>
          <th scope="row">{label}</th>
          <td class="num">{number(c.consultants, w.locale)}</td>
          <td class="num">{number(c.fte, w.locale, 1)}</td>
          <td class="num">{c.plannedFte === null ? "—" : number(c.plannedFte, w.locale, 1)}</td>
          <td class="num">{smallText(c.activeTrajectories, w)}</td>
          <td class="num">{c.caseloadPerFte === null ? "—" : number(c.caseloadPerFte, w.locale, 1)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The whole section: targets (or why there are none), funnel and capacity side by side. */
export function ProgressSection({
  w,
  targetPeriod,
  indicators,
  funnel,
  capacity,
  chartTitle,
}: {
  w: Web;
  targetPeriod: { from: string; to: string } | null;
  indicators: IndicatorProgress[];
  funnel: FunnelFigures;
  capacity: Array<{ label: string; capacity: CapacityFigures }>;
  chartTitle: string;
}) {
  const { t, locale } = w;
  return (
    <section aria-labelledby="programme-progress">
      <h2 id="programme-progress">{t("prog.section")}</h2>
      {targetPeriod ? (
        <p>{t("prog.targetPeriod", { from: day(targetPeriod.from, locale), to: day(targetPeriod.to, locale) })}</p>
      ) : (
        <p>{t("prog.noTargets")}</p>
      )}
      <TargetChart w={w} id="chart-targets" title={chartTitle} indicators={indicators} />
      <p class="small">{t("prog.bandNote")}</p>
      <div class="side-by-side">
        <FunnelTable w={w} funnel={funnel} caption={t("prog.funnel")} />
        <CapacityTable w={w} rows={capacity} />
      </div>
      <p class="small">{t("prog.funnelNote")}</p>
    </section>
  );
}
