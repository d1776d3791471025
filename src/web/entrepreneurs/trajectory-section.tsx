/**
 * The Support Process trajectory as the entrepreneur sees it (issue 17: "sees the value of the
 * support"): where they stand on the road, what they and their consultant agreed, the sessions
 * held and with whom (with the hours together), the next step, and the documents the
 * consultant shared (names and dates only). No consultant's working notes.
 */
import { FUNNEL_STAGES, type Stage } from "../../db/schema";
import type { MyTrajectory } from "../../features/entrepreneurs/overview.service";
import type { MessageKey } from "../i18n";
import type { Web } from "../kit/context";
import { day, number } from "../kit/format";
import { DataTable, Details, Panel } from "../kit/ui";
import { dayOf } from "./shared";

const stageKey = (stage: Stage) => `stage.${stage}` as MessageKey;

/** A text of another feature's vocabulary (stop reasons, referral kinds), or the code itself when it has none. */
function word(w: Web, key: string, fallback: string): string {
  return (w.t(key as MessageKey) as string | undefined) ?? fallback;
}

/** The road from registration to financing, with what is done and where they are now. */
function Road({ w, tr }: { w: Web; tr: MyTrajectory }) {
  const { t } = w;
  const reached = FUNNEL_STAGES.indexOf(tr.stage as (typeof FUNNEL_STAGES)[number]);
  return (
    <ol class="steps" aria-label={t("me.traj.progress")}>
      {FUNNEL_STAGES.map((stage, i) => (
        <li aria-current={i === reached ? "step" : undefined}>
          {i === reached ? <strong>{t(stageKey(stage))}</strong> : t(stageKey(stage))}{" "}
          {i < reached || (i === reached && i === FUNNEL_STAGES.length - 1) ? (
            <span class="tag">{t("me.traj.stepDone")}</span>
          ) : i === reached ? (
            <span class="tag">{t("me.traj.stepNow")}</span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function NextStep({ w, tr }: { w: Web; tr: MyTrajectory }) {
  const { t } = w;
  if (tr.stop) {
    const referral = `${tr.stop.referral.name} (${word(w, `referral.${tr.stop.referral.kind}`, tr.stop.referral.kind)})`;
    return <p>{t("me.traj.stopped", { reason: word(w, `stop.${tr.stop.reason}`, tr.stop.reason).toLowerCase(), referral })}</p>;
  }
  if (!tr.active || !tr.nextStep.stage) return <p>{t("me.traj.ended")}</p>;
  return (
    <>
      {tr.nextStep.decisionRequired ? <p>{t("me.traj.decision")}</p> : null}
      <p>{t("me.traj.nextStage", { stage: t(stageKey(tr.nextStep.stage)) })}</p>
    </>
  );
}

function Commitments({ w, tr }: { w: Web; tr: MyTrajectory }) {
  const { t } = w;
  return (
    <>
      <h3>{t("me.traj.commitments")}</h3>
      {tr.commitments.length === 0 ? (
        <p class="empty">{t("me.traj.noCommitments")}</p>
      ) : (
        <ul class="link-list">
          {tr.commitments.map((c) => (
            <li class="panel">
              <p>
                <strong>{word(w, `point.${c.point}`, c.point)}</strong> · {dayOf(c.agreedAt, w)}
              </p>
              <Details
                rows={[
                  [t("me.traj.you"), c.entrepreneurCommitment],
                  [t("me.traj.adviser", { name: c.consultant.name }), c.consultantCommitment],
                ]}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Sessions({ w, tr }: { w: Web; tr: MyTrajectory }) {
  const { t, locale } = w;
  const held = tr.sessions.filter((s) => s.attendance === "attended");
  const minutes = held.reduce((sum, s) => sum + s.durationMinutes, 0);
  return (
    <>
      <h3>{t("me.traj.sessions")}</h3>
      {held.length > 0 ? <p>{t("me.traj.totals", { n: held.length, hours: number(minutes / 60, locale, 1) })}</p> : null}
      <DataTable
        t={t}
        caption={t("me.traj.sessions")}
        label={t("me.traj.sessions")}
        columns={[t("me.traj.sessionDate"), t("me.traj.with"), t("me.traj.duration"), t("me.traj.attendance")]}
        empty={tr.sessions.length === 0 && t("me.traj.noSessions")}
      >
        {tr.sessions.map((s) => (
          <tr>
            <td>{day(s.date, locale)}</td>
            <td>{[s.consultant?.name, ...s.experts].filter(Boolean).join(", ")}</td>
            <td>{t("me.traj.minutes", { n: s.durationMinutes })}</td>
            <td>
              {word(w, `attendance.${s.attendance}`, s.attendance)}
              {s.voucherApplied ? ` · ${t("me.traj.voucher")}` : ""}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

function Documents({ w, tr }: { w: Web; tr: MyTrajectory }) {
  const { t, locale } = w;
  return (
    <>
      <h3>{t("me.traj.documents")}</h3>
      <DataTable
        t={t}
        caption={t("me.traj.documents")}
        label={t("me.traj.documents")}
        columns={[t("me.traj.docName"), t("me.traj.docDate"), t("me.traj.docShared")]}
        empty={tr.documents.length === 0 && t("me.traj.noDocuments")}
      >
        {tr.documents.map((d) => (
          <tr>
            <td>{d.name}</td>
            <td>{day(d.date, locale)}</td>
            <td>{dayOf(d.sharedAt, w)}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

export function TrajectorySection({ w, trajectory: tr }: { w: Web; trajectory: MyTrajectory }) {
  const { t } = w;
  return (
    <section class="section" aria-labelledby="traj-title">
      <h2 id="traj-title">{t("me.traj.title")}</h2>
      <p class="lead">{t("me.traj.lead", { company: tr.company.name })}</p>
      <Panel id="traj-now" title={t("me.traj.stage")} class="panel--accent">
        <Details
          rows={[
            [t("me.traj.stage"), t(stageKey(tr.stage))],
            [t("me.traj.since"), dayOf(tr.registeredAt, w)],
            [t("me.traj.consultant"), tr.consultant ? tr.consultant.name : t("me.traj.noConsultant")],
            [t("me.appts.region"), tr.region.name],
          ]}
        />
        <h3>{t("me.traj.progress")}</h3>
        <Road w={w} tr={tr} />
        <h3>{t("me.traj.next")}</h3>
        <NextStep w={w} tr={tr} />
      </Panel>
      <Commitments w={w} tr={tr} />
      <Sessions w={w} tr={tr} />
      <Documents w={w} tr={tr} />
    </section>
  );
}
