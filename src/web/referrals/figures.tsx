/** The referral figures on the province dashboard: per region and in total, and the flows region × region (aggregates only, "<5" as published). */
import type { ProvinceReferralFigures } from "../../features/referrals/referrals.report";
import type { Count } from "../../features/reports/suppression";
import type { Web } from "../kit/context";
import { number } from "../kit/format";
import { DataTable, numCol } from "../kit/ui";

type Figures = ProvinceReferralFigures;

const count = (c: Count, w: Web) => (typeof c === "number" ? number(c, w.locale) : c);
const share = (r: number | null, w: Web) => (r === null ? "—" : `${number(r * 100, w.locale, 1)}%`);

function Row({ w, label, f, foot }: { w: Web; label: string; f: Figures["total"]; foot?: boolean }) {
  const cells = [
    count(f.made, w),
    count(f.received, w),
    share(f.feedbackShare, w),
    share(f.helpedShare, w),
    f.medianWorkingDaysToContact === null ? "—" : number(f.medianWorkingDaysToContact, w.locale, 1),
    count(f.overdue, w),
  ];
  return (
    <tr class={foot ? "total" : undefined}>
      <th scope="row">{label}</th>
      {cells.map((c) => (
        <td class="num">{c}</td>
      ))}
    </tr>
  );
}

export function ReferralFigures({ w, figures }: { w: Web; figures: Figures }) {
  const { t } = w;
  const names = new Map(figures.regions.map((r) => [r.region.slug, r.region.name]));
  return (
    <>
      <DataTable
        t={t}
        titled
        caption={t("ref.fig.title")}
        columns={[
          t("prov.region"),
          numCol(t("ref.fig.made")),
          numCol(t("ref.fig.received")),
          numCol(t("ref.fig.feedback")),
          numCol(t("ref.fig.helped")),
          numCol(t("ref.fig.median")),
          numCol(t("ref.fig.overdue")),
        ]}
        foot={<Row w={w} label={t("prov.total")} f={figures.total} foot />}
      >
        {figures.regions.map((r) => (
          <Row w={w} label={r.region.name} f={r} />
        ))}
      </DataTable>
      <DataTable t={t} caption={t("ref.fig.flows")} captionVisible columns={[t("ref.fig.from"), ...figures.regions.map((r) => numCol(r.region.name))]}>
        {figures.regions.map((from) => (
          <tr>
            <th scope="row">{from.region.name}</th>
            {figures.regions.map((to) => (
              <td class="num">{count(figures.flows.find((f) => f.from === from.region.slug && f.to === to.region.slug)?.count ?? 0, w)}</td>
            ))}
          </tr>
        ))}
      </DataTable>
      <p class="small">{t("ref.fig.note", { regions: [...names.values()].length })}</p>
    </>
  );
}
