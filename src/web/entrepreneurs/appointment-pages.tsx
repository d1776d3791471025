/**
 * Cancelling and rescheduling one's own appointment from the overview: the manage link's
 * pages and rules (the desk's cut-off, the e-mails), through `cancelMyAppointment` and
 * `rescheduleMyAppointment` (ownership by the verified address: anyone else's is a 404), with
 * the booking pages' month calendar and slot list.
 */
import type { Child } from "hono/jsx";
import { RescheduleBody } from "../../features/appointments/appointments.schemas";
import { ENTREPRENEUR } from "../../features/auth/policy";
import { listDeskCalendar } from "../../features/availability/availability.service";
import { cancelMyAppointment, rescheduleMyAppointment } from "../../features/entrepreneurs/account.service";
import { getOverview, type MyAppointment } from "../../features/entrepreneurs/overview.service";
import { findRegion } from "../../features/regions/regions.service";
import { regionScope } from "../../db/scope";
import { deliverSoon } from "../../features/notifications/notify";
import { DomainError, notFound } from "../../lib/errors";
import { linksFor } from "../../lib/links";
import { MonthCalendar, calendarWindow, shownMonth } from "../appointments/month-calendar";
import { DateJump, NoTimes, askedDay, dayToShow } from "../appointments/date-jump";
import { SlotRadios } from "../appointments/slot-picker";
import type { Web } from "../kit/context";
import { ErrorSummary } from "../kit/fields";
import { field, parseForm, readForm, type FieldErrors, type FieldMap } from "../kit/form";
import { when } from "../kit/format";
import { errorText, pageRoute, seeOther, withQuery, type PageRoute } from "../kit/page";
import { FormActions } from "../kit/scaffolds";
import { ME, meOf, mePage } from "./shared";

const idOf = (w: Web) => w.c.req.param("id") ?? "";

/** The appointment of the path, if it is one of the entrepreneur's (else 404). */
async function own(w: Web): Promise<MyAppointment> {
  const overview = await getOverview(w.c.var.db, meOf(w), w.now);
  const found = overview.appointments.find((a) => a.id === idOf(w));
  if (!found) throw notFound("This appointment");
  return found;
}

/** The appointment, or back to the overview when it can no longer change (and nothing failed). */
async function changeable(w: Web, errors: FieldErrors): Promise<MyAppointment | Response> {
  const a = await own(w);
  return !a.canChange && errors.length === 0 ? seeOther(w, ME) : a;
}

function changePage(w: Web, p: { title: string; errors: FieldErrors; status: number; lead: string }, content: Child) {
  return mePage(w, {
    title: p.title,
    status: p.status,
    body: (
      <>
        <h1>{p.title}</h1>
        <ErrorSummary t={w.t} errors={p.errors} />
        <p class="lead">{p.lead}</p>
        {content}
      </>
    ),
  });
}

const span = (w: Web, a: MyAppointment) => when(Date.parse(a.start), Date.parse(a.end), w.locale);

export async function cancelPage(w: Web, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const a = await changeable(w, errors);
  if (a instanceof Response) return a;
  return changePage(
    w,
    { title: t("cancel.title"), errors, status, lead: t("cancel.question", { when: span(w, a) }) },
    <>
      <p>
        {a.frontdesk.name}, {a.frontdesk.address}
      </p>
      <p>{t("cancel.freed")}</p>
      <form method="post" action={`${ME}/afspraken/${a.id}/annuleren`} class="form" novalidate>
        <FormActions submit={t("cancel.confirm")} kind="warning" cancel={{ href: ME, label: t("me.appts.back") }} />
      </form>
    </>,
  );
}

/** The appointment service's refusals a person can act on: shown on the page (409), the rest through the error page. */
function refusal(w: Web, error: unknown): { id: string; message: string } | null {
  if (!(error instanceof DomainError)) return null;
  if (error.code !== "too_late" && error.code !== "conflict" && error.code !== "slot_unavailable") return null;
  return { id: error.code === "slot_unavailable" ? "f-start" : "", message: errorText(w, error.code) };
}

export async function cancelSubmit(w: Web) {
  try {
    await cancelMyAppointment(w.c, idOf(w), { now: w.now, links: linksFor(w.c) });
  } catch (error) {
    const refused = refusal(w, error);
    if (refused) return cancelPage(w, [refused], 409);
    throw error;
  }
  deliverSoon(w.c);
  return seeOther(w, `${ME}?klaar=geannuleerd`);
}

export async function reschedulePage(w: Web, errors: FieldErrors = [], status = 200) {
  const { t, locale } = w;
  const a = await changeable(w, errors);
  if (a instanceof Response) return a;
  const region = await findRegion(w.c.var.db, a.region.slug);
  if (!region) throw notFound("This region");
  const asked = askedDay(w);
  const win = calendarWindow(asked.month, asked.date, w.now);
  // The current time is not a time to move to.
  const current = Date.parse(a.start);
  const calendar = await listDeskCalendar(regionScope(w.c.var.db, region), a.frontdesk.id, { from: win.from, to: win.to, mode: a.mode }, w.now);
  const days = calendar.map((d) => ({ ...d, slots: d.slots.filter((s) => s.start !== current) }));
  const month = shownMonth(win.months, days);
  const selected = dayToShow(days, month, asked);
  const base = `${ME}/afspraken/${a.id}/verzetten`;
  return changePage(
    w,
    {
      title: t("reschedule.title"),
      errors,
      status: asked.error && status === 200 ? 400 : status,
      lead: t("reschedule.current", { when: span(w, a), desk: a.frontdesk.name }),
    },
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
          <FormActions submit={t("reschedule.submit")} cancel={{ href: ME, label: t("reschedule.keep") }} />
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
  const parsed = parseForm(w.t, RescheduleBody, { start: field(await readForm(w), "start") }, RESCHEDULE_FIELDS);
  if (!parsed.ok) return reschedulePage(w, parsed.errors, 400);
  try {
    await rescheduleMyAppointment(w.c, idOf(w), parsed.value.start, { now: w.now, links: linksFor(w.c) });
  } catch (error) {
    const refused = refusal(w, error);
    if (refused) return reschedulePage(w, [refused], 409);
    throw error;
  }
  deliverSoon(w.c);
  return seeOther(w, `${ME}?klaar=verzet`);
}

export const appointmentPages: PageRoute[] = [
  pageRoute("get", `${ME}/afspraken/:id/annuleren`, ENTREPRENEUR, (w) => cancelPage(w)),
  pageRoute("post", `${ME}/afspraken/:id/annuleren`, ENTREPRENEUR, cancelSubmit),
  pageRoute("get", `${ME}/afspraken/:id/verzetten`, ENTREPRENEUR, (w) => reschedulePage(w)),
  pageRoute("post", `${ME}/afspraken/:id/verzetten`, ENTREPRENEUR, rescheduleSubmit),
];
