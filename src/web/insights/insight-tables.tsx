/**
 * The catalogue insights as tables (the region's page and the province dashboard): most
 * searched terms, searches without results, most and least viewed offers, offers nobody
 * opened, and demand against supply per topic. Counts of 1–4 arrive as "<5" from the service.
 */
import type { Insights } from "../../features/insights/insights.service";
import type { Count } from "../../features/reports/suppression";
import { topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { number } from "../kit/format";
import { DataTable, numCol } from "../kit/ui";

const countText = (c: Count, w: Web): string => (typeof c === "number" ? number(c, w.locale) : c);

function TermTable({ w, id, caption, rows }: { w: Web; id: string; caption: string; rows: Insights["topSearches"] }) {
  const { t } = w;
  return (
    <div class="section">
      <h3 id={`${id}-title`}>{caption}</h3>
      <DataTable t={t} caption={caption} label={caption} columns={[t("ins.term"), numCol(t("ins.count"))]} empty={rows.length === 0 ? t("ins.none") : false}>
        {rows.map((r) => (
          <tr>
            <th scope="row">{r.term}</th>
            <td class="num">{countText(r.count, w)}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

function ViewTable({ w, id, caption, rows }: { w: Web; id: string; caption: string; rows: Insights["offerViews"] }) {
  const { t } = w;
  return (
    <div class="section">
      <h3 id={`${id}-title`}>{caption}</h3>
      <DataTable t={t} caption={caption} label={caption} columns={[t("ins.offer"), numCol(t("ins.views"))]} empty={rows.length === 0 ? t("ins.none") : false}>
        {rows.map((r) => (
          <tr>
            <th scope="row">
              <a href={`/aanbod/${r.slug}`}>{r.title}</a>
            </th>
            <td class="num">{countText(r.count, w)}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

/** Every insight table, under one h2 heading. */
export function InsightTables({ w, insights }: { w: Web; insights: Insights }) {
  const { t, locale } = w;
  return (
    <>
      <h2>{t("ins.title")}</h2>
      <p>{t("ins.lead")}</p>
      <div class="grid">
        <TermTable w={w} id="ins-top" caption={t("ins.top")} rows={insights.topSearches} />
        <TermTable w={w} id="ins-zero" caption={t("ins.zero")} rows={insights.zeroResultSearches} />
        <ViewTable w={w} id="ins-most" caption={t("ins.most")} rows={insights.offerViews} />
        <ViewTable w={w} id="ins-least" caption={t("ins.least")} rows={insights.leastViewedOffers} />
      </div>
      <div class="section">
        <h3 id="ins-demand-title">{t("ins.demand")}</h3>
        <DataTable
          t={t}
          caption={t("ins.demand")}
          label={t("ins.demand")}
          columns={[
            t("ins.topic"),
            ...[t("ins.bookings"), t("ins.searches"), t("ins.clicks"), t("ins.offers"), t("ins.desks"), t("ins.questions"), t("ins.unanswered")].map(numCol),
          ]}
        >
          {insights.demandSupply.map((d) => (
            <tr>
              <th scope="row">{topicLabel(d.topic, locale)}</th>
              <td class="num">{countText(d.bookings, w)}</td>
              <td class="num">{countText(d.searches, w)}</td>
              <td class="num">{countText(d.deskClicks, w)}</td>
              <td class="num">{number(d.offers, locale)}</td>
              <td class="num">{number(d.desks, locale)}</td>
              <td class="num">{countText(d.questions, w)}</td>
              <td class="num">{countText(d.unansweredQuestions, w)}</td>
            </tr>
          ))}
        </DataTable>
      </div>
      <section aria-labelledby="ins-unviewed-title" class="section">
        <h3 id="ins-unviewed-title">{t("ins.unviewed")}</h3>
        {insights.unviewedOffers.length === 0 ? (
          <p class="empty">{t("ins.noneUnviewed")}</p>
        ) : (
          <ul class="link-list">
            {insights.unviewedOffers.map((o) => (
              <li>
                <a href={`/aanbod/${o.slug}`}>{o.title}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p class="small">{t("ins.note")}</p>
    </>
  );
}
