/** One frontdesk for entrepreneurs: what it offers, its opening hours and closures, and its free times. */
import type { Child } from "hono/jsx";
import { readDeskSlots } from "../../features/availability/availability.reads";
import { PUBLIC } from "../../features/auth/policy";
import { frontdeskDetailOf, type FrontdeskDetail } from "../../features/frontdesks/frontdesks.service";
import { kindLabel, modeLabel, topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { day, weekdayLabel } from "../kit/format";
import { render, withQuery, pageRoute, type PageRoute } from "../kit/page";
import { FormActions } from "../kit/scaffolds";
import { Breadcrumbs, Details, Notice, Panel } from "../kit/ui";
import { FilterSelect, bookHref, modeOptions, searchFilters } from "./search";
import { DayPicker, SlotLinks, groupByDay, selectedDay, slotWindow } from "./slot-picker";

type Desk = FrontdeskDetail;

/** The desk's facts, weekly hours and coming closures. */
function DeskInfo({ w, desk }: { w: Web; desk: Desk }) {
  const { t, locale } = w;
  const byDay = new Map<number, string[]>();
  for (const h of desk.openingHours.weekly) byDay.set(h.weekday, [...(byDay.get(h.weekday) ?? []), `${h.opens}–${h.closes}`]);
  return (
    <Panel id="desk-info" title={t("desk.info")} as="aside">
      <Details
        rows={[
          [t("desk.address"), desk.address],
          [t("desk.modes"), desk.modes.map((m) => modeLabel(m, locale)).join(", ")],
          [t("desk.topics"), desk.topics.map((tp) => topicLabel(tp, locale)).join(", ")],
          [t("desk.duration"), t("desk.minutes", { n: desk.slotMinutes })],
          ...(desk.phone ? [[t("desk.phone"), <a href={`tel:${desk.phone}`}>{desk.phone}</a>] as [string, Child]] : []),
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
  const { topic, mode: askedMode } = searchFilters(w);
  const win = slotWindow(w.c.req.query("from"), w.now);
  // One read (region, desk, configuration and free times; 404 when unknown). A mode the desk
  // offers does not change its free times, so one read serves every mode.
  const read = await readDeskSlots(w.c, w.c.req.param("region") ?? "", w.c.req.param("id") ?? "", { from: win.from, to: win.to }, w.now);
  const { region, slots } = read;
  w.region = region;
  const desk = frontdeskDetailOf(read.config, read.desk, win.today);
  const mode = askedMode && desk.modes.includes(askedMode) ? askedMode : undefined;
  const days = groupByDay(slots, win.from, win.to);
  const selected = selectedDay(days, w.c.req.query("date"));
  const base = `/boeken/${region.slug}/loket/${desk.id}`;
  return render(w, {
    title: desk.name,
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [t("nav.home"), "/"],
            [region.name, withQuery(`/boeken/${region.slug}`, { topic, mode })],
            [desk.name, null],
          ]}
        />
        <h1>{desk.name}</h1>
        <p class="lead">
          {kindLabel(desk.kind, locale)} · {desk.municipality}
        </p>
        <div class="layout-split layout-split--reverse">
          <DeskInfo w={w} desk={desk} />
          <div>
            {desk.modes.length > 1 ? (
              <form method="get" action={base} class="form form--inline" novalidate>
                {topic ? <input type="hidden" name="topic" value={topic} /> : null}
                <FilterSelect w={w} name="mode" value={mode} options={modeOptions(w, desk.modes)} />
                <FormActions submit={t("filter.apply")} kind="secondary" />
              </form>
            ) : null}
            <DayPicker t={t} locale={locale} days={days} selected={selected?.date ?? null} window={win} href={(p) => withQuery(base, { topic, mode, ...p })} />
            {selected ? (
              <SlotLinks t={t} locale={locale} group={selected} href={(start) => bookHref(region.slug, desk.id, start, { topic, mode })} />
            ) : (
              <Notice kind="info" title={t("slots.noneTitle")}>
                <p>{t("slots.noneInWindow")}</p>
              </Notice>
            )}
          </div>
        </div>
      </>
    ),
  });
}

export const deskPages: PageRoute[] = [pageRoute("get", "/boeken/:region/loket/:id", PUBLIC, deskPage, { regionInBatch: true })];
