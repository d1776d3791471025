/**
 * An event's participants for its organiser (`…/evenementen/:id/deelnemers`): the confirmed
 * participants with attendance per session (marked from the session's start, one button per
 * state), the invitation to the Support Process for attendees who agreed, and the wait-list
 * in order. The services `listParticipants`, `markAttendance` and `inviteCandidate`.
 */
import type { EventAdmin, Participant } from "../../features/events/events.dto";
import { AttendanceBody, ParticipantsQuery } from "../../features/events/events.schemas";
import { getOrganiserEvent, inviteCandidate, listParticipants, markAttendance } from "../../features/events/organiser.service";
import { deliverSoon } from "../../features/notifications/notify";
import { requireActor } from "../../lib/context";
import { decodeOffsetCursor, encodeOffsetCursor } from "../../lib/cursor";
import { DomainError } from "../../lib/errors";
import { linksFor } from "../../lib/links";
import type { Web } from "../kit/context";
import { ErrorSummary } from "../kit/fields";
import { field, parseForm, readForm, type FieldErrors } from "../kit/form";
import { pageRoute, render, seeOther, withQuery, type PageRoute } from "../kit/page";
import { DataTable, Notice, numCol } from "../kit/ui";
import { sessionWhen } from "./shared";
import { bothAreas, eventIdOf, ORGANISATION_ORGANISERS, organiserOf, OrganiserCrumbs, REGION_ORGANISERS, type Organiser } from "./organiser-shared";

const PAGE = 100;

