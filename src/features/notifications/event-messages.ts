/**
 * The e-mails about events (issue 16), in Dutch and English, in the same order as the
 * appointment mails: what happened, the details (when, where, how to join), what to do next.
 *
 * Text people typed (names, titles, locations, an organiser's message) is escaped in the HTML
 * part, flattened to one line in the text part where it is a single value, and kept out of
 * subjects except the event's title (one line by validation, flattened again here). The join
 * link of an online event appears only in messages to confirmed participants.
 */
import { toOneLine } from "../../lib/text";
import { escapeHtml, formatWhen } from "./messages";

export type Locale = "nl" | "en";

export type EventMessageKind =
  | "event_confirmation"
  | "event_waitlisted"
  | "event_promoted"
  | "event_cancellation"
  | "event_cancelled"
  | "event_changed"
  | "event_reminder"
  | "event_message"
  | "event_feedback_request"
  | "event_candidate_invitation";

export interface EventMailView {
  /** The participant's name, or a placeholder the database fills in per recipient. */
  name: string;
  title: string;
  organiserName: string;
  format: "online" | "in_person" | "hybrid";
  /** Epoch milliseconds. */
  sessions: { start: number; end: number }[];
  location: string | null;
  /** Only for confirmed participants; null otherwise (or not known yet). */
  joinUrl: string | null;
  manageUrl: string | null;
  icsUrl: string | null;
  contact: { name: string; email: string; phone?: string | undefined };
  /** event_reminder: the session it reminds of (index into sessions). */
  sessionIndex?: number;
  /** event_cancelled: the organiser's reason. */
  reason?: string | null;
  /** event_message: the organiser's subject and text. */
  message?: { subject: string; body: string };
  /** event_feedback_request and event_candidate_invitation: the link to act on. */
  actionUrl?: string;
}

export interface RenderedEventMail {
  subject: string;
  text: string;
  html: string;
}

type Inline = string | { link: string; label?: string };

interface Content {
  subject: string;
  heading: string;
  greeting: string;
  intro: Inline[][];
  details: [string, Inline[]][];
  after: Inline[][];
  footer: string;
}

const L = {
  nl: {
    greeting: (name: string) => (name ? `Beste ${name},` : "Beste deelnemer,"),
    when: "Wanneer",
    session: (i: number, n: number) => (n > 1 ? `Bijeenkomst ${i + 1} van ${n}` : "Wanneer"),
    where: "Waar",
    online: "Online",
    join: "Link om deel te nemen",
    joinLater: "De organisator stuurt u de link om deel te nemen vóór de bijeenkomst.",
    organiser: "Organisator",
    contact: (c: EventMailView["contact"]) => `Vragen? Neem contact op met ${c.name} (${c.email}${c.phone ? `, ${c.phone}` : ""}).`,
    manage: "Bekijk of annuleer uw aanmelding: ",
    manageEarlier: "Annuleren kan via de link in de eerste e-mail die u over deze aanmelding kreeg.",
    ics: "Zet alle bijeenkomsten in uw agenda: ",
    footer:
      "U ontvangt dit bericht omdat u zich via het online platform van de MKB-aanpak Limburg heeft aangemeld voor deze bijeenkomst. " +
      "Dit is een automatisch bericht; antwoorden op deze e-mail worden niet gelezen.",
  },
  en: {
    greeting: (name: string) => (name ? `Dear ${name},` : "Dear participant,"),
    when: "When",
    session: (i: number, n: number) => (n > 1 ? `Session ${i + 1} of ${n}` : "When"),
    where: "Where",
    online: "Online",
    join: "Link to join",
    joinLater: "The organiser will send you the link to join before the session.",
    organiser: "Organiser",
    contact: (c: EventMailView["contact"]) => `Questions? Contact ${c.name} (${c.email}${c.phone ? `, ${c.phone}` : ""}).`,
    manage: "View or cancel your registration: ",
    manageEarlier: "To cancel, use the link in the first e-mail you received about this registration.",
    ics: "Add all sessions to your calendar: ",
    footer:
      "You receive this message because you registered for this event on the online platform of the SME approach Limburg. " +
      "This is an automated message; replies to this e-mail are not read.",
  },
} as const;

function whereText(view: EventMailView, locale: Locale): string {
  const s = L[locale];
  const place = view.location ? toOneLine(view.location) : null;
  if (view.format === "online") return s.online;
  if (view.format === "hybrid") return place ? `${place} ${locale === "nl" ? "of online" : "or online"}` : s.online;
  return place ?? "";
}

function details(view: EventMailView, locale: Locale, opts: { join: boolean; only?: number }): [string, Inline[]][] {
  const s = L[locale];
  const rows: [string, Inline[]][] = [];
  const n = view.sessions.length;
  view.sessions.forEach((session, i) => {
    if (opts.only !== undefined && opts.only !== i) return;
    rows.push([opts.only !== undefined ? s.when : s.session(i, n), [formatWhen(session.start, session.end, locale)]]);
  });
  rows.push([s.where, [whereText(view, locale)]]);
  if (opts.join && view.format !== "in_person") rows.push([s.join, view.joinUrl ? [{ link: view.joinUrl }] : [s.joinLater]]);
  rows.push([s.organiser, [toOneLine(view.organiserName)]]);
  return rows;
}

