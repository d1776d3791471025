/** Sign-in, sign-out, the staff start page and the frontdesk agenda with outcomes. */
import type { Hono } from "hono";
import { requireActor, type AppEnv } from "../lib/context";
import { DomainError } from "../lib/errors";
import { regionScope } from "../db/scope";
import { isCalendarDate, addDays, todayLocal } from "../lib/time";
import { rolesAccess } from "../features/auth/policy";
import { setSessionCookie, signIn, signOut } from "../features/auth/auth.service";
import { listRegions } from "../features/regions/regions.repo";
import { getAgenda, markOutcome } from "../features/appointments/agenda.service";
import { field, page, readForm, render, safeNext, seeOther, withQuery, type FieldErrors, type Web } from "./web";
import { ErrorSummary, Notice, SelectField, TextField } from "./layout";
import { day, statusLabel, time } from "./format";
import { modeLabel, topicLabel } from "../lib/vocabulary";
import { assertSameOrigin, enforceAccess } from "../http/access";

export const STAFF = rolesAccess("region_admin", "frontdesk_staff");

/** Where a signed-in user starts. */
export function homeFor(w: Web): string {
  const a = w.actor;
  if (!a) return "/inloggen";
  if (a.role === "province_viewer") return "/provincie";
  if ((a.role === "region_admin" || a.role === "frontdesk_staff") && a.regionSlug) return `/beheer/${a.regionSlug}/agenda`;
  if (a.role === "consultant" && a.regionSlug) return `/beheer/${a.regionSlug}/trajecten`;
  return "/beheer";
}

function loginPage(w: Web, values: { email: string; next: string }, errors: FieldErrors, status = 200) {
  const { t } = w;
  return render(w, {
    title: t("login.title"),
    status,
    body: (
      <div class="narrow">
        <h1>{t("login.title")}</h1>
        <p class="lead">{t("login.lead")}</p>
        <ErrorSummary t={t} errors={errors} />
        <form method="post" action="/inloggen" class="form" novalidate>
          <input type="hidden" name="next" value={values.next} />
          <TextField
            t={t}
            id="f-email"
            name="email"
            type="email"
            label={t("login.email")}
            errors={errors}
            value={values.email}
            autocomplete="username"
            inputmode="email"
            required
          />
          <TextField
            t={t}
            id="f-password"
            name="password"
            type="password"
            label={t("login.password")}
            errors={errors}
            autocomplete="current-password"
            required
          />
          <div class="form__actions">
            <button type="submit" class="button button--primary">
              {t("login.submit")}
            </button>
          </div>
        </form>
        <p>
          <a href="/account/wachtwoord-vergeten">{t("login.forgot")}</a>
        </p>
        <p class="small">{t("login.entrepreneurs")}</p>
      </div>
    ),
  });
}

async function loginSubmit(w: Web) {
  assertSameOrigin(w.c);
  const form = await readForm(w);
  const email = field(form, "email").trim();
  const password = field(form, "password");
  const next = safeNext(field(form, "next")) ?? "";
  const errors: FieldErrors = [];
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) errors.push({ id: "f-email", message: w.t("err.loginEmail") });
  if (password.length === 0 || password.length > 200) errors.push({ id: "f-password", message: w.t("err.loginPassword") });
  if (errors.length) return loginPage(w, { email, next }, errors, 400);
  try {
    const { token, actor } = await signIn(w.c, email, password);
    setSessionCookie(w.c, token);
    w.actor = actor;
  } catch (error) {
    if (error instanceof DomainError && error.code === "unauthenticated")
      return loginPage(w, { email, next }, [{ id: "f-email", message: w.t("err.loginWrong") }], 401);
    if (error instanceof DomainError && error.code === "rate_limited") {
      if (error.retryAfterSeconds) w.c.header("Retry-After", String(error.retryAfterSeconds));
      return loginPage(w, { email, next }, [{ id: "f-email", message: w.t("error.rateLimited") }], 429);
    }
    throw error;
  }
  return seeOther(w, next || homeFor(w));
}

