/**
 * `/gemeente` (issue 19): a municipality viewer's figures of their own municipality, aggregates
 * only (the service of `GET /api/v1/municipality/summary`); the programme office names one
 * with `?gemeente=`. One read batch after the session.
 */
import { rolesAccess } from "../../features/auth/policy";
import { municipalityFor, municipalitySummary } from "../../features/programme/municipality.service";
import type { Count } from "../../features/reports/suppression";
import { TOPICS, topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { ErrorSummary } from "../kit/fields";
import { month, number } from "../kit/format";
import { actorOf, render, pageRoute, type PageRoute } from "../kit/page";
import { PeriodFilter } from "../kit/scaffolds";
import { DataTable, Stats, numCol } from "../kit/ui";
import { askedPeriod } from "../reports/province-dashboard";
import { BarChart } from "../reports/charts";

const VIEWERS = rolesAccess("municipality_viewer", "programme_office");
const countText = (c: Count, w: Web) => (typeof c === "number" ? number(c, w.locale) : c);

async function municipalityPage(w: Web) {
  const { t, locale } = w;
  const asked = askedPeriod(w);
  const name = municipalityFor(actorOf(w), w.c.req.query("gemeente"));
  const s = await municipalitySummary(w.c.var.db, name, asked.period);
  const bars = TOPICS.map((topic) => {
    const c = s.appointments.byTopic[topic];
    return { label: topicLabel(topic, locale), value: typeof c === "number" ? c : 0, display: countText(c, w) };
  });
  return render(w, {
    title: t("muni.title", { name }),
    status: asked.errors.length ? 400 : 200,
    body: (
      <>
        <h1>{t("muni.title", { name })}</h1>
        <p class="lead">{t("muni.lead")}</p>
        <ErrorSummary t={t} errors={asked.errors} />
        <PeriodFilter w={w} action="/gemeente" from={asked.from || asked.period.from} to={asked.to || asked.period.to} errors={asked.errors} />
        <h2>{t("muni.support")}</h2>
        <Stats
          items={[
            [t("muni.starts"), countText(s.supportProcess.starts, w)],
            [t("muni.plans"), countText(s.supportProcess.plans, w)],
            [t("muni.referrals"), countText(s.referrals, w)],
          ]}
        />
        <BarChart id="chart-municipality-topics" title={t("muni.byTopic")} description={bars.map((b) => `${b.label}: ${b.display}`).join("; ")} bars={bars} />
        <p class="small">{t("muni.basis")}</p>
        <DataTable
          t={t}
          caption={t("muni.byMonth")}
          label={t("muni.byMonth")}
          captionVisible
          columns={[t("filter.topic"), ...s.appointments.months.map((m) => numCol(month(m, locale)))]}
        >
          {TOPICS.map((topic) => (
            <tr>
              <th scope="row">{topicLabel(topic, locale)}</th>
              {s.appointments.byTopicByMonth.map((m) => (
                <td class="num">{countText(m.topics[topic], w)}</td>
              ))}
            </tr>
          ))}
        </DataTable>
        <p class="small">{t("prov.suppression", { n: 5 })}</p>
        <h2>{t("muni.desks")}</h2>
        {s.frontdesks.length === 0 ? (
          <p class="empty">{t("muni.noDesks")}</p>
        ) : (
          <ul>
            {s.frontdesks.map((d) => (
              <li>{d.name}</li>
            ))}
          </ul>
        )}
      </>
    ),
  });
}

export const municipalityPages: PageRoute[] = [pageRoute("get", "/gemeente", VIEWERS, municipalityPage)];
