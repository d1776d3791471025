/** The region admin's Support Process figures for a period: funnel, yield per desk, plans against the target, stops and referrals. */
import { FUNNEL_STAGES, REFERRAL_KINDS, STOP_REASONS } from "../../db/schema";
import { resolvePeriod } from "../../features/reports/period";
import { scoutingReport } from "../../features/scouting/scouting.report";
import { isCalendarDate } from "../../lib/time";
import type { Web } from "../kit/context";
import { ErrorSummary } from "../kit/fields";
import type { FieldErrors } from "../kit/form";
import { day } from "../kit/format";
import { render, scopeOf, pageRoute, type PageRoute } from "../kit/page";
import { PeriodFilter } from "../kit/scaffolds";
import { Breadcrumbs, DataTable, Details, Stats, numCol } from "../kit/ui";
import { ADMIN, base, candidateCrumbs, referralLabel, stageLabel, stopLabel } from "./shared";

const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)}%`);

export async function figuresPage(w: Web) {
  const { t, locale } = w;
  const scope = scopeOf(w);
  const now = w.now;
  const asked = (name: string) => {
    const value = w.c.req.query(name);
    return value && isCalendarDate(value) ? value : undefined;
  };
  let errors: FieldErrors = [];
  let period: { from: string; to: string };
  try {
    period = resolvePeriod({ from: asked("from"), to: asked("to") }, now);
  } catch {
    errors = [{ id: "f-from", message: t("prov.err.period") }];
    period = resolvePeriod({}, now);
  }
  const r = await scoutingReport(scope, period, now);
  return render(w, {
    title: t("sc.fig.title"),
    status: errors.length ? 400 : 200,
    body: (
      <>
        <Breadcrumbs t={t} items={candidateCrumbs(w, t("sc.fig.title"))} />
        <h1>
          {t("sc.fig.title")} <span class="subtitle">{t("prov.period", { from: day(period.from, locale), to: day(period.to, locale) })}</span>
        </h1>
        <ErrorSummary t={t} errors={errors} />
        <PeriodFilter w={w} action={`${base(w)}/begeleiding/cijfers`} from={period.from} to={period.to} errors={errors} />
        <p>{t("sc.fig.intro")}</p>
        <Stats
          items={[
            [t("sc.fig.candidates"), r.candidates],
            [t("sc.fig.starts"), r.businessPlans.starts],
            [t("sc.fig.plans"), r.businessPlans.delivered],
            [t("sc.fig.medianSessions"), r.medianSessionsPerDeliveredPlan ?? "—"],
          ]}
        />
        <p class="small">
          {t("sc.fig.target", {
            min: r.businessPlans.target.plansMin,
            max: r.businessPlans.target.plansMax,
            starts: r.businessPlans.target.starts,
            years: r.businessPlans.target.years,
          })}
        </p>
        <DataTable
          t={t}
          titled
          caption={t("sc.fig.funnel")}
          columns={[t("sc.col.stage"), numCol(t("sc.fig.reached")), numCol(t("sc.fig.now")), numCol(t("sc.fig.conversion"))]}
        >
          {FUNNEL_STAGES.map((s) => {
            const conv = r.conversion.find((x) => x.to === s);
            return (
              <tr>
                <th scope="row">{stageLabel(s, t)}</th>
                <td class="num">{r.reached[s]}</td>
                <td class="num">{r.byStage[s]}</td>
                <td class="num">{conv ? pct(conv.rate) : "—"}</td>
              </tr>
            );
          })}
          <tr>
            <th scope="row">{stageLabel("stopped", t)}</th>
            <td class="num">—</td>
            <td class="num">{r.byStage.stopped}</td>
            <td class="num">—</td>
          </tr>
        </DataTable>
        <DataTable t={t} titled caption={t("sc.fig.perDesk")} columns={[t("sc.col.desk"), numCol(t("sc.fig.candidates")), numCol(t("sc.fig.qualified"))]}>
          {[...r.frontdesks.map((d) => ({ name: d.frontdesk.name, ...d })), { name: t("sc.fig.selfRegistered"), ...r.selfRegistered }].map((d) => (
            <tr>
              <th scope="row">{d.name}</th>
              <td class="num">{d.candidates}</td>
              <td class="num">{d.qualified}</td>
            </tr>
          ))}
        </DataTable>
        <div class="layout-split">
          <section aria-labelledby="stops-title">
            <h2 id="stops-title">{t("sc.fig.stopReasons")}</h2>
            <Details rows={STOP_REASONS.map((s) => [stopLabel(s, t), String(r.stopReasons[s])])} />
          </section>
          <section aria-labelledby="referrals-title">
            <h2 id="referrals-title">{t("sc.fig.referrals")}</h2>
            <Details rows={REFERRAL_KINDS.map((k) => [referralLabel(k, t), String(r.referrals[k])])} />
          </section>
        </div>
      </>
    ),
  });
}

export const figuresPages: PageRoute[] = [pageRoute("get", "/beheer/:region/begeleiding/cijfers", ADMIN, figuresPage)];
