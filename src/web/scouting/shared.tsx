/** What the Support Process pages share: who may see them, their words, and the candidate table. */
import { rolesAccess } from "../../features/auth/policy";
import type { CandidateSummary } from "../../features/scouting/scouting.lists";
import type { CommitmentPoint, ReferralKind, Stage, StopReason } from "../../db/schema";
import { topicLabel, type Locale } from "../../lib/vocabulary";
import type { T } from "../i18n";
import type { Web } from "../kit/context";
import { day } from "../kit/format";
import { DataTable, numCol } from "../kit/ui";

/** Who registers candidates. */
export const SCOUTS = rolesAccess("region_admin", "frontdesk_staff");
/** Who sees candidates. */
export const READERS = rolesAccess("region_admin", "frontdesk_staff", "consultant", "programme_office");
/** Who works on trajectories. */
export const WORKERS = rolesAccess("region_admin", "consultant");
export const ADMIN = rolesAccess("region_admin", "programme_office");

/** The region's staff pages. */
export const base = (w: Web) => `/beheer/${w.region?.slug ?? ""}`;
/** The local date of an ISO instant with offset. */
export const isoDay = (iso: string) => iso.slice(0, 10);

/** The way back from a candidates sub-page (assignment, settings, figures, a new candidate) to the list. */
export const candidateCrumbs = (w: Web, title: string): Array<[string, string | null]> => [
  [w.t("nav.candidates"), `${base(w)}/kandidaten`],
  [title, null],
];

export const stageLabel = (stage: Stage, t: T) => t(`stage.${stage}`);
export const stopLabel = (reason: StopReason, t: T) => t(`stop.${reason}`);
export const referralLabel = (kind: ReferralKind, t: T) => t(`referral.${kind}`);
export const pointLabel = (point: CommitmentPoint, t: T) => t(`point.${point}`);
export const attendanceLabel = (attendance: "attended" | "no_show", t: T) => t(`attendance.${attendance}`);

export function StageBadge({
  c,
  t,
  locale,
}: { c: Pick<CandidateSummary, "stage" | "decisionRequired" | "decisionOverdue" | "decisionWaitingSince">; t: T; locale?: Locale }) {
  return (
    <>
      <span
        class={`status status--${c.stage === "stopped" ? "cancelled" : c.stage === "financing_arranged" || c.stage === "business_plan_delivered" ? "completed" : "confirmed"}`}
      >
        {stageLabel(c.stage, t)}
      </span>
      {c.decisionRequired ? (
        <>
          {" "}
          <span class="badge badge--warning">{t("sc.decisionRequired")}</span>
        </>
      ) : null}
      {c.decisionOverdue && c.decisionWaitingSince ? (
        <>
          {" "}
          <span class="badge badge--warning" data-overdue="decision">
            {t("sc.decisionOverdue", { date: day(isoDay(c.decisionWaitingSince), locale ?? "nl", { short: true }) })}
          </span>
        </>
      ) : null}
    </>
  );
}

const CANDIDATE_COLUMNS = ["company", "municipality", "topic", "stage", "consultant", "desk", "sessions", "registered"] as const;

export function CandidateTable({ w, rows, caption }: { w: Web; rows: CandidateSummary[]; caption: string }) {
  const { t, locale } = w;
  return (
    <DataTable t={t} caption={caption} label={caption} columns={CANDIDATE_COLUMNS.map((c) => (c === "sessions" ? numCol(t(`sc.col.${c}`)) : t(`sc.col.${c}`)))}>
      {rows.map((c) => (
        <tr>
          <th scope="row">
            <a href={`${base(w)}/kandidaten/${c.id}`}>{c.company.name}</a>
          </th>
          <td>{c.municipality}</td>
          <td>{topicLabel(c.topic, locale)}</td>
          <td>
            <StageBadge c={c} t={t} locale={locale} />
          </td>
          <td>{c.consultant?.name ?? t("sc.noConsultant")}</td>
          <td>{c.frontdesk?.name ?? t("sc.self")}</td>
          <td class="num">{c.sessionCount}</td>
          <td>{day(isoDay(c.registeredAt), locale, { short: true })}</td>
        </tr>
      ))}
    </DataTable>
  );
}
