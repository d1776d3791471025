/** The manage link `/afspraak/<token>`: see, reschedule or cancel one's own appointment, without an account. */
import type { Hono } from "hono";
import * as v from "valibot";
import type { AppEnv } from "../lib/context";
import { DomainError } from "../lib/errors";
import { linksFor } from "../lib/links";
import { assertSameOrigin } from "../features/auth/policy";
import { listDeskSlots } from "../features/availability/availability.service";
import { RescheduleBody } from "../features/appointments/appointments.schemas";
import { cancelAppointment, rescheduleAppointment, resolveManageToken, toOwnAppointmentDto } from "../features/appointments/appointments.service";
import { deliverSoon } from "../features/notifications/notify";
import { field, page, readForm, render, seeOther, withQuery, type FieldErrors, type Web } from "./web";
import type { Child } from "hono/jsx";
import { Details, ErrorSummary, Notice } from "./layout";
import { modeLabel, statusLabel, topicLabel, when } from "./format";
import { DayPicker, SlotRadios, groupByDay, selectedDay, slotWindow } from "./slots-view";

function tokenOf(w: Web): string {
  const token = w.c.req.param("token") ?? "";
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new DomainError("not_found", "Unknown link");
  return token;
}

async function load(w: Web) {
  const token = tokenOf(w);
  const found = await resolveManageToken(w.c.var.db, token);
  w.region = found.scope.region;
  return { token, ...found, dto: toOwnAppointmentDto(found.row, found.desk, found.scope.region, w.now) };
}

/** The rows that describe an appointment: when, where, topic, mode and (when given) the video link. */
export function appointmentRows(
  { t, locale }: Web,
  row: { startAt: number; endAt: number; mode: string; topic: string },
  desk: { name: string; address: string },
  videoUrl: string | null | undefined,
): Array<[string, Child]> {
  return [
    [t("booking.when"), when(row.startAt, row.endAt, locale)],
    [t("booking.where"), row.mode === "video" ? t("manage.videoAt", { desk: desk.name }) : `${desk.name}, ${desk.address}`],
    [t("booking.topic"), topicLabel(row.topic, locale)],
    [t("booking.mode"), modeLabel(row.mode, t)],
    ...(videoUrl ? ([[t("manage.videoLink"), <a href={videoUrl}>{videoUrl}</a>]] as Array<[string, Child]>) : []),
  ];
}

async function managePage(w: Web) {
  const { t, locale } = w;
  const { token, row, desk, dto, scope } = await load(w);
  const done = w.c.req.query("klaar");
  const changeDeadline = Date.parse(dto.changeDeadline);
  return render(w, {
    title: t("manage.title"),
    body: (
      <>
        <h1>{t("manage.title")}</h1>
        {done === "verzet" ? (
          <Notice kind="success" title={t("manage.rescheduled")}>
            <p>{t("manage.mailSent")}</p>
          </Notice>
        ) : null}
        {done === "geannuleerd" ? (
          <Notice kind="success" title={t("manage.cancelled")}>
            <p>{t("manage.mailSent")}</p>
          </Notice>
        ) : null}
        <section class="panel panel--accent" aria-labelledby="appt-title">
          <h2 id="appt-title" class="heading-3">
            {t("confirm.yourAppointment")} <span class={`status status--${row.status}`}>{statusLabel(row.status, t)}</span>
          </h2>
          <Details
            rows={[
              ...appointmentRows(w, row, desk, row.status === "confirmed" ? dto.videoUrl : null),
              [t("booking.name"), row.name ?? "—"],
              [t("booking.email"), row.email ?? "—"],
              ...(row.phone ? ([[t("booking.phone"), row.phone]] as Array<[string, string]>) : []),
              ...(row.companyName ? ([[t("booking.company"), row.companyName]] as Array<[string, string]>) : []),
              ...(row.kvkNumber ? ([[t("booking.kvk"), row.kvkNumber]] as Array<[string, string]>) : []),
              ...(row.question ? ([[t("booking.question"), row.question]] as Array<[string, string]>) : []),
            ]}
          />
          {row.status === "confirmed" ? (
            <p>
              <a class="button button--secondary" href={`/api/v1/appointments/${token}/ics`} download>
                {t("confirm.addToCalendar")}
              </a>
            </p>
          ) : null}
        </section>
        {dto.canChange ? (
          <section class="section" aria-labelledby="change-title">
            <h2 id="change-title">{t("manage.changeTitle")}</h2>
            <p>{t("manage.changeUntil", { deadline: when(changeDeadline, changeDeadline, locale).replace(/–.*$/, "") })}</p>
            <p class="actions">
              <a class="button button--primary" href={`/afspraak/${token}/verzetten`}>
                {t("manage.reschedule")}
              </a>
              <a class="button button--warning" href={`/afspraak/${token}/annuleren`}>
                {t("manage.cancel")}
              </a>
            </p>
          </section>
        ) : row.status === "confirmed" ? (
          <Notice kind="info" title={t("manage.tooLateTitle")}>
            <p>{desk.phone ? t("manage.tooLateCall", { phone: desk.phone }) : t("manage.tooLate")}</p>
          </Notice>
        ) : row.status === "cancelled" ? (
          <p>
            <a class="button button--primary" href={`/boeken/${scope.region.slug}`}>
              {t("manage.bookAgain")}
            </a>
          </p>
        ) : null}
      </>
    ),
  });
}

