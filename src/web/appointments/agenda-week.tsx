/**
 * The agenda over a week and the printable day list (issue 13), from one read of the range
 * (`getAgendaRange`). The day list is a plain table; the print style sheet drops the site's
 * header, navigation and forms.
 */
import { getAgendaRange } from "../../features/appointments/agenda.service";
import { rolesAccess } from "../../features/auth/policy";
import { addDays, epochDayOfDate, isCalendarDate, isoWeekday, todayLocal } from "../../lib/time";
import { modeLabel, topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { day, statusLabel, time } from "../kit/format";
import { actorOf, pageRoute, render, scopeOf, withQuery, type PageRoute } from "../kit/page";

const STAFF = rolesAccess("region_admin", "frontdesk_staff");

function askedDate(w: Web): string {
  const asked = w.c.req.query("date") ?? "";
  return isCalendarDate(asked) ? asked : todayLocal(w.now);
}

export async function weekPage(w: Web) {
  const { t, locale } = w;
  const date = askedDate(w);
  const monday = addDays(date, 1 - isoWeekday(epochDayOfDate(date, "date")));
  const { frontdeskId, rows } = await getAgendaRange(scopeOf(w), actorOf(w), { from: monday, days: 7, frontdeskId: w.c.req.query("frontdeskId") }, w.now);
  const base = `/beheer/${w.region?.slug ?? ""}/agenda`;
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const title = t("sa.weekTitle", { day: day(monday, locale) });
  return render(w, {
    title,
    body: (
      <>
        <h1>{title}</h1>
        <nav class="pager" aria-label={t("sa.weekNav")}>
          <a href={withQuery(`${base}/week`, { date: addDays(monday, -7), frontdeskId })}>{t("sa.prevWeek")}</a>
          <a href={withQuery(base, { date, frontdeskId })}>{t("agenda.title")}</a>
          <a href={withQuery(`${base}/week`, { date: addDays(monday, 7), frontdeskId })}>{t("sa.nextWeek")}</a>
        </nav>
        <ol class="week">
          {days.map((d) => {
            const list = rows.filter((r) => todayLocal(r.start) === d);
            return (
              <li class="week__day">
                <h2 class="week__title">
                  <a href={withQuery(base, { date: d, frontdeskId })}>{day(d, locale)}</a>
                </h2>
                {list.length === 0 ? (
                  <p class="empty">{t("sa.dayEmpty")}</p>
                ) : (
                  <ul class="week__list">
                    {list.map((r) => (
                      <li class={`week__item agenda-item--${r.status}`}>
                        <strong>{time(r.start)}</strong> {r.name ?? t("agenda.anonymised")}
                        <span class={`status status--${r.status}`}>{statusLabel(r.status, t)}</span>
                        <br />
                        <span class="week__meta">
                          {topicLabel(r.topic, locale)} · {r.frontdeskName}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      </>
    ),
  });
}

export async function dayListPage(w: Web) {
  const { t, locale } = w;
  const date = askedDate(w);
  const { frontdeskId, rows } = await getAgendaRange(scopeOf(w), actorOf(w), { from: date, days: 1, frontdeskId: w.c.req.query("frontdeskId") }, w.now);
  const title = t("sa.listTitle", { day: day(date, locale, { year: true }) });
  return render(w, {
    title,
    body: (
      <>
        <p class="no-print">
          <a href={withQuery(`/beheer/${w.region?.slug ?? ""}/agenda`, { date, frontdeskId })}>{t("sa.back")}</a>
        </p>
        <h1>{title}</h1>
        <p class="no-print hint">{t("sa.printHint")}</p>
        {rows.length === 0 ? (
          <p class="empty">{t("agenda.empty")}</p>
        ) : (
          <div class="table-wrap">
            <table class="table table--stack day-list">
              <thead>
                <tr>
                  <th scope="col">{t("sa.colTime")}</th>
                  <th scope="col">{t("sa.colName")}</th>
                  <th scope="col">{t("sa.colPhone")}</th>
                  <th scope="col">{t("sa.colTopic")}</th>
                  <th scope="col">{t("sa.colDesk")}</th>
                  <th scope="col">{t("sa.colStatus")}</th>
                  <th scope="col">{t("sa.colQuestion")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <th scope="row" data-label={t("sa.colTime")}>
                      {time(r.start)}–{time(r.end)}
                    </th>
                    <td data-label={t("sa.colName")}>
                      {r.name ?? t("agenda.anonymised")}
                      {r.companyName ? <span class="day-list__company">, {r.companyName}</span> : null}
                    </td>
                    <td data-label={t("sa.colPhone")}>{r.phone ?? ""}</td>
                    <td data-label={t("sa.colTopic")}>
                      {topicLabel(r.topic, locale)} ({modeLabel(r.mode, locale)})
                    </td>
                    <td data-label={t("sa.colDesk")}>{r.frontdeskName}</td>
                    <td data-label={t("sa.colStatus")}>{statusLabel(r.status, t)}</td>
                    <td data-label={t("sa.colQuestion")}>{r.question ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>
    ),
  });
}

export const agendaWeekPages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/agenda/week", STAFF, weekPage),
  pageRoute("get", "/beheer/:region/agenda/daglijst", STAFF, dayListPage),
];