function buildContent(kind: EventMessageKind, view: EventMailView, locale: Locale): Content {
  const s = L[locale];
  const nl = locale === "nl";
  const title = toOneLine(view.title);
  const first = view.sessions[0];
  const firstText = first ? formatWhen(first.start, first.end, locale) : "";
  const manage: Inline[][] = view.manageUrl ? [[s.manage, { link: view.manageUrl }]] : [[s.manageEarlier]];
  const ics: Inline[][] = view.icsUrl ? [[s.ics, { link: view.icsUrl }]] : [];
  const contact: Inline[][] = [[s.contact({ name: toOneLine(view.contact.name), email: view.contact.email, phone: view.contact.phone })]];
  let subject: string;
  let heading: string;
  let intro: Inline[][];
  let rows: [string, Inline[]][] = details(view, locale, { join: false });
  let after: Inline[][] = [...manage, ...ics, ...contact];
  switch (kind) {
    case "event_confirmation":
      subject = nl ? `Aanmelding bevestigd: ${title}` : `Registration confirmed: ${title}`;
      heading = nl ? "U bent aangemeld" : "You are registered";
      intro = [[nl ? `U heeft een plaats bij "${title}". Hieronder staan de gegevens.` : `You have a place at "${title}". The details are below.`]];
      rows = details(view, locale, { join: true });
      break;
    case "event_waitlisted":
      subject = nl ? `U staat op de wachtlijst: ${title}` : `You are on the wait-list: ${title}`;
      heading = nl ? "U staat op de wachtlijst" : "You are on the wait-list";
      intro = [
        [
          nl
            ? `"${title}" is vol. U staat op de wachtlijst. Komt er een plaats vrij, dan krijgt u die automatisch, in volgorde van aanmelding, en ontvangt u een e-mail.`
            : `"${title}" is full. You are on the wait-list. When a place becomes free it is yours automatically, in order of registration, and you receive an e-mail.`,
        ],
      ];
      break;
    case "event_promoted":
      subject = nl ? `Er is een plaats voor u: ${title}` : `A place has become free for you: ${title}`;
      heading = nl ? "U heeft een plaats" : "You have a place";
      intro = [
        [
          nl
            ? `Goed nieuws: er is een plaats vrijgekomen bij "${title}" en die is nu voor u. U hoeft niets te doen.`
            : `Good news: a place has become free at "${title}" and it is now yours. You need not do anything.`,
        ],
      ];
      rows = details(view, locale, { join: true });
      break;
    case "event_cancellation":
      subject = nl ? `Aanmelding geannuleerd: ${title}` : `Registration cancelled: ${title}`;
      heading = nl ? "Uw aanmelding is geannuleerd" : "Your registration has been cancelled";
      intro = [
        [nl ? `Uw aanmelding voor "${title}" is geannuleerd, zoals u heeft gevraagd.` : `Your registration for "${title}" has been cancelled, as you asked.`],
      ];
      after = contact;
      break;
    case "event_cancelled":
      subject = nl ? `Gaat niet door: ${title}` : `Cancelled: ${title}`;
      heading = nl ? "De bijeenkomst gaat niet door" : "The event has been cancelled";
      intro = [
        [
          nl
            ? `Helaas gaat "${title}" (${firstText}) niet door. De organisator heeft de bijeenkomst geannuleerd. Onze excuses voor het ongemak.`
            : `Unfortunately "${title}" (${firstText}) will not take place: the organiser has cancelled it. We apologise for the inconvenience.`,
        ],
        ...(view.reason ? [[(nl ? "Toelichting van de organisator: " : "The organiser's note: ") + toOneLine(view.reason)]] : []),
      ];
      rows = [];
      after = contact;
      break;
    case "event_changed":
      subject = nl ? `Gewijzigd: ${title}` : `Changed: ${title}`;
      heading = nl ? "De bijeenkomst is gewijzigd" : "The event has changed";
      intro = [
        [
          nl
            ? `De organisator heeft "${title}" gewijzigd. Hieronder staan de nieuwe gegevens.`
            : `The organiser has changed "${title}". The new details are below.`,
        ],
      ];
      rows = details(view, locale, { join: view.joinUrl !== null });
      after = [...manage, ...contact];
      break;
    case "event_reminder": {
      const i = view.sessionIndex ?? 0;
      const session = view.sessions[i];
      const at = session ? formatWhen(session.start, session.end, locale).split(", ").pop() : "";
      subject = nl ? `Herinnering: morgen ${title}` : `Reminder: ${title} tomorrow`;
      heading = nl ? "Tot morgen" : "See you tomorrow";
      intro = [
        [nl ? `Morgen (${at}) is "${title}". Hieronder staan de gegevens nog een keer.` : `"${title}" is tomorrow (${at}). Here are the details once more.`],
      ];
      rows = details(view, locale, { join: true, only: i });
      after = [...manage, ...contact];
      break;
    }
    case "event_message":
      subject = `${title}: ${toOneLine(view.message?.subject ?? "")}`;
      heading = toOneLine(view.message?.subject ?? title);
      intro = [
        [nl ? `Een bericht van de organisator van "${title}":` : `A message from the organiser of "${title}":`],
        ...(view.message?.body ?? "").split(/\n{2,}/).map((p): Inline[] => [p.trim()]),
      ];
      after = contact;
      break;
    case "event_feedback_request":
      subject = nl ? `Hoe was het? ${title}` : `How was it? ${title}`;
      heading = nl ? "Bedankt voor uw komst" : "Thank you for coming";
      intro = [
        [
          nl
            ? `Bedankt dat u bij "${title}" was. Wilt u laten weten hoe u het vond? Het kost een halve minuut: een cijfer van 1 tot 5 en, als u wilt, een opmerking.`
            : `Thank you for attending "${title}". Would you tell us what you thought? It takes half a minute: a score from 1 to 5 and, if you like, a comment.`,
        ],
        [nl ? "Geef uw mening: " : "Give your feedback: ", { link: view.actionUrl ?? "" }],
      ];
      rows = [];
      after = contact;
      break;
    case "event_candidate_invitation":
      subject = nl ? "Uitnodiging: het Begeleidingstraject van de MKB-aanpak Limburg" : "Invitation: the Support Process of the SME approach Limburg";
      heading = nl ? "Een uitnodiging voor het Begeleidingstraject" : "An invitation to the Support Process";
      intro = [
        [
          nl
            ? `U was bij "${title}". U gaf aan dat we u mochten benaderen over het Begeleidingstraject: een MKB-adviseur helpt u een groei- of innovatieambitie om te zetten in een concreet, financierbaar ondernemingsplan.`
            : `You attended "${title}" and said we could contact you about the Support Process: an SME consultant helps you turn a growth or innovation ambition into a concrete, financeable business plan.`,
        ],
        [nl ? "Aanmelden kan hier, vrijblijvend: " : "You can register here, without obligation: ", { link: view.actionUrl ?? "" }],
      ];
      rows = [];
      after = contact;
      break;
  }
  return { subject: toOneLine(subject), heading, greeting: s.greeting(toOneLine(view.name)), intro, details: rows, after, footer: s.footer };
}