/** A small POST form with one button (its hidden fields and a label that names the row). */
function PostButton(p: { action: string; label: string; hidden: Record<string, string>; row: string; current?: boolean }) {
  return (
    <form method="post" action={p.action} class="inline-form">
      {Object.entries(p.hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={`button button--${p.current ? "primary" : "secondary"} button--small`} aria-pressed={p.current ? "true" : "false"}>
        {p.label}
        <span class="visually-hidden"> {p.row}</span>
      </button>
    </form>
  );
}

/** One session's attendance of one participant: the state, and buttons once the session started. */
function AttendanceCell({ w, o, e, p, index }: { w: Web; o: Organiser; e: EventAdmin; p: Participant; index: number }) {
  const { t } = w;
  const session = e.sessions[index];
  if (!session || Date.parse(session.start) > w.now || e.status !== "published") return <td>{t("evo.p.notYet")}</td>;
  const state = p.attendance[index] ?? null;
  const row = `${p.name ?? ""}, ${t("evo.p.session", { n: index + 1 })}`;
  const action = `${o.base}/${e.id}/aanwezigheid`;
  const hidden = (attended: boolean) => ({ registrationId: p.id, sessionIndex: String(index), attended: attended ? "yes" : "no" });
  return (
    <td>
      <span class="visually-hidden">{state === null ? t("evo.p.unmarked") : state ? t("evo.p.present") : t("evo.p.absent")}</span>
      <PostButton action={action} label={t("evo.p.markPresent")} hidden={hidden(true)} row={row} current={state === true} />
      <PostButton action={action} label={t("evo.p.markAbsent")} hidden={hidden(false)} row={row} current={state === false} />
    </td>
  );
}

function CandidateCell({ w, o, e, p }: { w: Web; o: Organiser; e: EventAdmin; p: Participant }) {
  const { t } = w;
  if (p.candidateRegistered) return <td>{t("evo.p.registered")}</td>;
  if (p.candidateInvitedAt) return <td>{t("evo.p.invited")}</td>;
  if (!p.followUpConsent || !p.attendance.some((a) => a === true)) return <td>—</td>;
  return (
    <td>
      <PostButton action={`${o.base}/${e.id}/deelnemers/${p.id}/uitnodigen`} label={t("evo.p.invite")} hidden={{}} row={p.name ?? ""} />
    </td>
  );
}

async function participantsPage(w: Web, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const o = organiserOf(w);
  const id = eventIdOf(w);
  const cursor = w.c.req.query("cursor");
  const query = parseForm(t, ParticipantsQuery, cursor ? { cursor } : {}, []);
  const offset = query.ok ? decodeOffsetCursor(query.value.cursor) : 0;
  const [e, page] = await Promise.all([getOrganiserEvent(o.scope, id), listParticipants(o.scope, id, { limit: PAGE, offset })]);
  const confirmed = page.participants.filter((p) => p.status === "confirmed");
  const waiting = page.participants.filter((p) => p.status === "waitlisted");
  const base = `${o.base}/${e.id}/deelnemers`;
  const done = w.c.req.query("klaar");
  const sessionCols = e.sessions.map((s, i) => `${t("evo.p.session", { n: i + 1 })} (${sessionWhen(w, s)})`);
  return render(w, {
    title: `${t("evo.p.title")}: ${e.title}`,
    status,
    body: (
      <>
        <OrganiserCrumbs w={w} o={o} event={e} page={t("evo.p.title")} />
        <h1>{`${t("evo.p.title")}: ${e.title}`}</h1>
        {done === "aanwezigheid" ? <Notice kind="success" title={t("evo.done.attendance")} /> : null}
        {done === "uitgenodigd" ? <Notice kind="success" title={t("evo.done.invited")} /> : null}
        <ErrorSummary t={t} errors={errors} />
        <p class="actions">
          <a class="button button--secondary" href={o.csv(e.id)} download>
            {t("evo.page.csv")}
          </a>
          {e.status === "published" ? <a href={`${o.base}/${e.id}/bericht`}>{t("evo.page.message")}</a> : null}
        </p>
        <DataTable
          t={t}
          titled
          caption={t("evo.p.confirmed", { n: e.counts.confirmed })}
          columns={[t("evo.p.name"), t("evo.p.company"), t("evo.p.email"), t("evo.p.followUp"), ...sessionCols, t("evo.p.candidate")]}
          empty={confirmed.length === 0 ? t("evo.p.none") : false}
        >
          {confirmed.map((p) => (
            <tr id={`r-${p.id}`}>
              <th scope="row">{p.name ?? t("evo.p.erased")}</th>
              <td>{p.companyName ?? ""}</td>
              <td>{p.email ?? ""}</td>
              <td>{p.followUpConsent ? t("evo.p.yes") : t("evo.p.no")}</td>
              {e.sessions.map((_, i) => (
                <AttendanceCell w={w} o={o} e={e} p={p} index={i} />
              ))}
              <CandidateCell w={w} o={o} e={e} p={p} />
            </tr>
          ))}
        </DataTable>
        <DataTable
          t={t}
          titled
          caption={t("evo.p.waitlist", { n: e.counts.waitlisted })}
          columns={[numCol(t("evo.p.position")), t("evo.p.name"), t("evo.p.company"), t("evo.p.email")]}
          empty={waiting.length === 0 ? t("evo.p.noneWaiting") : false}
        >
          {waiting.map((p) => (
            <tr>
              <td class="num">{p.position ?? ""}</td>
              <th scope="row">{p.name ?? t("evo.p.erased")}</th>
              <td>{p.companyName ?? ""}</td>
              <td>{p.email ?? ""}</td>
            </tr>
          ))}
        </DataTable>
        {e.counts.cancelled > 0 ? <p>{t("evo.p.cancelled", { n: e.counts.cancelled })}</p> : null}
        {page.more ? (
          <p>
            <a href={withQuery(base, { cursor: encodeOffsetCursor(offset + PAGE) })}>{t("evo.p.more")}</a>
          </p>
        ) : null}
      </>
    ),
  });
}

/** A refusal of the service (not started, not confirmed, not attended, …) shown on the list. */
async function orConflict(w: Web, action: () => Promise<void>, done: string): Promise<Response> {
  const o = organiserOf(w);
  try {
    await action();
  } catch (error) {
    if (error instanceof DomainError && (error.code === "conflict" || error.code === "validation_failed")) {
      return participantsPage(w, [{ id: "", message: w.t("evo.p.conflict") }], error.code === "conflict" ? 409 : 400);
    }
    throw error;
  }
  return seeOther(w, `${o.base}/${eventIdOf(w)}/deelnemers?klaar=${done}`);
}

async function attendanceSubmit(w: Web) {
  const o = organiserOf(w);
  const form = await readForm(w);
  const index = field(form, "sessionIndex");
  const body = {
    registrationId: field(form, "registrationId"),
    sessionIndex: /^\d{1,2}$/.test(index) ? Number(index) : Number.NaN,
    attended: field(form, "attended") === "yes",
  };
  const parsed = parseForm(w.t, AttendanceBody, body, []);
  if (!parsed.ok) return participantsPage(w, [{ id: "", message: w.t("evo.p.conflict") }], 400);
  return orConflict(
    w,
    async () => {
      await markAttendance(o.scope, requireActor(w.c), eventIdOf(w), parsed.value, w.now);
    },
    "aanwezigheid",
  );
}

async function inviteSubmit(w: Web) {
  const o = organiserOf(w);
  return orConflict(
    w,
    async () => {
      await inviteCandidate(o.scope, requireActor(w.c), eventIdOf(w), w.c.req.param("registrationId") ?? "", { now: w.now, links: linksFor(w.c) });
      deliverSoon(w.c);
    },
    "uitgenodigd",
  );
}

const [regionList, partnerList] = bothAreas("/:id/deelnemers");
const [regionAttendance, partnerAttendance] = bothAreas("/:id/aanwezigheid");
const [regionInvite, partnerInvite] = bothAreas("/:id/deelnemers/:registrationId/uitnodigen");

export const participantPages: PageRoute[] = [
  pageRoute("get", regionList, REGION_ORGANISERS, (w) => participantsPage(w)),
  pageRoute("get", partnerList, ORGANISATION_ORGANISERS, (w) => participantsPage(w)),
  pageRoute("post", regionAttendance, REGION_ORGANISERS, attendanceSubmit),
  pageRoute("post", partnerAttendance, ORGANISATION_ORGANISERS, attendanceSubmit),
  pageRoute("post", regionInvite, REGION_ORGANISERS, inviteSubmit),
  pageRoute("post", partnerInvite, ORGANISATION_ORGANISERS, inviteSubmit),
];
