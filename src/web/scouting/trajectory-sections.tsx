/** The sections of the trajectory page: assignment, stage changes (next, go, stop), commitments, sessions and history. */
import type { Child } from "hono/jsx";
import { REFERRAL_KINDS, STOP_REASONS, type Stage } from "../../db/schema";
import { atDecisionPoint, isActiveStage, nextStage } from "../../features/scouting/transitions";
import { todayLocal } from "../../lib/time";
import { day } from "../kit/format";
import { FormActions } from "../kit/scaffolds";
import { DataTable, Panel } from "../kit/ui";
import { attendanceLabel, isoDay, pointLabel, referralLabel, stageLabel, stopLabel } from "./shared";
import { fieldsOf, type Commitments, type FormName, type History, type Sessions, type TrajectoryView } from "./trajectory-state";

/** A small POST form of the trajectory page. */
function TrajectoryForm(p: {
  action: string;
  title?: string;
  text?: string | undefined;
  submit: string;
  kind: "primary" | "secondary" | "warning";
  children: Child;
  inline?: boolean;
}) {
  return (
    <form method="post" action={p.action} class={p.inline ? "form form--inline" : "form panel"} novalidate>
      {p.title ? <h3>{p.title}</h3> : null}
      {p.text ? <p>{p.text}</p> : null}
      {p.children}
      <FormActions submit={p.submit} kind={p.kind} />
    </form>
  );
}

export function AssignPanel({ v, consultants }: { v: TrajectoryView; consultants: Array<{ id: string; name: string }> }) {
  const { t } = v.w;
  const f = fieldsOf(v, "assign", { consultantId: v.c.consultant?.id ?? "" });
  return (
    <Panel id="assign" title={t("sc.traj.assignTitle")} class="section">
      {consultants.length === 0 ? (
        <p>{t("sc.assign.noConsultants")}</p>
      ) : (
        <TrajectoryForm action={`${v.url}/adviseur`} submit={t("sc.traj.assignSubmit")} kind="secondary" inline>
          <f.Select
            id="f-assign"
            name="consultantId"
            label={t("sc.traj.consultant")}
            options={consultants.map((u) => ({ value: u.id, label: u.name }))}
            empty={t("adm.choose")}
            required
          />
        </TrajectoryForm>
      )}
    </Panel>
  );
}

/** The entrepreneur's and the consultant's commitments and the entrepreneur's name: asked at a go decision and when recording a commitment. */
function CommitmentFields({ v, form }: { v: TrajectoryView; form: "go" | "commit" }) {
  const { t } = v.w;
  const f = fieldsOf(v, form, { entrepreneurName: v.c.contact.name ?? "" });
  return (
    <>
      <f.Area
        id={`f-${form}-ec`}
        name="entrepreneurCommitment"
        label={t("sc.traj.entrepreneurCommitment")}
        hint={t("sc.traj.entrepreneurCommitmentHint")}
        required
        maxlength={1000}
      />
      <f.Area id={`f-${form}-cc`} name="consultantCommitment" label={t("sc.traj.consultantCommitment")} required maxlength={1000} />
      <f.Text id={`f-${form}-name`} name="entrepreneurName" label={t("sc.traj.entrepreneurName")} required autocomplete="off" />
    </>
  );
}

function NoteField({ v, form }: { v: TrajectoryView; form: FormName }) {
  const f = fieldsOf(v, form);
  return <f.Text id={`f-${form}-note`} name="note" label={v.w.t("sc.traj.note")} autocomplete="off" />;
}