function inlineText(parts: Inline[]): string {
  return parts.map((p) => (typeof p === "string" ? p : p.label ? `${p.label} (${toOneLine(p.link)})` : toOneLine(p.link))).join("");
}

function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function inlineHtml(parts: Inline[]): string {
  return parts
    .map((p) => {
      if (typeof p === "string") return escapeHtml(p).replace(/\n/g, "<br>");
      const href = safeHref(p.link);
      const label = escapeHtml(p.label ?? toOneLine(p.link));
      return href ? `<a href="${escapeHtml(href)}" style="color:#0b5394;text-decoration:underline;">${label}</a>` : label;
    })
    .join("");
}

function renderText(c: Content): string {
  const lines = [c.greeting, ""];
  for (const p of c.intro) lines.push(inlineText(p), "");
  for (const [label, value] of c.details) lines.push(`${label}: ${inlineText(value)}`);
  if (c.details.length) lines.push("");
  for (const p of c.after) lines.push(inlineText(p), "");
  lines.push("MKB Limburg", "", "--", c.footer);
  return `${lines.join("\n")}\n`;
}

function renderHtml(c: Content, locale: Locale): string {
  const p = (inner: string) => `<p style="margin:0 0 16px 0;">${inner}</p>`;
  const rows = c.details
    .map(
      ([label, value]) =>
        `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:4px 16px 4px 0;white-space:nowrap;">${escapeHtml(label)}</th><td style="padding:4px 0;">${inlineHtml(value)}</td></tr>`,
    )
    .join("\n");
  return [
    "<!DOCTYPE html>",
    `<html lang="${locale}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(c.subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;">',
    '<div style="max-width:600px;margin:0 auto;padding:24px 16px;">',
    `<h1 style="font-size:22px;line-height:1.3;margin:0 0 16px 0;">${escapeHtml(c.heading)}</h1>`,
    p(escapeHtml(c.greeting)),
    ...c.intro.map((x) => p(inlineHtml(x))),
    ...(rows ? ['<table style="border-collapse:collapse;margin:0 0 16px 0;">', rows, "</table>"] : []),
    ...c.after.map((x) => p(inlineHtml(x))),
    p("MKB Limburg"),
    `<p style="margin:24px 0 0 0;padding-top:16px;border-top:1px solid #cccccc;font-size:14px;color:#4d4d4d;">${escapeHtml(c.footer)}</p>`,
    "</div></body></html>",
    "",
  ].join("\n");
}

/**
 * Renders one event e-mail (subject, plain text and HTML).
 * @example renderEventMail("event_confirmation", view, "nl").subject // "Aanmelding bevestigd: Masterclass financiering"
 */
export function renderEventMail(kind: EventMessageKind, view: EventMailView, locale: Locale): RenderedEventMail {
  const content = buildContent(kind, view, locale);
  return { subject: content.subject, text: renderText(content), html: renderHtml(content, locale) };
}
