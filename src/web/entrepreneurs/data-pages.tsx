/**
 * Their data in their hands (AVG): a readable page of everything held about them (the same
 * `exportMyData` as `GET /api/v1/me/export`, whose JSON the download link gives), and deleting
 * the account with a confirm step that says what stays counted without them (`deleteMyAccount`,
 * as `DELETE /api/v1/me`).
 */
import type { Child } from "hono/jsx";
import { ENTREPRENEUR, PUBLIC } from "../../features/auth/policy";
import { deleteMyAccount } from "../../features/entrepreneurs/deletion.service";
import { clearEntrepreneurCookie } from "../../features/entrepreneurs/entrepreneur-session";
import { exportMyData } from "../../features/entrepreneurs/export.service";
import type { Profile } from "../../features/entrepreneurs/overview.service";
import { modeLabel, topicLabel } from "../../lib/vocabulary";
import type { MessageKey } from "../i18n";
import type { Web } from "../kit/context";
import { statusLabel, when } from "../kit/format";
import { pageRoute, seeOther, type PageRoute } from "../kit/page";
import { FormActions, messagePage } from "../kit/scaffolds";
import { DataTable, Details, Panel } from "../kit/ui";
import { legalFormKey, sectorKey, sizeKey } from "./profile-texts";
import { ME, dayOf, meOf, mePage } from "./shared";

type DataExport = Awaited<ReturnType<typeof exportMyData>>;

const span = (w: Web, x: { start: string; end: string }) => when(Date.parse(x.start), Date.parse(x.end), w.locale);
const dash = (value: string | null | undefined) => value || "—";

/** The profile as term/value rows (also shown to staff through an appointment). */
export function profileRows(w: Web, p: Profile): Array<[string, Child]> {
  const { t } = w;
  return [
    [t("me.profile.company"), p.companyName],
    [t("me.profile.kvk"), dash(p.kvkNumber)],
    [t("me.profile.legalForm"), p.legalForm ? t(legalFormKey(p.legalForm)) : "—"],
    [t("me.profile.sector"), p.sector ? t(sectorKey(p.sector)) : "—"],
    [t("me.profile.size"), p.sizeClass ? t(sizeKey(p.sizeClass)) : "—"],
    [t("me.profile.municipality"), dash(p.municipality)],
    [t("me.profile.website"), dash(p.website)],
    [t("me.profile.description"), dash(p.description)],
    [t("me.profile.ambition"), dash(p.ambition)],
    [t("me.profile.visibility"), t(p.visibleToPeers ? "me.profile.visible" : "me.profile.hidden")],
  ];
}