/** Moving on: the next stage, a go decision at a decision point, or stopping with a referral. */
export function StageSection({ v }: { v: TrajectoryView }) {
  const { t } = v.w;
  const { c } = v;
  const decisionPoint = atDecisionPoint({ stage: c.stage, decisionRequired: c.decisionRequired });
  const next = nextStage(c.stage);
  const goTo: Stage | null = c.decisionRequired && c.stage !== "ambition_assessed" ? c.stage : next;
  const stop = fieldsOf(v, "stop", { stopReason: decisionPoint ? "no_go" : "" });
  const action = `${v.url}/fase`;
  return (
    <section class="section" aria-labelledby="stage-title">
      <h2 id="stage-title">{t("sc.traj.stageTitle")}</h2>
      {!isActiveStage(c.stage) ? (
        <p>{t("sc.traj.ended")}</p>
      ) : !v.mayAct ? (
        <p>{t("sc.traj.notYours")}</p>
      ) : (
        <>
          {!decisionPoint && next ? (
            <TrajectoryForm action={action} submit={t("sc.traj.next", { stage: stageLabel(next, t) })} kind="primary">
              <input type="hidden" name="to" value={next} />
              <NoteField v={v} form="stage" />
            </TrajectoryForm>
          ) : null}
          {decisionPoint && goTo ? (
            <TrajectoryForm
              action={action}
              title={t("sc.traj.goTitle")}
              text={t("sc.traj.goText")}
              submit={goTo === c.stage ? t("sc.traj.goContinue") : t("sc.traj.goSubmit", { stage: stageLabel(goTo, t) })}
              kind="primary"
            >
              <input type="hidden" name="to" value={goTo} />
              <input type="hidden" name="decision" value="go" />
              <CommitmentFields v={v} form="go" />
              <NoteField v={v} form="go" />
            </TrajectoryForm>
          ) : null}
          <details class="panel" open={v.failed?.name === "stop" ? true : undefined}>
            <summary>{t("sc.traj.stopTitle")}</summary>
            <p>{t("sc.traj.stopText")}</p>
            <form method="post" action={action} class="form" novalidate>
              <input type="hidden" name="to" value="stopped" />
              <stop.Select
                id="f-stop-reason"
                name="stopReason"
                label={t("sc.traj.stopReason")}
                options={STOP_REASONS.map((r) => ({ value: r, label: stopLabel(r, t) }))}
                empty={t("adm.choose")}
                required
              />
              <stop.Choices
                id="f-stop-kind"
                name="referralKind"
                type="radio"
                legend={t("sc.traj.referralKind")}
                options={REFERRAL_KINDS.map((k) => ({ value: k, label: referralLabel(k, t) }))}
                required
              />
              <stop.Text
                id="f-stop-name"
                name="referralName"
                label={t("sc.traj.referralName")}
                hint={t("sc.traj.referralNameHint")}
                required
                autocomplete="off"
              />
              <stop.Choices
                id="f-stop-consent"
                name="consentToShare"
                type="checkbox"
                legend={t("ref.f.consent")}
                hint={t("ref.f.consentHint")}
                options={[{ value: "ja", label: t("ref.f.consentYes") }]}
              />
              <NoteField v={v} form="stop" />
              <FormActions submit={t("sc.traj.stopSubmit")} kind="warning" />
            </form>
          </details>
        </>
      )}
    </section>
  );
}

export function CommitmentSection({ v, commitments }: { v: TrajectoryView; commitments: Commitments }) {
  const { t, locale } = v.w;
  const { c } = v;
  return (
    <section class="section" aria-labelledby="commit-title">
      <h2 id="commit-title">{t("sc.traj.commitments")}</h2>
      {commitments.length === 0 ? (
        <p class="empty">{t("sc.traj.noCommitments")}</p>
      ) : (
        <ul class="link-list">
          {commitments.map((m) => (
            <li>
              <p>
                <strong>
                  {t("sc.traj.agreedBy", {
                    point: pointLabel(m.point, t),
                    date: day(isoDay(m.agreedAt), locale, { short: true }),
                    name: m.entrepreneurName,
                    consultant: m.consultant.name,
                  })}
                </strong>
              </p>
              <p>
                {t("sc.traj.entrepreneurCommitment")}: {m.entrepreneurCommitment}
              </p>
              <p>
                {t("sc.traj.consultantCommitment")}: {m.consultantCommitment}
              </p>
            </li>
          ))}
        </ul>
      )}
      {v.mayAct && isActiveStage(c.stage) && c.stage !== "registered" ? (
        <TrajectoryForm
          action={`${v.url}/toezegging`}
          title={t("sc.traj.commitTitle")}
          text={c.stage === "intake" ? t("sc.traj.commitIntakeText") : undefined}
          submit={t("sc.traj.commitSubmit")}
          kind="secondary"
        >
          <CommitmentFields v={v} form="commit" />
        </TrajectoryForm>
      ) : null}
    </section>
  );
}

