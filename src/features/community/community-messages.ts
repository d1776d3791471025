/**
 * The community's e-mails (issue 18): the asker's digest of new answers (at most one an hour),
 * a peer contact request (the sender's profile and message; no address), and the reply (only
 * then the addresses). Every user text is escaped in the HTML part and flattened in the text
 * part; addresses the database fills in (`{{…}}` placeholders) are escaped by the SQL that does.
 */
import { toOneLine } from "../../lib/text";
import { escapeHtml } from "../notifications/messages";

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

type Paragraph = string | { raw: string; text: string };

function render(subject: string, paragraphs: Paragraph[], link: { href: string; label: string } | null): Rendered {
  const plain = paragraphs.map((p) => (typeof p === "string" ? p : p.text));
  const text = [...plain, ...(link ? [`${link.label}: ${link.href}`] : []), "MKB Limburg", ""].join("\n\n");
  const p = (inner: string) => `<p style="margin:0 0 16px 0;">${inner}</p>`;
  const html = [
    "<!DOCTYPE html>",
    '<html lang="nl">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;">',
    '<div style="max-width:600px;margin:0 auto;padding:24px 16px;">',
    `<h1 style="font-size:22px;margin:0 0 16px 0;">${escapeHtml(subject)}</h1>`,
    ...paragraphs.map((x) => p(typeof x === "string" ? escapeHtml(x) : x.raw)),
    ...(link ? [p(`<a href="${escapeHtml(link.href)}" style="color:#00566b;font-weight:bold;">${escapeHtml(link.label)}</a>`)] : []),
    p("MKB Limburg"),
    "</div></body></html>",
    "",
  ].join("\n");
  return { subject, text, html };
}

/** Quotes a user's text: line breaks kept in the text part, escaped in the HTML part. */
function quote(value: string): Paragraph {
  const clean = value.replace(/\r\n?/g, "\n").trim();
  return { raw: `<span style="white-space:pre-wrap;">${escapeHtml(clean)}</span>`, text: clean.replace(/[^\S\n]+/g, " ") };
}

/** To the asker: new answers to their question since the last digest. */
export function renderAnswerDigest(v: { title: string; answers: { author: string; body: string }[]; url: string }): Rendered {
  const count = v.answers.length;
  return render(
    count === 1 ? "Nieuw antwoord op uw vraag" : `${count} nieuwe antwoorden op uw vraag`,
    [
      `Op uw vraag "${toOneLine(v.title)}" op het Kennisplein is geantwoord.`,
      ...v.answers.slice(0, 5).flatMap((a) => [`${toOneLine(a.author)} schreef:`, quote(a.body.length > 600 ? `${a.body.slice(0, 600)}…` : a.body)]),
      "Heeft een antwoord u geholpen? Markeer het op de pagina van uw vraag.",
    ],
    { href: v.url, label: "Naar uw vraag" },
  );
}

/** To the receiver of a contact request: who (their profile) and what; no address of the sender. */
export function renderContactRequest(v: {
  companyName: string;
  sector: string | null;
  municipality: string | null;
  description: string | null;
  message: string;
  url: string;
}): Rendered {
  const facts = [v.sector, v.municipality]
    .filter((x): x is string => !!x)
    .map(toOneLine)
    .join(", ");
  return render(
    "Een ondernemer wil contact met u",
    [
      `${toOneLine(v.companyName)}${facts ? ` (${facts})` : ""} wil via MKB Limburg met u in contact komen.`,
      ...(v.description ? [quote(v.description)] : []),
      "Het bericht:",
      quote(v.message),
      "U beslist zelf of u antwoordt. Uw e-mailadres wordt pas gedeeld als u antwoordt.",
    ],
    { href: v.url, label: "Bekijk het verzoek" },
  );
}

/**
 * To the sender, when the receiver replied: the reply and, now, the receiver's address.
 * `{{address}}` is filled in by the database (escaped there).
 */
export function renderContactReply(v: { reply: string }): Rendered {
  return render(
    "Antwoord op uw contactverzoek",
    ["De ondernemer die u via MKB Limburg benaderde, heeft geantwoord:", quote(v.reply), "U kunt hen bereiken op {{address}}."],
    null,
  );
}

/** To the receiver, when they replied: the sender's address, so they can continue by e-mail. */
export function renderContactShared(): Rendered {
  return render(
    "Contactgegevens gedeeld",
    ["U heeft geantwoord op een contactverzoek via MKB Limburg. Uw e-mailadres is nu met de afzender gedeeld.", "U kunt de afzender bereiken op {{address}}."],
    null,
  );
}