async function logoutSubmit(w: Web) {
  assertSameOrigin(w.c);
  await signOut(w.c);
  return seeOther(w, "/");
}

async function staffHome(w: Web) {
  const { t } = w;
  if (!w.actor) throw new DomainError("unauthenticated", "Sign in");
  const target = homeFor(w);
  if (target !== "/beheer") return seeOther(w, target);
  const regions = await listRegions(w.c.var.db);
  return render(w, {
    title: t("staff.homeTitle"),
    body: (
      <>
        <h1>{t("staff.homeTitle")}</h1>
        <p class="actions">
          <a class="button button--secondary" href="/beheer/regiobeheerder-uitnodigen">
            {t("platadm.link")}
          </a>
        </p>
        <ul class="cards cards--3">
          {regions.map((r) => (
            <li class="card">
              <h2 class="card__title">{r.name}</h2>
              <ul class="link-list">
                <li>
                  <a href={`/beheer/${r.slug}/agenda`}>{t("nav.agenda")}</a>
                </li>
                <li>
                  <a href={`/beheer/${r.slug}/loketten`}>{t("nav.frontdesks")}</a>
                </li>
                <li>
                  <a href={`/beheer/${r.slug}/meldingen`}>{t("nav.notifications")}</a>
                </li>
                <li>
                  <a href={`/beheer/${r.slug}/medewerkers`}>{t("nav.accounts")}</a>
                </li>
              </ul>
            </li>
          ))}
        </ul>
      </>
    ),
  });
}