export function SessionSection({ v, sessions }: { v: TrajectoryView; sessions: Sessions }) {
  const { t, locale } = v.w;
  const { c } = v;
  const today = todayLocal(v.w.now);
  const f = fieldsOf(v, "session", { date: today, durationMinutes: "60" });
  return (
    <section class="section" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t("sc.traj.sessions")}</h2>
      <DataTable
        empty={sessions.length === 0 && t("sc.traj.noSessions")}
        t={t}
        caption={t("sc.traj.sessions")}
        columns={[t("sc.traj.date"), t("sc.traj.duration"), t("sc.traj.attendance"), t("sc.traj.experts"), t("sc.traj.note")]}
      >
        {sessions.map((s) => (
          <tr>
            <td>{day(s.date, locale, { short: true })}</td>
            <td>{t("sc.traj.minutes", { n: s.durationMinutes })}</td>
            <td>{attendanceLabel(s.attendance, t)}</td>
            <td>
              {s.experts.join(", ") || "—"}
              {s.voucherApplied ? ` (${t("sc.traj.voucherLegend")})` : ""}
            </td>
            <td>{s.note ?? "—"}</td>
          </tr>
        ))}
      </DataTable>
      {v.mayAct && isActiveStage(c.stage) && !c.decisionRequired ? (
        <TrajectoryForm action={`${v.url}/sessie`} title={t("sc.traj.sessionTitle")} submit={t("sc.traj.sessionSubmit")} kind="secondary">
          <f.Text id="f-session-date" name="date" type="date" label={t("sc.traj.date")} required width="m" max={today} />
          <f.Text
            id="f-session-duration"
            name="durationMinutes"
            type="number"
            label={t("sc.traj.duration")}
            required
            width="s"
            inputmode="numeric"
            min="5"
            max="600"
          />
          <f.Choices
            id="f-session-attendance"
            name="attendance"
            type="radio"
            legend={t("sc.traj.attendance")}
            options={(["attended", "no_show"] as const).map((a) => ({ value: a, label: attendanceLabel(a, t) }))}
            required
            inline
          />
          <f.Area id="f-session-note" name="note" label={t("sc.traj.note")} maxlength={500} />
          <f.Area id="f-session-experts" name="experts" label={t("sc.traj.experts")} hint={t("sc.traj.expertsHint")} />
          <f.Choices
            id="f-session-voucher"
            name="voucherApplied"
            type="checkbox"
            legend={t("sc.traj.voucherLegend")}
            options={[{ value: "yes", label: t("sc.traj.voucher") }]}
          />
        </TrajectoryForm>
      ) : null}
    </section>
  );
}

export function HistorySection({ v, history }: { v: TrajectoryView; history: History }) {
  const { t, locale } = v.w;
  return (
    <section class="section" aria-labelledby="history-title">
      <h2 id="history-title">{t("sc.traj.history")}</h2>
      <ol class="link-list">
        {history.map((h) => (
          <li>
            {day(isoDay(h.at), locale, { short: true })}: {h.from ? `${stageLabel(h.from, t)} → ` : ""}
            {stageLabel(h.to, t)}
            {h.decision ? ` (${h.decision === "go" ? "go" : "no-go"})` : ""}
            {h.actor ? ` · ${h.actor.name}` : ""}
            {h.referral ? ` · ${referralLabel(h.referral.kind, t)}: ${h.referral.name}` : ""}
            {h.note ? ` · ${h.note}` : ""}
          </li>
        ))}
      </ol>
    </section>
  );
}
