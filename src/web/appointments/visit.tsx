/**
 * What an entrepreneur needs to reach a desk and prepare: its phone (written for people) and
 * e-mail, where it is (no street address for a video-only desk; a plain OpenStreetMap link,
 * so our pages make no third-party requests), what to bring and the access notes, and the
 * "add to Google / Outlook calendar" links beside the calendar file.
 */
import type { Child } from "hono/jsx";
import { formatPhone } from "../../lib/dutch";
import type { Mode } from "../../lib/vocabulary";
import type { Web } from "../kit/context";

export interface DeskContact {
  name: string;
  address: string;
  modes: readonly Mode[];
  phone: string | null;
  email: string | null;
}

/** A `tel:` link showing the number as people read it (`043 350 50 50`). */
export function PhoneLink({ phone }: { phone: string }) {
  return <a href={`tel:${phone.replace(/[^+\d]/g, "")}`}>{formatPhone(phone)}</a>;
}

/** The desk's phone and e-mail as detail rows (none when the desk has neither). */
export function contactRows(w: Web, desk: Pick<DeskContact, "phone" | "email">): Array<[string, Child]> {
  const rows: Array<[string, Child]> = [];
  if (desk.phone) rows.push([w.t("desk.phone"), <PhoneLink phone={desk.phone} />]);
  if (desk.email) rows.push([w.t("desk.email"), <a href={`mailto:${desk.email}`}>{desk.email}</a>]);
  return rows;
}

/** A plain link to the address on OpenStreetMap (opened only when followed). */
export function mapHref(address: string): string {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`;
}

/** The address with its map link; a video-only desk has no place to go to. */
export function Where({ w, desk, mode }: { w: Web; desk: DeskContact; mode?: Mode | undefined }) {
  const video = mode ? mode === "video" : !desk.modes.includes("in_person");
  if (video) return <>{w.t("visit.online", { desk: desk.name })}</>;
  return (
    <>
      {desk.name}, {desk.address}{" "}
      <a href={mapHref(desk.address)} class="nowrap">
        {w.t("visit.map")}
        <span class="visually-hidden"> ({w.t("visit.newSite")})</span>
      </a>
    </>
  );
}

/** The desk's own notes: what to bring and expect, and (in person) accessibility and parking. */
export function VisitNotes({ w, visitInfo, accessInfo, mode }: { w: Web; visitInfo: string | null; accessInfo: string | null; mode: Mode }) {
  if (!visitInfo && !(accessInfo && mode === "in_person")) return null;
  return (
    <section class="section" aria-labelledby="visit-title">
      <h2 id="visit-title">{w.t("visit.title")}</h2>
      {visitInfo ? <p class="prewrap">{visitInfo}</p> : null}
      {accessInfo && mode === "in_person" ? (
        <>
          <h3 class="heading-4">{w.t("visit.access")}</h3>
          <p class="prewrap">{accessInfo}</p>
        </>
      ) : null}
    </section>
  );
}

const utcStamp = (instant: number) =>
  new Date(instant)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/** Links that open the appointment in Google Calendar and Outlook.com (nothing is sent until followed). */
export function calendarLinks(p: { title: string; start: number; end: number; location: string; details: string }) {
  const google = new URLSearchParams({
    action: "TEMPLATE",
    text: p.title,
    dates: `${utcStamp(p.start)}/${utcStamp(p.end)}`,
    details: p.details,
    location: p.location,
  });
  const outlook = new URLSearchParams({
    path: "/calendar/action/compose",
    rru: "addevent",
    subject: p.title,
    startdt: new Date(p.start).toISOString(),
    enddt: new Date(p.end).toISOString(),
    body: p.details,
    location: p.location,
  });
  return {
    google: `https://calendar.google.com/calendar/render?${google}`,
    outlook: `https://outlook.live.com/calendar/0/deeplink/compose?${outlook}`,
  };
}