async function cancelPage(w: Web, errors: FieldErrors = [], status = 200) {
  const { t, locale } = w;
  const { token, row, dto } = await load(w);
  if (!dto.canChange && errors.length === 0) return seeOther(w, `/afspraak/${token}`);
  return render(w, {
    title: t("cancel.title"),
    status,
    body: (
      <>
        <h1>{t("cancel.title")}</h1>
        <ErrorSummary t={t} errors={errors} />
        <p class="lead">{t("cancel.question", { when: when(row.startAt, row.endAt, locale) })}</p>
        <p>{t("cancel.freed")}</p>
        <form method="post" action={`/afspraak/${token}/annuleren`} class="form" novalidate>
          <div class="form__actions">
            <button type="submit" class="button button--warning">
              {t("cancel.confirm")}
            </button>
            <a href={`/afspraak/${token}`}>{t("cancel.keep")}</a>
          </div>
        </form>
      </>
    ),
  });
}

async function cancelSubmit(w: Web) {
  assertSameOrigin(w.c);
  const token = tokenOf(w);
  try {
    await cancelAppointment(w.c.var.db, token, { now: w.now, links: linksFor(w.c) });
  } catch (error) {
    if (error instanceof DomainError && (error.code === "too_late" || error.code === "conflict")) {
      return cancelPage(w, [{ id: "", message: w.t(error.code === "too_late" ? "error.tooLate" : "error.conflict") }], 409);
    }
    throw error;
  }
  deliverSoon(w.c);
  return seeOther(w, `/afspraak/${token}?klaar=geannuleerd`);
}

async function reschedulePage(w: Web, errors: FieldErrors = [], status = 200) {
  const { t, locale } = w;
  const { token, row, desk, dto, scope } = await load(w);
  if (!dto.canChange && errors.length === 0) return seeOther(w, `/afspraak/${token}`);
  const win = slotWindow(w.c.req.query("from"), w.now);
  const slots = (await listDeskSlots(scope, desk.id, { from: win.from, to: win.to, mode: row.mode }, w.now)).filter((s) => s.start !== row.startAt);
  const days = groupByDay(slots, win.from, win.to);
  const selected = selectedDay(days, w.c.req.query("date"));
  const base = `/afspraak/${token}/verzetten`;
  return render(w, {
    title: t("reschedule.title"),
    status,
    body: (
      <>
        <h1>{t("reschedule.title")}</h1>
        <ErrorSummary t={t} errors={errors} />
        <p class="lead">{t("reschedule.current", { when: when(row.startAt, row.endAt, locale), desk: desk.name })}</p>
        <DayPicker t={t} locale={locale} days={days} selected={selected?.date ?? null} window={win} href={(p) => withQuery(base, p)} />
        {selected ? (
          <form method="post" action={withQuery(base, { date: selected.date, from: win.from })} class="form" novalidate>
            <SlotRadios t={t} locale={locale} group={selected} error={errors.find((e) => e.id === "f-start")?.message} />
            <div class="form__actions">
              <button type="submit" class="button button--primary">
                {t("reschedule.submit")}
              </button>
              <a href={`/afspraak/${token}`}>{t("reschedule.keep")}</a>
            </div>
          </form>
        ) : (
          <Notice kind="info" title={t("slots.noneTitle")}>
            <p>{t("slots.noneInWindow")}</p>
          </Notice>
        )}
      </>
    ),
  });
}

async function rescheduleSubmit(w: Web) {
  assertSameOrigin(w.c);
  const token = tokenOf(w);
  const form = await readForm(w);
  const parsed = v.safeParse(RescheduleBody, { start: field(form, "start") });
  if (!parsed.success) return reschedulePage(w, [{ id: "f-start", message: w.t("err.slot") }], 400);
  try {
    await rescheduleAppointment(w.c.var.db, token, parsed.output.start, { now: w.now, links: linksFor(w.c) });
  } catch (error) {
    if (error instanceof DomainError && (error.code === "slot_unavailable" || error.code === "too_late" || error.code === "conflict")) {
      const key = error.code === "slot_unavailable" ? "error.slotUnavailable" : error.code === "too_late" ? "error.tooLate" : "error.conflict";
      return reschedulePage(w, [{ id: error.code === "slot_unavailable" ? "f-start" : "", message: w.t(key) }], 409);
    }
    throw error;
  }
  deliverSoon(w.c);
  return seeOther(w, `/afspraak/${token}?klaar=verzet`);
}

export function registerManagePages(app: Hono<AppEnv>): void {
  app.get("/afspraak/:token", page(managePage));
  app.get(
    "/afspraak/:token/annuleren",
    page((w) => cancelPage(w)),
  );
  app.post("/afspraak/:token/annuleren", page(cancelSubmit));
  app.get(
    "/afspraak/:token/verzetten",
    page((w) => reschedulePage(w)),
  );
  app.post("/afspraak/:token/verzetten", page(rescheduleSubmit));
}
