/** The region's catalogue insights (`/beheer/:region/inzichten`), for the period chosen (this calendar year by default), as `GET /regions/{region}/admin/insights`. */
import { rolesAccess } from "../../features/auth/policy";
import { buildInsights } from "../../features/insights/insights.service";
import type { Web } from "../kit/context";
import { ErrorSummary } from "../kit/fields";
import { day } from "../kit/format";
import { pageRoute, render, scopeOf, type PageRoute } from "../kit/page";
import { PeriodFilter } from "../kit/scaffolds";
import { askedPeriod } from "../reports/province-dashboard";
import { InsightTables } from "./insight-tables";

async function regionInsightsPage(w: Web) {
  const { t, locale } = w;
  const region = scopeOf(w).region;
  const { period, from, to, errors } = askedPeriod(w);
  const insights = await buildInsights(w.c.var.db, { id: region.id, slug: region.slug }, period, w.now);
  const action = `/beheer/${region.slug}/inzichten`;
  return render(w, {
    title: t("ins.titleRegion", { region: region.name }),
    status: errors.length ? 400 : 200,
    body: (
      <>
        <h1>
          {t("ins.titleRegion", { region: region.name })}{" "}
          <span class="subtitle">{t("prov.period", { from: day(period.from, locale), to: day(period.to, locale) })}</span>
        </h1>
        <ErrorSummary t={t} errors={errors} />
        <PeriodFilter w={w} action={action} from={from || period.from} to={to || period.to} errors={errors} />
        <InsightTables w={w} insights={insights} />
      </>
    ),
  });
}

export const insightPages: PageRoute[] = [pageRoute("get", "/beheer/:region/inzichten", rolesAccess("region_admin"), regionInsightsPage)];
