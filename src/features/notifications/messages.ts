/**
 * The e-mails an entrepreneur receives about an appointment, in Dutch and English.
 *
 * Every message answers the same questions in the same order (what happened, when, where,
 * about what, how to change it), so a reader who knows one message can scan the next.
 * Names, addresses and other strings entered by people are never trusted: they are
 * HTML-escaped in the HTML part, flattened to one line in the text part and kept out of
 * subjects entirely. No free-text question or contact data is repeated here (privacy:
 * an e-mail is copied to servers we do not control, so it carries only what the reader
 * needs to show up).
 */
import { formatPhone } from "../../lib/dutch";
import { toOneLine } from "../../lib/text";
import { TIMEZONE } from "../../lib/time";
import { type Locale, topicLabel as vocabularyTopic } from "../../lib/vocabulary";

/** Topic keys are ours, but an old row may hold anything: flattened to one line all the same. */
const topicLabel = (topic: string, locale: Locale): string => toOneLine(vocabularyTopic(topic, locale));

export type MessageKind = "confirmation" | "reschedule" | "cancellation" | "reminder";

export interface AppointmentView {
  entrepreneurName: string;
  regionName: string;
  frontdeskName: string;
  frontdeskAddress: string;
  /** E.164 as stored; written for people (`043 350 50 50`) in the message. */
  frontdeskPhone: string | null;
  frontdeskEmail?: string | null;
  /** The short appointment number people can quote on the phone. */
  reference?: string;
  /** The desk's "what to bring / what to expect" and accessibility and parking notes. */
  visitInfo?: string | null;
  accessInfo?: string | null;
  mode: "in_person" | "video";
  /** Vocabulary key, e.g. "financiering"; labelled by `topicLabel` (lib/vocabulary). */
  topic: string;
  /** Epoch milliseconds. */
  start: number;
  /** Epoch milliseconds. */
  end: number;
  videoUrl: string | null;
  /** Null when the desk cancelled and no link exists. */
  manageUrl: string | null;
  icsUrl: string | null;
  cancelledByDesk?: boolean;
  /** Change and cancel online until this many hours before the start; after that, call. */
  cancelCutoffHours: number;
  /** Reschedule only: the old time, so the reader sees what moved. */
  previousStart?: number;
  previousEnd?: number;
  /** Cancellation only: where to book again (e.g. the region's booking page). */
  bookingUrl?: string | null;
  /** Cancellation by the desk only: the desk's own words to the entrepreneur (e.g. why it closes). */
  deskMessage?: string | null;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

// ---------------------------------------------------------------------------
// Small string helpers

/**
 * Escapes the five characters that matter in HTML text and attribute values.
 *
 * @example
 * escapeHtml(`<b>"Jansen & Zn"</b>`); // "&lt;b&gt;&quot;Jansen &amp; Zn&quot;&lt;/b&gt;"
 */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** One-line form of a user-provided string (see {@link toOneLine}). */
const oneLine = toOneLine;

/** Subjects end up in a header: nothing but printable text, whatever the caller passed. */
function cleanSubject(value: string): string {
  return oneLine(value);
}

/** Only http(s) links become clickable; anything else (javascript:, data:) is shown as text. */
function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// Dates

const dateFormats: Partial<Record<Locale, Intl.DateTimeFormat>> = {};
const timeFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIMEZONE,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function dateFormat(locale: Locale): Intl.DateTimeFormat {
  let format = dateFormats[locale];
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", {
      timeZone: TIMEZONE,
      weekday: "long",
      day: "numeric",
      month: "long",
      year: "numeric",
    });
    dateFormats[locale] = format;
  }
  return format;
}

/**
 * Assembles the date from parts rather than taking the locale's whole pattern, because
 * ICU versions differ in punctuation ("Monday, 29 March" vs "Monday 29 March") and the
 * text should read the same in Node tests and in workerd.
 */
