/**
 * "Mijn MKB Limburg": one overview of everything linked to the verified address (the same
 * `getOverview` as `GET /api/v1/me`, one read batch): the company profile, appointments ahead
 * (with reschedule and cancel until the desk's cut-off) and behind, event registrations,
 * saved offers and the Support Process trajectory. Empty parts point to where to start.
 */
import type { Child } from "hono/jsx";
import { ENTREPRENEUR } from "../../features/auth/policy";
import {
  getOverview,
  type Bookmark,
  type MyAppointment,
  type MyReferral,
  type MyRegistration,
  type Overview,
} from "../../features/entrepreneurs/overview.service";
import { modeLabel, topicLabel } from "../../lib/vocabulary";
import type { MessageKey } from "../i18n";
import type { Web } from "../kit/context";
import { day, statusLabel, when } from "../kit/format";
import { pageRoute, type PageRoute } from "../kit/page";
import { Details, Notice, Panel } from "../kit/ui";
import { dayOf, ME, meOf, mePage } from "./shared";
import { TrajectorySection } from "./trajectory-section";

/** "maandag 29 maart 2027, 10:00–10:30" for an appointment or session of the overview. */
const span = (w: Web, a: { start: string; end: string }) => when(Date.parse(a.start), Date.parse(a.end), w.locale);

function AppointmentCard({ w, a }: { w: Web; a: MyAppointment }) {
  const { t, locale } = w;
  const label = t("me.appts.forAppt", { when: span(w, a) });
  const deadline = Date.parse(a.changeDeadline);
  return (
    <li class="card">
      <h3 class="card__title">
        {span(w, a)} <span class={`status status--${a.status}`}>{statusLabel(a.status, t)}</span>
      </h3>
      <Details
        rows={[
          [t("booking.where"), a.mode === "video" ? t("manage.videoAt", { desk: a.frontdesk.name }) : `${a.frontdesk.name}, ${a.frontdesk.address}`],
          [t("booking.topic"), topicLabel(a.topic, locale)],
          [t("booking.mode"), modeLabel(a.mode, locale)],
          [t("me.appts.region"), a.region.name],
          ...(a.question ? ([[t("me.appts.question"), a.question]] as Array<[string, Child]>) : []),
          ...(a.upcoming && a.videoUrl ? ([[t("manage.videoLink"), <a href={a.videoUrl}>{a.videoUrl}</a>]] as Array<[string, Child]>) : []),
        ]}
      />
      {a.canChange ? (
        <>
          <p class="small">{t("me.appts.changeUntil", { deadline: when(deadline, deadline, locale).replace(/–.*$/, "") })}</p>
          <p class="actions">
            <a class="button button--secondary button--small" href={`${ME}/afspraken/${a.id}/verzetten`}>
              {t("manage.reschedule")}
              <span class="visually-hidden"> ({label})</span>
            </a>
            <a class="button button--warning button--small" href={`${ME}/afspraken/${a.id}/annuleren`}>
              {t("manage.cancel")}
              <span class="visually-hidden"> ({label})</span>
            </a>
          </p>
        </>
      ) : a.upcoming ? (
        <p class="small">{a.frontdesk.phone ? t("manage.tooLateCall", { phone: a.frontdesk.phone }) : t("me.appts.tooLate")}</p>
      ) : null}
    </li>
  );
}

