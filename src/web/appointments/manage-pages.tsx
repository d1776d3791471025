/**
 * The entrepreneur's own appointment through its manage link `/afspraak/<token>`, without an
 * account: the confirmation after booking, the overview, rescheduling and cancelling (the
 * same appointment services as the API's manage routes).
 */
import type { Child } from "hono/jsx";
import { RescheduleBody } from "../../features/appointments/appointments.schemas";
import { cancelAppointment } from "../../features/appointments/appointments.cancel";
import { appointmentReference, toOwnAppointmentDto } from "../../features/appointments/appointments.dto";
import { resolveManageToken } from "../../features/appointments/appointments.manage-link";
import { rescheduleAppointment } from "../../features/appointments/appointments.reschedule";
import { listDeskCalendar } from "../../features/availability/availability.service";
import { deliverSoon } from "../../features/notifications/notify";
import { assertSameOrigin } from "../../http/access";
import { DomainError } from "../../lib/errors";
import { linksFor } from "../../lib/links";
import { modeLabel, topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { ErrorSummary } from "../kit/fields";
import { field, parseForm, readForm, type FieldErrors, type FieldMap } from "../kit/form";
import { statusLabel, when } from "../kit/format";
import { errorText, render, seeOther, withQuery, pageRoute, type PageRoute } from "../kit/page";
import { FormActions } from "../kit/scaffolds";
import { Details, Notice, Panel } from "../kit/ui";
import { SlotRadios } from "./slot-picker";
import { MonthCalendar, calendarWindow, shownMonth } from "./month-calendar";
import { DateJump, NoTimes, askedDay, dayToShow } from "./date-jump";
import { PUBLIC } from "../../features/auth/policy";
import { VisitNotes, Where, calendarLinks, contactRows, PhoneLink } from "./visit";

/** The manage token in the path; 404 for anything that cannot be one. */
function tokenOf(w: Web): string {
  const token = w.c.req.param("token") ?? "";
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new DomainError("not_found", "Unknown link");
  return token;
}

/** The appointment of the link in the path. */
async function load(w: Web) {
  const token = tokenOf(w);
  const found = await resolveManageToken(w.c.var.db, token);
  w.region = found.scope.region;
  return { token, ...found, dto: toOwnAppointmentDto(found.row, found.desk, found.scope.region, w.now) };
}
type Loaded = Awaited<ReturnType<typeof load>>;

/** The rows that describe an appointment: when, where, topic, mode and (when given) the video link. */
function appointmentRows(w: Web, { row, desk }: Loaded, videoUrl: string | null | undefined): Array<[string, Child]> {
  const { t, locale } = w;
  return [
    [t("booking.when"), when(row.startAt, row.endAt, locale)],
    [t("booking.where"), <Where w={w} desk={desk} mode={row.mode} />],
    [t("booking.topic"), topicLabel(row.topic, locale)],
    [t("booking.mode"), modeLabel(row.mode, locale)],
    ...(videoUrl ? ([[t("manage.videoLink"), <a href={videoUrl}>{videoUrl}</a>]] as Array<[string, Child]>) : []),
    [t("visit.reference"), <strong class="reference">{appointmentReference(row.id)}</strong>],
    ...contactRows(w, desk),
  ];
}

/** The appointment in a highlighted panel, with its calendar file while it stands. */
function AppointmentPanel({ w, title, rows, calendar }: { w: Web; title: Child; rows: Array<[string, Child]>; calendar: Loaded | null }) {
  const links = calendar ? calendarLinksFor(w, calendar) : null;
  return (
    <Panel id="appt" title={title} class="panel--accent">
      <Details rows={rows} />
      {calendar && links ? (
        <p class="actions">
          <a class="button button--secondary" href={`/api/v1/appointments/${calendar.token}/ics`} download>
            {w.t("confirm.addToCalendar")}
          </a>
          <a href={links.google}>{w.t("visit.addGoogle")}</a>
          <a href={links.outlook}>{w.t("visit.addOutlook")}</a>
        </p>
      ) : null}
    </Panel>
  );
}

/** Google and Outlook links with the same facts as the calendar file. */
function calendarLinksFor(w: Web, { token, row, desk }: Loaded) {
  const { t, locale } = w;
  return calendarLinks({
    title: t("visit.calendarTitle", { desk: desk.name }),
    start: row.startAt,
    end: row.endAt,
    location: row.mode === "video" ? t("visit.online", { desk: desk.name }) : desk.address,
    details: t("visit.calendarDetails", {
      topic: topicLabel(row.topic, locale),
      reference: appointmentReference(row.id),
      manage: `${linksFor(w.c).origin}/afspraak/${token}`,
    }),
  });
}

export async function confirmationPage(w: Web) {
  const { t } = w;
  const loaded = await load(w);
  const { token, row, dto } = loaded;
  return render(w, {
    title: t("confirm.title"),
    body: (
      <>
        <div class="confirmation">
          <h1>{t("confirm.title")}</h1>
          <p class="lead">{t("confirm.lead", { email: row.email ?? "" })}</p>
        </div>
        <AppointmentPanel w={w} title={t("confirm.yourAppointment")} rows={appointmentRows(w, loaded, dto.videoUrl)} calendar={loaded} />
        <p class="small">{t("visit.referenceHint")}</p>
        <VisitNotes w={w} visitInfo={loaded.desk.visitInfo} accessInfo={loaded.desk.accessInfo} mode={row.mode} />
        <section class="section" aria-labelledby="manage-title">
          <h2 id="manage-title">{t("confirm.manageTitle")}</h2>
          <p>{t("confirm.manageText")}</p>
          <p class="manage-link">
            <a href={`/afspraak/${token}`}>{`${linksFor(w.c).origin}/afspraak/${token}`}</a>
          </p>
          <p class="small">{t("confirm.manageKeep")}</p>
        </section>
      </>
    ),
  });
}

/** What may happen next: change until the cut-off, call after it, book again once cancelled. */
function NextSteps({ w, loaded }: { w: Web; loaded: Loaded }) {
  const { t, locale } = w;
  const { token, row, desk, dto, scope } = loaded;
  if (dto.canChange) {
    const deadline = Date.parse(dto.changeDeadline);
    return (
      <section class="section" aria-labelledby="change-title">
        <h2 id="change-title">{t("manage.changeTitle")}</h2>
        <p>{t("manage.changeUntil", { deadline: when(deadline, deadline, locale).replace(/–.*$/, "") })}</p>
        <p class="actions">
          <a class="button button--primary" href={`/afspraak/${token}/verzetten`}>
            {t("manage.reschedule")}
          </a>
          <a class="button button--warning" href={`/afspraak/${token}/annuleren`}>
            {t("manage.cancel")}
          </a>
        </p>
      </section>
    );
  }
  if (row.status === "confirmed") {
    return (
      <Notice kind="info" title={t("manage.tooLateTitle")}>
        <p>
          {desk.phone ? (
            <>
              {t("manage.tooLateCallBefore")} <PhoneLink phone={desk.phone} />.
            </>
          ) : (
            t("manage.tooLate")
          )}
        </p>
      </Notice>
    );
  }
  if (row.status !== "cancelled") return null;
  return (
    <p>
      <a class="button button--primary" href={`/boeken/${scope.region.slug}`}>
        {t("manage.bookAgain")}
      </a>
    </p>
  );
}

export async function managePage(w: Web) {
  const { t } = w;
  const loaded = await load(w);
  const { row, dto } = loaded;
  const done = w.c.req.query("klaar");
  const optionalRows = (
    [
      [t("booking.phone"), row.phone],
      [t("booking.company"), row.companyName],
      [t("booking.kvk"), row.kvkNumber],
      [t("booking.question"), row.question],
    ] as Array<[string, string | null]>
  ).filter((r): r is [string, string] => Boolean(r[1]));
  return render(w, {
    title: t("manage.title"),
    body: (
      <>
        <h1>{t("manage.title")}</h1>
        {done === "verzet" || done === "geannuleerd" ? (
          <Notice kind="success" title={t(done === "verzet" ? "manage.rescheduled" : "manage.cancelled")}>
            <p>{t("manage.mailSent")}</p>
          </Notice>
        ) : null}
        <AppointmentPanel
          w={w}
          title={
            <>
              {t("confirm.yourAppointment")} <span class={`status status--${row.status}`}>{statusLabel(row.status, t)}</span>
            </>
          }
          rows={[
            ...appointmentRows(w, loaded, row.status === "confirmed" ? dto.videoUrl : null),
            [t("booking.name"), row.name ?? "—"],
            [t("booking.email"), row.email ?? "—"],
            ...optionalRows,
          ]}
          calendar={row.status === "confirmed" ? loaded : null}
        />
        <NextSteps w={w} loaded={loaded} />
        {row.status === "confirmed" ? <VisitNotes w={w} visitInfo={loaded.desk.visitInfo} accessInfo={loaded.desk.accessInfo} mode={row.mode} /> : null}
      </>
    ),
  });
}

/** A page that changes the appointment: its heading, what went wrong, a lead, then the rest. */
function changePage(w: Web, p: { title: string; errors: FieldErrors; status: number; lead: string }, content: Child) {
  const body = (
    <>
      <h1>{p.title}</h1>
      <ErrorSummary t={w.t} errors={p.errors} />
      <p class="lead">{p.lead}</p>
      {content}
    </>
  );
  return render(w, { title: p.title, status: p.status, body });
}

/** The appointment for a change page, or the overview when it can no longer change (and nothing failed). */
async function changeable(w: Web, errors: FieldErrors): Promise<Loaded | Response> {
  const loaded = await load(w);
  return !loaded.dto.canChange && errors.length === 0 ? seeOther(w, `/afspraak/${loaded.token}`) : loaded;
}

export async function cancelPage(w: Web, errors: FieldErrors = [], status = 200) {
  const { t, locale } = w;
  const loaded = await changeable(w, errors);
  if (loaded instanceof Response) return loaded;
  const { token, row } = loaded;
  const lead = t("cancel.question", { when: when(row.startAt, row.endAt, locale) });
  return changePage(
    w,
    { title: t("cancel.title"), errors, status, lead },
    <>
      <p>{t("cancel.freed")}</p>
      <form method="post" action={`/afspraak/${token}/annuleren`} class="form" novalidate>
        <FormActions submit={t("cancel.confirm")} kind="warning" cancel={{ href: `/afspraak/${token}`, label: t("cancel.keep") }} />
      </form>
    </>,
  );
}

export async function cancelSubmit(w: Web) {
  assertSameOrigin(w.c);
  const token = tokenOf(w);
  try {
    await cancelAppointment(w.c.var.db, token, { now: w.now, links: linksFor(w.c) });
  } catch (error) {
    if (error instanceof DomainError && (error.code === "too_late" || error.code === "conflict")) {
      return cancelPage(w, [{ id: "", message: errorText(w, error.code) }], 409);
    }
    throw error;
  }
  deliverSoon(w.c);
  return seeOther(w, `/afspraak/${token}?klaar=geannuleerd`);
}

export async function reschedulePage(w: Web, errors: FieldErrors = [], status = 200) {
  const { t, locale } = w;
  const loaded = await changeable(w, errors);
  if (loaded instanceof Response) return loaded;
  const { token, row, desk, scope } = loaded;
  const asked = askedDay(w);
  const win = calendarWindow(asked.month, asked.date, w.now);
  // The current time is not a time to move to.
  const days = (await listDeskCalendar(scope, desk.id, { from: win.from, to: win.to, mode: row.mode }, w.now)).map((d) => ({
    ...d,
    slots: d.slots.filter((s) => s.start !== row.startAt),
  }));
  const month = shownMonth(win.months, days);
  const selected = dayToShow(days, month, asked);
  const base = `/afspraak/${token}/verzetten`;
  const lead = t("reschedule.current", { when: when(row.startAt, row.endAt, locale), desk: desk.name });
  return changePage(
    w,
    { title: t("reschedule.title"), errors, status: asked.error && status === 200 ? 400 : status, lead },
    <>
      <MonthCalendar
        t={t}
        locale={locale}
        month={month}
        days={days}
        selected={selected?.date ?? null}
        now={w.now}
        href={(p, anchor) => `${withQuery(base, p)}#${anchor}`}
      />
      {selected ? (
        <form method="post" action={withQuery(base, { date: selected.date })} class="form" id="tijden" novalidate>
          <SlotRadios t={t} locale={locale} group={selected} error={errors.find((e) => e.id === "f-start")?.message} />
          <FormActions submit={t("reschedule.submit")} cancel={{ href: `/afspraak/${token}`, label: t("reschedule.keep") }} />
        </form>
      ) : (
        <NoTimes t={t} locale={locale} days={days} asked={asked} />
      )}
      <DateJump w={w} action={base} asked={asked} selected={selected?.date ?? null} />
    </>,
  );
}

const RESCHEDULE_FIELDS: FieldMap = [["start", "f-start", "err.slot"]];

export async function rescheduleSubmit(w: Web) {
  assertSameOrigin(w.c);
  const token = tokenOf(w);
  const parsed = parseForm(w.t, RescheduleBody, { start: field(await readForm(w), "start") }, RESCHEDULE_FIELDS);
  if (!parsed.ok) return reschedulePage(w, parsed.errors, 400);
  try {
    await rescheduleAppointment(w.c.var.db, token, parsed.value.start, { now: w.now, links: linksFor(w.c) });
  } catch (error) {
    if (error instanceof DomainError && (error.code === "slot_unavailable" || error.code === "too_late" || error.code === "conflict")) {
      return reschedulePage(w, [{ id: error.code === "slot_unavailable" ? "f-start" : "", message: errorText(w, error.code) }], 409);
    }
    throw error;
  }
  deliverSoon(w.c);
  return seeOther(w, `/afspraak/${token}?klaar=verzet`);
}

export const managePages: PageRoute[] = [
  pageRoute("get", "/afspraak/:token/bevestigd", PUBLIC, confirmationPage),
  pageRoute("get", "/afspraak/:token", PUBLIC, managePage),
  pageRoute("get", "/afspraak/:token/annuleren", PUBLIC, (w) => cancelPage(w)),
];

export const changePages: PageRoute[] = [
  pageRoute("post", "/afspraak/:token/annuleren", PUBLIC, cancelSubmit),
  pageRoute("get", "/afspraak/:token/verzetten", PUBLIC, (w) => reschedulePage(w)),
  pageRoute("post", "/afspraak/:token/verzetten", PUBLIC, rescheduleSubmit),
];