function formatDay(instant: number, locale: Locale): string {
  const parts = dateFormat(locale).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("weekday")} ${get("day")} ${get("month")} ${get("year")}`;
}

function formatTime(instant: number): string {
  const parts = timeFormat.formatToParts(instant);
  const hour = parts.find((p) => p.type === "hour")?.value ?? "00";
  const minute = parts.find((p) => p.type === "minute")?.value ?? "00";
  return `${hour}:${minute}`;
}

/**
 * Date and time span of an appointment in Europe/Amsterdam, weekday written out.
 *
 * @example
 * formatWhen(Date.parse("2027-03-29T08:00:00Z"), Date.parse("2027-03-29T08:30:00Z"), "nl");
 * // "maandag 29 maart 2027, 10:00–10:30"
 */
export function formatWhen(start: number, end: number, locale: Locale): string {
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RangeError("Invalid appointment time");
  return `${formatDay(start, locale)}, ${formatTime(start)}–${formatTime(end)}`;
}

/** Date and start time only, for subjects where the end time is noise. */
function formatStart(start: number, locale: Locale): string {
  return `${formatDay(start, locale)}, ${formatTime(start)}`;
}

// ---------------------------------------------------------------------------
// Message content, independent of the output format

/** A piece of running text: plain words and, where useful, a link or phone number. */
type Inline = string | { link: string; label?: string } | { tel: string };

interface Content {
  subject: string;
  heading: string;
  greeting: string;
  intro: Inline[][];
  details: Array<[label: string, value: Inline[]]>;
  after: Inline[][];
  closing: string[];
  footer: string;
}

interface Strings {
  greeting(name: string): string;
  labels: {
    when: string;
    previous: string;
    where: string;
    video: string;
    topic: string;
    desk: string;
    reference: string;
    contact: string;
    visit: string;
    access: string;
  };
  modeVideo: string;
  videoPending: string;
  hours(n: number): string;
  regards: string;
  platform(region: string): string;
  footer: string;
}

const STRINGS: Record<Locale, Strings> = {
  nl: {
    greeting: (name) => (name ? `Beste ${name},` : "Beste ondernemer,"),
    labels: {
      when: "Wanneer",
      previous: "Was gepland op",
      where: "Waar",
      video: "Link videogesprek",
      topic: "Onderwerp",
      desk: "Loket",
      reference: "Afspraaknummer",
      contact: "Contact met het loket",
      visit: "Meenemen en verwachten",
      access: "Toegankelijkheid en parkeren",
    },
    modeVideo: "Online, via een videogesprek",
    videoPending: "U krijgt de link voor het videogesprek van het loket.",
    hours: (n) => `${n} uur`,
    regards: "Met vriendelijke groet,",
    platform: (region) => `MKB-aanpak Limburg, regio ${region}`,
    footer:
      "U ontvangt dit bericht omdat er een afspraak op uw naam staat via het online platform van de MKB-aanpak Limburg. " +
      "Dit is een automatisch bericht; antwoorden op deze e-mail worden niet gelezen.",
  },
  en: {
    greeting: (name) => (name ? `Dear ${name},` : "Dear entrepreneur,"),
    labels: {
      when: "When",
      previous: "Previously planned for",
      where: "Where",
      video: "Video call link",
      topic: "Topic",
      desk: "Desk",
      reference: "Appointment number",
      contact: "Contact the desk",
      visit: "What to bring and expect",
      access: "Accessibility and parking",
    },
    modeVideo: "Online, by video call",
    videoPending: "The desk will send you the link for the video call.",
    hours: (n) => `${n} ${n === 1 ? "hour" : "hours"}`,
    regards: "Kind regards,",
    platform: (region) => `SME approach Limburg, region ${region}`,
    footer:
      "You receive this message because an appointment was made in your name on the online platform of the SME approach Limburg. " +
      "This is an automated message; replies to this e-mail are not read.",
  },
};

function buildContent(kind: MessageKind, view: AppointmentView, locale: Locale): Content {
  const s = STRINGS[locale];
  const nl = locale === "nl";
  const desk = oneLine(view.frontdeskName);
  const region = oneLine(view.regionName);
  const when = formatWhen(view.start, view.end, locale);
  const startText = formatStart(view.start, locale);
  const cutoff = s.hours(Math.max(0, Math.round(view.cancelCutoffHours)));
  const phone = view.frontdeskPhone ? oneLine(formatPhone(view.frontdeskPhone)) : null;

  let subject: string;
  let heading: string;
  let intro: Inline[][];
  switch (kind) {
    case "confirmation":
      subject = nl ? `Uw afspraak is bevestigd: ${startText}` : `Your appointment is confirmed: ${startText}`;
      heading = nl ? "Uw afspraak is bevestigd" : "Your appointment is confirmed";
      intro = [
        [
          nl
            ? `Bedankt voor het maken van een afspraak. U heeft een afspraak bij ${desk}. Hieronder staan de gegevens.`
            : `Thank you for booking. You have an appointment at ${desk}. The details are below.`,
        ],
      ];
      break;
    case "reschedule":
      subject = nl ? `Uw afspraak is verzet naar ${startText}` : `Your appointment has been moved to ${startText}`;
      heading = nl ? "Uw afspraak is verzet" : "Your appointment has been moved";
      intro = [
        [
          nl
            ? `Uw afspraak bij ${desk} is verzet. Hieronder staan de nieuwe datum en tijd.`
            : `Your appointment at ${desk} has been moved. The new date and time are below.`,
        ],
      ];
      break;
    case "cancellation":
      subject = nl ? `Uw afspraak van ${startText} is geannuleerd` : `Your appointment on ${startText} has been cancelled`;
      heading = nl ? "Uw afspraak is geannuleerd" : "Your appointment has been cancelled";
      intro = [
        [
          view.cancelledByDesk
            ? nl
              ? `Helaas kan uw afspraak bij ${desk} niet doorgaan: het loket heeft de afspraak geannuleerd. Onze excuses voor het ongemak.`
              : `Unfortunately your appointment at ${desk} cannot go ahead: the desk has cancelled it. We apologise for the inconvenience.`
            : nl
              ? `Uw afspraak bij ${desk} is geannuleerd, zoals u heeft gevraagd.`
              : `Your appointment at ${desk} has been cancelled, as you asked.`,
        ],
        ...(view.cancelledByDesk && view.deskMessage ? [[`${nl ? "Bericht van het loket:" : "Message from the desk:"} ${view.deskMessage}`]] : []),
      ];
      break;
    case "reminder":
      subject = nl ? `Herinnering: uw afspraak is morgen om ${formatTime(view.start)}` : `Reminder: your appointment is tomorrow at ${formatTime(view.start)}`;
      heading = nl ? "Uw afspraak is morgen" : "Your appointment is tomorrow";
      intro = [
        [
          nl
            ? `Uw afspraak bij ${desk} is morgen. Hieronder staan de gegevens nog een keer.`
            : `Your appointment at ${desk} is tomorrow. Here are the details once more.`,
        ],
      ];
      break;
  }

  const details: Content["details"] = [[s.labels.when, [when]]];
  if (kind === "reschedule" && view.previousStart !== undefined && view.previousEnd !== undefined) {
    details.push([s.labels.previous, [formatWhen(view.previousStart, view.previousEnd, locale)]]);
  }
  details.push([s.labels.desk, [`${desk} (${region})`]]);
  if (view.mode === "video") {
    details.push([s.labels.where, [s.modeVideo]]);
    // A cancelled call needs no link: it would only invite joining a meeting that is off.
    if (kind !== "cancellation") {
      details.push([s.labels.video, view.videoUrl ? [{ link: view.videoUrl }] : [s.videoPending]]);
    }
  } else {
    details.push([s.labels.where, [oneLine(view.frontdeskAddress)]]);
  }
  details.push([s.labels.topic, [topicLabel(view.topic, locale)]]);
  if (view.reference) details.push([s.labels.reference, [oneLine(view.reference)]]);
  const email = view.frontdeskEmail ? oneLine(view.frontdeskEmail) : null;
  if (phone || email) details.push([s.labels.contact, [...(phone ? [{ tel: phone }] : []), phone && email ? ", " : "", email ?? ""]]);
  if (kind !== "cancellation" && view.visitInfo) details.push([s.labels.visit, [oneLine(view.visitInfo)]]);
  if (kind !== "cancellation" && view.mode === "in_person" && view.accessInfo) details.push([s.labels.access, [oneLine(view.accessInfo)]]);

  const after: Inline[][] = [];
  const phonePart: Inline[] = phone ? [{ tel: phone }] : [];
  if (kind === "cancellation") {
    const again: Inline[] = [
      nl ? "Wilt u toch een afspraak? U kunt altijd opnieuw een afspraak maken" : "Would you still like an appointment? You can book again at any time",
    ];
    if (view.bookingUrl) again.push(nl ? ": " : ": ", { link: view.bookingUrl });
    else again.push(nl ? " via het online platform van de MKB-aanpak Limburg." : " on the online platform of the SME approach Limburg.");
    after.push(again);
    if (phone) after.push([nl ? "Heeft u vragen? Bel het loket: " : "Questions? Call the desk: ", ...phonePart, "."]);
    after.push([
      nl
        ? "In de bijlage vindt u een agendabestand (afspraak.ics). Open het om de afspraak uit uw agenda te verwijderen."
        : "The attached calendar file (afspraak.ics) removes the appointment from your calendar when you open it.",
    ]);
  } else {
    const change: Inline[] = [];
    if (view.manageUrl) {
      const page: Inline = { link: view.manageUrl, label: nl ? "uw afspraakpagina" : "your appointment page" };
      if (nl) change.push(`Wilt u de afspraak verzetten of annuleren? Dat kan tot ${cutoff} voor de afspraak via `, page, ". ");
      else change.push("Would you like to change or cancel the appointment? You can do so on ", page, ` until ${cutoff} before it starts. `);
      change.push(nl ? "Daarna belt u het loket" : "After that, please call the desk");
    } else {
      change.push(
        nl ? "Wilt u de afspraak verzetten of annuleren? Bel dan het loket" : "Would you like to change or cancel the appointment? Please call the desk",
      );
    }
    if (phone) change.push(nl ? " op " : " on ", ...phonePart);
    change.push(".");
    after.push(change);
    after.push([
      nl
        ? "In de bijlage vindt u een agendabestand (afspraak.ics) waarmee u de afspraak in uw agenda zet."
        : "The attached calendar file (afspraak.ics) adds the appointment to your calendar.",
    ]);
  }
  if (view.icsUrl) {
    after.push([nl ? "U kunt het agendabestand ook downloaden: " : "You can also download the calendar file: ", { link: view.icsUrl }]);
  }

  return {
    subject: cleanSubject(subject),
    heading,
    greeting: s.greeting(oneLine(view.entrepreneurName)),
    intro,
    details,
    after,
    closing: [s.regards, desk, s.platform(region)],
    footer: s.footer,
  };
}

// ---------------------------------------------------------------------------
// Output formats

function inlineText(parts: Inline[]): string {
  return parts
    .map((part) => {
      if (typeof part === "string") return part;
      if ("tel" in part) return part.tel;
      const url = oneLine(part.link);
      return part.label ? `${part.label} (${url})` : url;
    })
    .join("");
}

function renderText(content: Content): string {
  const lines: string[] = [content.greeting, ""];
  for (const paragraph of content.intro) lines.push(inlineText(paragraph), "");
  for (const [label, value] of content.details) lines.push(`${label}: ${inlineText(value)}`);
  lines.push("");
  for (const paragraph of content.after) lines.push(inlineText(paragraph), "");
  lines.push(...content.closing, "", "--", content.footer);
  return `${lines.join("\n")}\n`;
}

const LINK_STYLE = "color:#0b5394;text-decoration:underline;";

function inlineHtml(parts: Inline[]): string {
  return parts
    .map((part) => {
      if (typeof part === "string") return escapeHtml(part);
      if ("tel" in part) {
        // tel: URIs allow only digits and a leading +; anything else stays plain text.
        const digits = part.tel.replace(/[\s().-]/g, "");
        return /^\+?[0-9]{3,20}$/.test(digits) ? `<a href="tel:${escapeHtml(digits)}" style="${LINK_STYLE}">${escapeHtml(part.tel)}</a>` : escapeHtml(part.tel);
      }
      const href = safeHref(part.link);
      const label = escapeHtml(part.label ?? oneLine(part.link));
      return href ? `<a href="${escapeHtml(href)}" style="${LINK_STYLE}">${label}</a>` : label;
    })
    .join("");
}

function renderHtml(content: Content, locale: Locale): string {
  const p = (inner: string): string => `<p style="margin:0 0 16px 0;">${inner}</p>`;
  const rows = content.details
    .map(
      ([label, value]) =>
        `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:4px 16px 4px 0;font-weight:bold;white-space:nowrap;">${escapeHtml(label)}</th>` +
        `<td style="padding:4px 0;vertical-align:top;">${inlineHtml(value)}</td></tr>`,
    )
    .join("\n");
  const caption = locale === "nl" ? "Gegevens van uw afspraak" : "Your appointment details";
  return [
    "<!DOCTYPE html>",
    `<html lang="${locale}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(content.subject)}</title>`,
    "</head>",
    '<body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;">',
    '<div style="max-width:600px;margin:0 auto;padding:24px 16px;">',
    `<h1 style="font-size:22px;line-height:1.3;margin:0 0 16px 0;color:#1a1a1a;">${escapeHtml(content.heading)}</h1>`,
    p(escapeHtml(content.greeting)),
    ...content.intro.map((paragraph) => p(inlineHtml(paragraph))),
    '<table style="border-collapse:collapse;margin:0 0 16px 0;">',
    `<caption style="text-align:left;font-weight:bold;padding:0 0 8px 0;">${escapeHtml(caption)}</caption>`,
    rows,
    "</table>",
    ...content.after.map((paragraph) => p(inlineHtml(paragraph))),
    p(content.closing.map(escapeHtml).join("<br>")),
    `<p style="margin:24px 0 0 0;padding-top:16px;border-top:1px solid #cccccc;font-size:14px;color:#4d4d4d;">${escapeHtml(content.footer)}</p>`,
    "</div>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/**
 * Renders one appointment e-mail (subject, plain text and HTML) in Dutch or English.
 *
 * @example
 * const { subject, text, html } = renderAppointmentMessage("confirmation", view, "nl");
 * // subject: "Uw afspraak is bevestigd: maandag 29 maart 2027, 10:00"
 */
export function renderAppointmentMessage(kind: MessageKind, view: AppointmentView, locale: Locale): RenderedMessage {
  const content = buildContent(kind, view, locale);
  return { subject: content.subject, text: renderText(content), html: renderHtml(content, locale) };
}