function Appointments({ w, list }: { w: Web; list: MyAppointment[] }) {
  const { t } = w;
  const upcoming = list.filter((a) => a.upcoming);
  // Most recent first behind; soonest first ahead.
  const past = list.filter((a) => !a.upcoming).reverse();
  return (
    <>
      <section class="section" aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t("me.appts.upcoming")}</h2>
        {upcoming.length === 0 ? (
          <p class="empty">{t("me.appts.noneUpcoming")}</p>
        ) : (
          <ul class="cards">
            {upcoming.map((a) => (
              <AppointmentCard w={w} a={a} />
            ))}
          </ul>
        )}
        <p>
          <a class="button button--primary" href="/">
            {t("me.appts.book")}
          </a>
        </p>
      </section>
      <section class="section" aria-labelledby="past-title">
        <h2 id="past-title">{t("me.appts.past")}</h2>
        {past.length === 0 ? (
          <p class="empty">{t("me.appts.nonePast")}</p>
        ) : (
          <ul class="cards">
            {past.map((a) => (
              <AppointmentCard w={w} a={a} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

const REGISTRATION_STATUS: Record<MyRegistration["status"], MessageKey> = {
  confirmed: "me.regs.confirmed",
  waitlisted: "me.regs.waitlisted",
  cancelled: "me.regs.cancelled",
};

function Registrations({ w, list }: { w: Web; list: MyRegistration[] }) {
  const { t } = w;
  return (
    <section class="section" aria-labelledby="regs-title">
      <h2 id="regs-title">{t("me.regs.title")}</h2>
      {list.length === 0 ? (
        <p class="empty">
          {t("me.regs.none")} <a href="/evenementen">{t("me.regs.find")}</a>
        </p>
      ) : (
        <>
          <ul class="link-list">
            {list.map((r) => {
              const first = r.sessions[0];
              return (
                <li>
                  <a href={`/evenementen/${r.event.slug}`}>{r.event.title}</a>
                  {first ? ` · ${span(w, first)}` : ""} <span class="tag">{t(REGISTRATION_STATUS[r.status])}</span>
                </li>
              );
            })}
          </ul>
          <p class="small">{t("me.regs.manage")}</p>
        </>
      )}
    </section>
  );
}

/** The referrals made for this address: where to and what became of it (additive; the link in the mail is the way to withdraw consent). */
function Referrals({ w, list }: { w: Web; list: MyReferral[] }) {
  const { t, locale } = w;
  if (list.length === 0) return null;
  return (
    <section class="section" aria-labelledby="refs-title">
      <h2 id="refs-title">{t("me.refs.title")}</h2>
      <p>{t("me.refs.lead")}</p>
      <ul class="link-list">
        {list.map((r) => (
          <li>
            {r.offer ? `${r.organisation.name}: ${r.offer.title}` : r.organisation.name} · {topicLabel(r.topic, locale)} · {dayOf(r.createdAt, w)}{" "}
            <span class="tag">{t(`ref.status.${r.status}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Bookmarks({ w, list }: { w: Web; list: Bookmark[] }) {
  const { t } = w;
  return (
    <section class="section" aria-labelledby="bm-title">
      <h2 id="bm-title">{t("me.bm.title")}</h2>
      {list.length === 0 ? (
        <p class="empty">
          {t("me.bm.none")} <a href="/aanbod">{t("me.bm.find")}</a>
        </p>
      ) : (
        <ul class="cards">
          {list.map((b) => (
            <li class="card">
              <h3 class="card__title">{b.available ? <a href={`/aanbod/${b.slug}`}>{b.title}</a> : b.title}</h3>
              <p class="card__meta">
                {b.organisation.name}
                {b.deadline ? ` · ${t("me.bm.deadline", { date: day(b.deadline, w.locale) })}` : ""}
              </p>
              {b.available ? <p>{b.summary}</p> : <p class="tag">{t("me.bm.unavailable")}</p>}
              <form method="post" action={`${ME}/bewaard/${b.slug}/verwijderen`}>
                <input type="hidden" name="next" value={ME} />
                <button type="submit" class="button button--link">
                  {t("me.bm.remove")}
                  <span class="visually-hidden"> {b.title}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ProfilePanel({ w, overview }: { w: Web; overview: Overview }) {
  const { t } = w;
  const profile = overview.profile;
  return (
    <Panel id="profile" title={profile ? t("me.overview.profileOf", { company: profile.companyName }) : t("me.nav.profile")}>
      {profile ? null : <p>{t("me.overview.noProfile")}</p>}
      <p>
        <a href={`${ME}/profiel`}>{profile ? t("me.overview.editProfile") : t("me.overview.makeProfile")}</a>
      </p>
    </Panel>
  );
}

const DONE: Record<string, MessageKey> = {
  geannuleerd: "me.appts.cancelled",
  verzet: "me.appts.rescheduled",
  profiel: "me.profile.saved",
  verwijderd: "me.bm.removed",
};

export async function overviewPage(w: Web) {
  const { t } = w;
  const me = meOf(w);
  const overview = await getOverview(w.c.var.db, me, w.now);
  const done = DONE[w.c.req.query("klaar") ?? ""];
  return mePage(w, {
    title: t("me.overview.title"),
    body: (
      <>
        <h1>{t("me.overview.title")}</h1>
        {done ? <Notice kind="success" title={t(done)} /> : null}
        <p class="lead">{t("me.overview.lead", { email: me.email })}</p>
        <ProfilePanel w={w} overview={overview} />
        <Appointments w={w} list={overview.appointments} />
        {overview.trajectory ? <TrajectorySection w={w} trajectory={overview.trajectory} /> : null}
        <Registrations w={w} list={overview.registrations} />
        <Referrals w={w} list={overview.referrals} />
        <Bookmarks w={w} list={overview.bookmarks} />
        {overview.trajectory ? null : <p class="small">{t("me.traj.none")}</p>}
      </>
    ),
  });
}

export const overviewPages: PageRoute[] = [pageRoute("get", ME, ENTREPRENEUR, overviewPage)];