async function agendaPage(w: Web) {
  const { t, locale } = w;
  await enforceAccess(w.c, STAFF);
  const actor = requireActor(w.c);
  w.actor = actor;
  w.region = w.c.var.region;
  const scope = regionScope(w.c.var.db, w.c.var.region);
  const askedDate = w.c.req.query("date");
  const date = askedDate && isCalendarDate(askedDate) ? askedDate : todayLocal(w.now);
  // One read: the day at every desk the actor may see, and those desks; an asked desk is picked out here.
  const visibleDay = await getAgenda(scope, actor, { date }, w.now);
  const desks = visibleDay.desks;
  const askedDesk = w.c.req.query("frontdeskId");
  const frontdeskId = desks.some((d) => d.id === askedDesk) ? askedDesk : undefined;
  const agenda = frontdeskId ? { ...visibleDay, appointments: visibleDay.appointments.filter((a) => a.frontdeskId === frontdeskId) } : visibleDay;
  const base = `/beheer/${scope.region.slug}/agenda`;
  const today = todayLocal(w.now);
  const saved = w.c.req.query("klaar");
  return render(w, {
    title: t("agenda.title"),
    body: (
      <>
        <h1>
          {t("agenda.title")} <span class="subtitle">{day(date, locale)}</span>
        </h1>
        {saved ? (
          <Notice kind="success" title={t("agenda.saved")}>
            {null}
          </Notice>
        ) : null}
        <nav class="pager" aria-label={t("agenda.dayNav")}>
          <a href={withQuery(base, { date: addDays(date, -1), frontdeskId })}>{t("agenda.prevDay")}</a>
          {date !== today ? <a href={withQuery(base, { frontdeskId })}>{t("agenda.today")}</a> : null}
          <a href={withQuery(base, { date: addDays(date, 1), frontdeskId })}>{t("agenda.nextDay")}</a>
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
          <div class="form__actions">
            <button type="submit" class="button button--secondary">
              {t("agenda.show")}
            </button>
          </div>
        </form>
        {agenda.appointments.length === 0 ? (
          <p class="empty">{t("agenda.empty")}</p>
        ) : (
          <ul class="agenda">
            {agenda.appointments.map((a) => {
              const start = Date.parse(a.start);
              const end = Date.parse(a.end);
              return (
                <li class={`agenda-item agenda-item--${a.status}`}>
                  <div class="agenda-item__time">
                    <strong>
                      {time(start)}–{time(end)}
                    </strong>
                    <span class={`status status--${a.status}`}>{statusLabel(a.status, t)}</span>
                  </div>
                  <div class="agenda-item__body">
                    <h2 class="agenda-item__name">{a.entrepreneur.name ?? t("agenda.anonymised")}</h2>
                    <p class="agenda-item__meta">
                      {[a.entrepreneur.companyName, a.entrepreneur.kvkNumber ? `KvK ${a.entrepreneur.kvkNumber}` : null].filter(Boolean).join(" · ")}
                    </p>
                    <p>
                      {topicLabel(a.topic, locale)} · {modeLabel(a.mode, w.locale)} · {a.frontdeskName}
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
                    {a.earlierNoShows > 0 ? (
                      <p class="badge badge--warning">{a.earlierNoShows === 1 ? t("agenda.noShowOnce") : t("agenda.noShowMany", { n: a.earlierNoShows })}</p>
                    ) : null}
                    {a.entrepreneur.name && a.status !== "cancelled" ? (
                      <p>
                        <a href={`/beheer/${scope.region.slug}/kandidaten/nieuw?afspraak=${a.id}`}>
                          {t("sc.agendaRegister")}
                          <span class="visually-hidden">
                            {" "}
                            ({a.entrepreneur.name}, {time(start)})
                          </span>
                        </a>
                      </p>
                    ) : null}
                    {a.videoUrl ? (
                      <p>
                        <a href={a.videoUrl}>{t("agenda.videoLink")}</a>
                      </p>
                    ) : null}
                  </div>
                  {a.canMarkOutcome ? (
                    <form method="post" action={`/beheer/${scope.region.slug}/afspraken/${a.id}/uitkomst`} class="agenda-item__actions">
                      <input type="hidden" name="date" value={date} />
                      {frontdeskId ? <input type="hidden" name="frontdeskId" value={frontdeskId} /> : null}
                      <button
                        type="submit"
                        name="outcome"
                        value="completed"
                        class="button button--secondary button--small"
                        aria-pressed={a.status === "completed" ? "true" : "false"}
                      >
                        {t("agenda.markCompleted")}
                        <span class="visually-hidden">
                          {" "}
                          ({a.entrepreneur.name ?? ""}, {time(start)})
                        </span>
                      </button>
                      <button
                        type="submit"
                        name="outcome"
                        value="no_show"
                        class="button button--secondary button--small"
                        aria-pressed={a.status === "no_show" ? "true" : "false"}
                      >
                        {t("agenda.markNoShow")}
                        <span class="visually-hidden">
                          {" "}
                          ({a.entrepreneur.name ?? ""}, {time(start)})
                        </span>
                      </button>
                    </form>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </>
    ),
  });
}

async function outcomeSubmit(w: Web) {
  await enforceAccess(w.c, STAFF);
  const actor = requireActor(w.c);
  const scope = regionScope(w.c.var.db, w.c.var.region);
  const form = await readForm(w);
  const outcome = field(form, "outcome");
  if (outcome !== "completed" && outcome !== "no_show") throw new DomainError("validation_failed", "Choose an outcome");
  await markOutcome(scope, actor, w.c.req.param("id") ?? "", { outcome }, Date.now());
  const date = field(form, "date");
  return seeOther(
    w,
    withQuery(`/beheer/${scope.region.slug}/agenda`, {
      date: isCalendarDate(date) ? date : undefined,
      frontdeskId: field(form, "frontdeskId") || undefined,
      klaar: "1",
    }),
  );
}

export function registerStaffPages(app: Hono<AppEnv>): void {
  app.get(
    "/inloggen",
    page((w) => (w.actor && !w.c.req.query("next") ? seeOther(w, homeFor(w)) : loginPage(w, { email: "", next: safeNext(w.c.req.query("next")) ?? "" }, []))),
  );
  app.post("/inloggen", page(loginSubmit));
  app.post("/uitloggen", page(logoutSubmit));
  app.get("/beheer", page(staffHome));
  app.get("/beheer/:region/agenda", page(agendaPage));
  app.post("/beheer/:region/afspraken/:id/uitkomst", page(outcomeSubmit));
}
