/** One frontdesk for entrepreneurs: what it offers, its opening hours and closures, and its free times. */
import type { Child } from "hono/jsx";
import { readDeskSlots } from "../../features/availability/availability.reads";
import { deskCalendarOf } from "../../features/availability/availability.service";
import { PUBLIC } from "../../features/auth/policy";
import { frontdeskDetailOf, type FrontdeskDetail } from "../../features/frontdesks/frontdesks.service";
import { todayLocal } from "../../lib/time";
import { kindLabel, modeLabel, topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { day, weekdayLabel } from "../kit/format";
import { render, withQuery, pageRoute, type PageRoute } from "../kit/page";
import { FormActions } from "../kit/scaffolds";
import { Breadcrumbs, Details, Panel } from "../kit/ui";
import { FilterSelect, bookHref, modeOptions, searchFilters } from "./search";
import { Where, contactRows } from "./visit";
import { SlotLinks } from "./slot-picker";
import { MonthCalendar, calendarWindow, shownMonth } from "./month-calendar";
import { DateJump, NoTimes, askedDay, dayToShow } from "./date-jump";

type Desk = FrontdeskDetail;

/** The desk's facts, weekly hours and coming closures. */
function DeskInfo({ w, desk }: { w: Web; desk: Desk }) {
  const { t, locale } = w;
  const byDay = new Map<number, string[]>();
  for (const h of desk.openingHours.weekly) byDay.set(h.weekday, [...(byDay.get(h.weekday) ?? []), `${h.opens}\u2060–\u2060${h.closes}`]);
  return (
    <Panel id="desk-info" title={t("desk.info")} as="aside">
      <Details
        rows={[
          [t("desk.address"), desk.modes.includes("in_person") ? <Where w={w} desk={desk} mode="in_person" /> : t("visit.onlineOnly")],
          [t("desk.modes"), desk.modes.map((m) => modeLabel(m, locale)).join(", ")],
          [t("desk.topics"), desk.topics.map((tp) => topicLabel(tp, locale)).join(", ")],
          [t("desk.duration"), t("desk.minutes", { n: desk.slotMinutes })],
          ...contactRows(w, desk),
          ...(desk.visitInfo ? ([[t("visit.title"), <span class="prewrap">{desk.visitInfo}</span>]] as Array<[string, Child]>) : []),
          ...(desk.accessInfo && desk.modes.includes("in_person")
            ? ([[t("visit.access"), <span class="prewrap">{desk.accessInfo}</span>]] as Array<[string, Child]>)
            : []),
        ]}
      />
      <h3 class="heading-4">{t("desk.hours")}</h3>
      <table class="table table--compact">
        <caption class="visually-hidden">{t("desk.hours")}</caption>
        <tbody>
          {[1, 2, 3, 4, 5, 6, 7].map((wd) => (
            <tr>
              <th scope="row">{weekdayLabel(wd, t)}</th>
              <td>{byDay.get(wd)?.join(", ") ?? t("desk.closed")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {desk.closures.length > 0 ? (
        <>
          <h3 class="heading-4">{t("desk.closures")}</h3>
          <ul>
            {desk.closures.map((cl) => (
              <li>
                {cl.from === cl.to ? day(cl.from, locale) : `${day(cl.from, locale)} – ${day(cl.to, locale)}`}: {cl.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Panel>
  );
}

export async function deskPage(w: Web) {
  const { t, locale } = w;
  const { topic, mode: askedMode, municipality } = searchFilters(w);
  const asked = askedDay(w);
  const win = calendarWindow(asked.month, asked.date, w.now);
  // One read (region, desk, configuration and free times; 404 when unknown). A mode the desk
  // offers does not change its free times, so one read serves every mode; the calendar's
  // reasons come from the configuration already read.
  const read = await readDeskSlots(w.c, w.c.req.param("region") ?? "", w.c.req.param("id") ?? "", { from: win.from, to: win.to }, w.now);
  const { region } = read;
  w.region = region;
  const desk = frontdeskDetailOf(read.config, read.desk, todayLocal(w.now));
  const mode = askedMode && desk.modes.includes(askedMode) ? askedMode : undefined;
  const days = deskCalendarOf(read, { from: win.from, to: win.to }, w.now);
  const month = shownMonth(win.months, days);
  const selected = dayToShow(days, month, asked);
  const base = `/boeken/${region.slug}/loket/${desk.id}`;
  return render(w, {
    title: desk.name,
    status: asked.error ? 400 : 200,
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [t("nav.home"), "/"],
            [region.name, withQuery(`/boeken/${region.slug}`, { topic, mode, municipality })],
            [desk.name, null],
          ]}
        />
        <h1>{desk.name}</h1>
        <p class="lead">
          {kindLabel(desk.kind, locale)} · {desk.municipality}
        </p>
        <div class="layout-split layout-split--main-first">
          <div>
            {desk.modes.length > 1 ? (
              <form method="get" action={base} class="form form--inline" novalidate>
                {topic ? <input type="hidden" name="topic" value={topic} /> : null}
                {municipality ? <input type="hidden" name="municipality" value={municipality} /> : null}
                <FilterSelect w={w} name="mode" value={mode} options={modeOptions(w, desk.modes)} />
                <FormActions submit={t("filter.apply")} kind="secondary" />
              </form>
            ) : null}
            <MonthCalendar
              t={t}
              locale={locale}
              month={month}
              days={days}
              selected={selected?.date ?? null}
              now={w.now}
              href={(p, anchor) => `${withQuery(base, { topic, mode, municipality, ...p })}#${anchor}`}
            />
            {selected ? (
              <SlotLinks t={t} locale={locale} group={selected} href={(start) => bookHref(region.slug, desk.id, start, { topic, mode, municipality })} />
            ) : (
              <NoTimes t={t} locale={locale} days={days} asked={asked} />
            )}
            <DateJump w={w} action={base} hidden={{ topic, mode, municipality }} asked={asked} selected={selected?.date ?? null} />
          </div>
          <DeskInfo w={w} desk={desk} />
        </div>
      </>
    ),
  });
}

export const deskPages: PageRoute[] = [pageRoute("get", "/boeken/:region/loket/:id", PUBLIC, deskPage, { regionInBatch: true })];
