/** The staff agenda of one day (frontdesk staff: their own desks), with earlier no-shows and the outcome buttons. */
import { getAgenda, markOutcome } from "../../features/appointments/agenda.service";
import { rolesAccess } from "../../features/auth/policy";
import { DomainError } from "../../lib/errors";
import { addDays, isCalendarDate, localDate, todayLocal } from "../../lib/time";
import { modeLabel, topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { SelectField, TextArea, TextField } from "../kit/fields";
import { field, readForm } from "../kit/form";
import { day, statusLabel, time, when } from "../kit/format";
import { actorOf, render, seeOther, withQuery, scopeOf, pageRoute, type PageRoute } from "../kit/page";
import { FormActions } from "../kit/scaffolds";
import { staffProfilePath } from "../entrepreneurs/staff-profile";
import { Notice } from "../kit/ui";
import { ReferLink } from "../referrals/refer-form";

const STAFF = rolesAccess("region_admin", "frontdesk_staff");

type AgendaItem = Awaited<ReturnType<typeof getAgenda>>["appointments"][number];

/** One outcome button, pressed when it is the recorded outcome. */
function OutcomeButton({ w, a, outcome }: { w: Web; a: AgendaItem; outcome: "completed" | "no_show" }) {
  return (
    <button type="submit" name="outcome" value={outcome} class="button button--secondary button--small" aria-pressed={a.status === outcome ? "true" : "false"}>
      {w.t(outcome === "completed" ? "agenda.markCompleted" : "agenda.markNoShow")}
      <span class="visually-hidden">
        {" "}
        ({a.entrepreneur.name ?? ""}, {time(Date.parse(a.start))})
      </span>
    </button>
  );
}

function AgendaEntry({ w, a, date, frontdeskId }: { w: Web; a: AgendaItem; date: string; frontdeskId: string | undefined }) {
  const { t, locale } = w;
  const start = Date.parse(a.start);
  const base = `/beheer/${w.region?.slug ?? ""}`;
  return (
    <li class={`agenda-item agenda-item--${a.status}`}>
      <div class="agenda-item__time">
        <strong>
          {time(start)}–{time(Date.parse(a.end))}
        </strong>
        <span class={`status status--${a.status}`}>{statusLabel(a.status, t)}</span>
      </div>
      <div class="agenda-item__body">
        <h2 class="agenda-item__name">{a.entrepreneur.name ?? t("agenda.anonymised")}</h2>
        <p class="agenda-item__meta">
          {[a.entrepreneur.companyName, a.entrepreneur.kvkNumber ? `KvK ${a.entrepreneur.kvkNumber}` : null].filter(Boolean).join(" · ")}
        </p>
        <p>
          {topicLabel(a.topic, locale)} · {modeLabel(a.mode, locale)} · {a.frontdeskName}
        </p>
        <p>
          {a.entrepreneur.email ? <a href={`mailto:${a.entrepreneur.email}`}>{a.entrepreneur.email}</a> : null}
          {a.entrepreneur.phone ? (
            <>
              {" · "}
              <a href={`tel:${a.entrepreneur.phone}`}>{a.entrepreneur.phone}</a>
            </>
          ) : null}
        </p>
        {a.question ? <p class="agenda-item__question">{a.question}</p> : null}
        {a.hasProfile ? (
          <p>
            <span class="tag">{t("me.staff.hasProfile")}</span>{" "}
            <a href={staffProfilePath(w.region?.slug ?? "", a.id)}>
              {t("me.staff.viewProfile")}
              <span class="visually-hidden">
                {" "}
                ({a.entrepreneur.name ?? ""}, {time(start)})
              </span>
            </a>
          </p>
        ) : null}
        {a.earlierNoShows > 0 ? (
          <p class="badge badge--warning">{a.earlierNoShows === 1 ? t("agenda.noShowOnce") : t("agenda.noShowMany", { n: a.earlierNoShows })}</p>
        ) : null}
        {a.entrepreneur.name && a.status !== "cancelled" ? (
          <p>
            <a href={`${base}/kandidaten/nieuw?afspraak=${a.id}`}>
              {t("sc.agendaRegister")}
              <span class="visually-hidden">
                {" "}
                ({a.entrepreneur.name}, {time(start)})
              </span>
            </a>
          </p>
        ) : null}
        {a.entrepreneur.name && a.canMarkOutcome ? (
          <p class="no-print">
            <ReferLink w={w} query={{ afspraak: a.id }} row={`${a.entrepreneur.name}, ${time(start)}`} />
          </p>
        ) : null}
        {a.outcomeNote && !a.canMarkOutcome ? (
          <p>
            <strong>{t("sa.noteShown")}</strong> {a.outcomeNote}
          </p>
        ) : null}
        {a.videoUrl ? (
          <p>
            <a href={a.videoUrl}>{t("agenda.videoLink")}</a>
          </p>
        ) : null}
      </div>
      {a.canMarkOutcome ? (
        <form method="post" action={`${base}/afspraken/${a.id}/uitkomst`} class="agenda-item__actions no-print">
          <input type="hidden" name="date" value={date} />
          {frontdeskId ? <input type="hidden" name="frontdeskId" value={frontdeskId} /> : null}
          <TextArea
            t={t}
            id={`f-note-${a.id}`}
            name="note"
            label={t("sa.note")}
            hint={t("sa.noteHint")}
            errors={[]}
            value={a.outcomeNote ?? ""}
            maxlength={1000}
          />
          <OutcomeButton w={w} a={a} outcome="completed" />
          <OutcomeButton w={w} a={a} outcome="no_show" />
        </form>
      ) : a.status === "confirmed" ? (
        <div class="agenda-item__actions no-print">
          <p class="hint">{t("sa.outcomeFrom", { time: time(start) })}</p>
          <p class="actions-list">
            <a href={withQuery(`${base}/afspraken/${a.id}/verzetten`, { date: localDate(start) })}>
              {t("sa.move")}
              <span class="visually-hidden">
                {" "}
                ({a.entrepreneur.name ?? ""}, {time(start)})
              </span>
            </a>
            <a href={`${base}/afspraken/${a.id}/annuleren`}>
              {t("sa.cancel")}
              <span class="visually-hidden">
                {" "}
                ({a.entrepreneur.name ?? ""}, {time(start)})
              </span>
            </a>
          </p>
        </div>
      ) : null}
    </li>
  );
}

const DONE = { geboekt: "sa.booked", geannuleerd: "sa.cancelled", verzet: "sa.moved", uitkomst: "sa.outcomeSaved" } as const;

/** The success message after a change, naming the appointment (who, when, where). */
function DoneNotice({ w, appointments }: { w: Web; appointments: AgendaItem[] }) {
  const done = w.c.req.query("klaar") ?? "";
  if (!done) return null;
  const key = done in DONE ? DONE[done as keyof typeof DONE] : "sa.outcomeSaved";
  const a = appointments.find((x) => x.id === w.c.req.query("afspraak"));
  if (!a) return <Notice kind="success" title={w.t("agenda.saved")} />;
  const what = `${a.entrepreneur.name ?? w.t("agenda.anonymised")}, ${when(Date.parse(a.start), Date.parse(a.end), w.locale)}, ${a.frontdeskName}`;
  return <Notice kind="success" title={w.t(key, { what })} />;
}

export async function agendaPage(w: Web) {
  const { t, locale } = w;
  const scope = scopeOf(w);
  const actor = actorOf(w);
  const askedDate = w.c.req.query("date");
  const today = todayLocal(w.now);
  const date = askedDate && isCalendarDate(askedDate) ? askedDate : today;
  // One read: the day at every desk the actor may see, and those desks; an asked desk is picked out here.
  const visibleDay = await getAgenda(scope, actor, { date }, w.now);
  const desks = visibleDay.desks;
  const askedDesk = w.c.req.query("frontdeskId");
  const frontdeskId = desks.some((d) => d.id === askedDesk) ? askedDesk : undefined;
  const agenda = frontdeskId ? { ...visibleDay, appointments: visibleDay.appointments.filter((a) => a.frontdeskId === frontdeskId) } : visibleDay;
  const base = `/beheer/${scope.region.slug}/agenda`;
  return render(w, {
    title: t("agenda.title"),
    body: (
      <>
        <h1>
          {t("agenda.title")} <span class="subtitle">{day(date, locale)}</span>
        </h1>
        <DoneNotice w={w} appointments={agenda.appointments} />
        <nav class="pager" aria-label={t("agenda.dayNav")}>
          <a href={withQuery(base, { date: addDays(date, -1), frontdeskId })}>{t("agenda.prevDay")}</a>
          {date !== today ? <a href={withQuery(base, { frontdeskId })}>{t("agenda.today")}</a> : null}
          <a href={withQuery(base, { date: addDays(date, 1), frontdeskId })}>{t("agenda.nextDay")}</a>
          <a href={withQuery(`${base}/week`, { date, frontdeskId })}>{t("sa.weekView")}</a>
          <a href={withQuery(`${base}/daglijst`, { date, frontdeskId })}>{t("sa.dayList")}</a>
          <a href={withQuery(`/beheer/${scope.region.slug}/afspraken/nieuw`, { date: date >= today ? date : today, frontdeskId })}>{t("sa.newAppointment")}</a>
        </nav>
        <form method="get" action={base} class="form form--inline panel" novalidate>
          <TextField t={t} id="f-date" name="date" type="date" label={t("agenda.date")} errors={[]} value={date} width="m" />
          <SelectField
            t={t}
            id="f-desk"
            name="frontdeskId"
            label={t("agenda.desk")}
            errors={[]}
            value={frontdeskId}
            options={desks.map((d) => ({ value: d.id, label: d.name }))}
            empty={t("agenda.allDesks")}
          />
          <FormActions submit={t("agenda.show")} kind="secondary" />
        </form>
        {agenda.appointments.length === 0 ? (
          <p class="empty">{t("agenda.empty")}</p>
        ) : (
          <ul class="agenda">
            {agenda.appointments.map((a) => (
              <AgendaEntry w={w} a={a} date={date} frontdeskId={frontdeskId} />
            ))}
          </ul>
        )}
      </>
    ),
  });
}

export async function outcomeSubmit(w: Web) {
  const scope = scopeOf(w);
  const form = await readForm(w);
  const outcome = field(form, "outcome");
  if (outcome !== "completed" && outcome !== "no_show") throw new DomainError("validation_failed", "Choose an outcome");
  const id = w.c.req.param("id") ?? "";
  const note = field(form, "note").trim().slice(0, 1000);
  await markOutcome(scope, actorOf(w), id, { outcome, note: note || undefined }, w.now);
  const date = field(form, "date");
  return seeOther(
    w,
    withQuery(`/beheer/${scope.region.slug}/agenda`, {
      date: isCalendarDate(date) ? date : undefined,
      frontdeskId: field(form, "frontdeskId") || undefined,
      klaar: "uitkomst",
      afspraak: id,
    }),
  );
}

export const agendaPages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/agenda", STAFF, agendaPage),
  pageRoute("post", "/beheer/:region/afspraken/:id/uitkomst", STAFF, outcomeSubmit),
];