function AppointmentsTable({ w, data }: { w: Web; data: DataExport }) {
  const { t, locale } = w;
  return (
    <DataTable
      t={t}
      titled
      caption={t("me.data.appointments", { n: data.appointments.length })}
      columns={[t("booking.when"), t("booking.where"), t("booking.topic"), t("me.data.contact")]}
      empty={data.appointments.length === 0 && t("me.data.none")}
    >
      {data.appointments.map((a) => (
        <tr>
          <td>
            {span(w, a)} ({statusLabel(a.status, t)})
          </td>
          <td>
            {a.frontdesk.name} ({a.region.name})
          </td>
          <td>
            {topicLabel(a.topic, locale)}, {modeLabel(a.mode, locale)}
            {a.question ? `: ${a.question}` : ""}
          </td>
          <td>{[a.contact.name, a.contact.email, a.contact.phone, a.contact.companyName, a.contact.kvkNumber].filter(Boolean).join(", ") || "—"}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function SupportProcess({ w, data }: { w: Web; data: DataExport }) {
  const { t } = w;
  if (data.supportProcess.length === 0) return null;
  return (
    <>
      <h2>{t("me.data.support")}</h2>
      {data.supportProcess.map((s, i) => (
        <Panel id={`support-${i}`} title={`${s.company.name} (${s.region.name})`}>
          <Details
            rows={[
              [t("me.traj.stage"), t(`stage.${s.stage}` as MessageKey)],
              [t("me.traj.since"), dayOf(s.registeredAt, w)],
              [t("me.data.contact"), [s.contact.name, s.contact.email, s.contact.phone].filter(Boolean).join(", ") || "—"],
              [t("me.traj.consultant"), s.consultant?.name ?? "—"],
              [t("me.traj.commitments"), String(s.commitments.length)],
              [t("me.traj.sessions"), String(s.sessions.length)],
              [t("me.traj.documents"), s.documents.map((d) => d.name).join(", ") || "—"],
            ]}
          />
        </Panel>
      ))}
    </>
  );
}

function Lists({ w, data }: { w: Web; data: DataExport }) {
  const { t } = w;
  return (
    <>
      <DataTable
        t={t}
        titled
        caption={t("me.data.registrations", { n: data.registrations.length })}
        columns={[t("me.regs.title"), t("booking.when"), t("me.data.contact")]}
        empty={data.registrations.length === 0 && t("me.data.none")}
      >
        {data.registrations.map((r) => (
          <tr>
            <td>{r.event.title}</td>
            <td>{r.sessions[0] ? span(w, r.sessions[0]) : "—"}</td>
            <td>{[r.contact.name, r.contact.companyName].filter(Boolean).join(", ") || "—"}</td>
          </tr>
        ))}
      </DataTable>
      <h2>{t("me.data.bookmarks", { n: data.bookmarks.length })}</h2>
      {data.bookmarks.length === 0 ? (
        <p class="empty">{t("me.data.none")}</p>
      ) : (
        <ul>
          {data.bookmarks.map((b) => (
            <li>{b.title}</li>
          ))}
        </ul>
      )}
      <DataTable
        t={t}
        titled
        caption={t("me.data.messages", { n: data.messages.length })}
        columns={[t("me.data.subject"), t("me.data.sentAt")]}
        empty={data.messages.length === 0 && t("me.data.none")}
      >
        {data.messages.map((m) => (
          <tr>
            <td>{m.subject}</td>
            <td>{m.sentAt ? dayOf(m.sentAt, w) : t("me.data.notSent")}</td>
          </tr>
        ))}
      </DataTable>
      <DataTable
        t={t}
        titled
        caption={t("me.data.audit", { n: data.auditEntries.length })}
        columns={[t("me.data.action"), t("me.data.when")]}
        empty={data.auditEntries.length === 0 && t("me.data.none")}
      >
        {data.auditEntries.map((e) => (
          <tr>
            <td>{e.action}</td>
            <td>{dayOf(e.at, w)}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

export async function dataPage(w: Web) {
  const { t } = w;
  const data = await exportMyData(w.c.var.db, meOf(w), w.now);
  return mePage(w, {
    title: t("me.data.title"),
    body: (
      <>
        <h1>{t("me.data.title")}</h1>
        <p class="lead">{t("me.data.lead")}</p>
        <p class="actions">
          <a class="button button--primary" href="/api/v1/me/export" download>
            {t("me.data.download")}
          </a>
        </p>
        <Panel id="account" title={t("me.data.account")}>
          <Details
            rows={[
              [t("me.data.email"), data.account.email],
              [t("me.data.created"), dayOf(data.account.createdAt, w)],
              [t("me.data.lastLogin"), dayOf(data.account.lastLoginAt, w)],
            ]}
          />
          <p>{t("me.data.sessions", { n: data.sessions.length })}</p>
        </Panel>
        <h2>{t("me.data.profile")}</h2>
        {data.profile ? <Details rows={profileRows(w, data.profile)} /> : <p class="empty">{t("me.data.noProfile")}</p>}
        <p>
          {t("me.data.correct")} <a href={`${ME}/profiel`}>{t("me.overview.editProfile")}</a>
        </p>
        <AppointmentsTable w={w} data={data} />
        <SupportProcess w={w} data={data} />
        <Lists w={w} data={data} />
        <section class="section" aria-labelledby="delete-title">
          <h2 id="delete-title">{t("me.data.deleteTitle")}</h2>
          <p>
            <a class="button button--warning" href={`${ME}/verwijderen`}>
              {t("me.data.deleteLink")}
            </a>
          </p>
        </section>
      </>
    ),
  });
}

export function deletePage(w: Web) {
  const { t } = w;
  return mePage(w, {
    title: t("me.delete.title"),
    body: (
      <div class="narrow">
        <h1>{t("me.delete.title")}</h1>
        <p class="lead">{t("me.delete.lead")}</p>
        <p>{t("me.delete.what")}</p>
        <p>{t("me.delete.future")}</p>
        <p>{t("me.delete.stays")}</p>
        <form method="post" action={`${ME}/verwijderen`} class="form" novalidate>
          <FormActions submit={t("me.delete.confirm")} kind="warning" cancel={{ href: `${ME}/gegevens`, label: t("me.delete.keep") }} />
        </form>
      </div>
    ),
  });
}

export async function deleteSubmit(w: Web) {
  await deleteMyAccount(w.c.var.db, meOf(w), w.now);
  clearEntrepreneurCookie(w.c);
  return seeOther(w, `${ME}/verwijderd`);
}

export function deletedPage(w: Web) {
  const { t } = w;
  return messagePage(w, { title: t("me.deleted.title"), text: t("me.deleted.text"), link: { href: "/", label: t("nav.home") } });
}

export const dataPages: PageRoute[] = [
  pageRoute("get", `${ME}/gegevens`, ENTREPRENEUR, dataPage),
  pageRoute("get", `${ME}/verwijderen`, ENTREPRENEUR, deletePage),
  pageRoute("post", `${ME}/verwijderen`, ENTREPRENEUR, deleteSubmit),
  pageRoute("get", `${ME}/verwijderd`, PUBLIC, deletedPage),
];
