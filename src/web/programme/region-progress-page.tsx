/**
 * `/beheer/{region}/voortgang` (issue 19): the region admin's own progress against the region's
 * share of the programme's targets (never the whole Limburg target), the Support Process funnel
 * and the consultants' capacity: the service of `GET …/admin/programme/progress`. One read batch
 * after the session.
 */
import { rolesAccess } from "../../features/auth/policy";
import { regionProgress } from "../../features/programme/programme.service";
import type { Web } from "../kit/context";
import { ErrorSummary } from "../kit/fields";
import { number } from "../kit/format";
import { render, scopeOf, pageRoute, type PageRoute } from "../kit/page";
import { PeriodFilter } from "../kit/scaffolds";
import { askedPeriod } from "../reports/province-dashboard";
import { ProgressSection } from "./progress-section";

const REGION_STEERING = rolesAccess("region_admin", "programme_office");

async function regionProgressPage(w: Web) {
  const { t } = w;
  const region = scopeOf(w).region;
  const asked = askedPeriod(w);
  const progress = await regionProgress(w.c.var.db, region, asked.period);
  const title = t("prog.regionTitle", { region: region.name });
  const action = `/beheer/${region.slug}/voortgang`;
  return render(w, {
    title,
    status: asked.errors.length ? 400 : 200,
    body: (
      <>
        <h1>{title}</h1>
        <p class="lead">{t("prog.regionLead")}</p>
        <p>{progress.sharePercent === null ? t("prog.regionNoShare") : t("prog.regionShare", { share: `${number(progress.sharePercent, w.locale, 1)}%` })}</p>
        <ErrorSummary t={t} errors={asked.errors} />
        <PeriodFilter w={w} action={action} from={asked.from || asked.period.from} to={asked.to || asked.period.to} errors={asked.errors} />
        <ProgressSection
          w={w}
          targetPeriod={progress.targetPeriod}
          indicators={progress.indicators}
          funnel={progress.funnel}
          capacity={[{ label: region.name, capacity: progress.capacity }]}
          chartTitle={`${t("prog.chartRegion")}: ${region.name}`}
        />
        <p>
          <a href={`/beheer/${region.slug}/toewijzen`}>{t("prog.regionCapacityLink")}</a>
        </p>
      </>
    ),
  });
}

export const regionProgressPages: PageRoute[] = [pageRoute("get", "/beheer/:region/voortgang", REGION_STEERING, regionProgressPage)];
