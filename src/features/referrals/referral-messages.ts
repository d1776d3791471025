/**
 * The referral e-mails in Dutch and English: to the organisation's partners (a new referral,
 * the reminder) and to the entrepreneur (who will contact them and how to reach that
 * organisation, with the link to withdraw consent). Mails to the organisation carry no
 * personal data: the inbox (signed in) shows the contact details.
 */
import type { Locale } from "../../lib/vocabulary";
import { topicLabel } from "../../lib/vocabulary";
import { toOneLine } from "../../lib/text";
import { escapeHtml } from "../notifications/messages";

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

function render(locale: Locale, subject: string, paragraphs: string[], link: { href: string; label: string } | null): Rendered {
  const text = [...paragraphs, ...(link ? [`${link.label}: ${link.href}`] : []), "", "MKB Limburg", ""].join("\n\n").replace(/\n{3,}/g, "\n\n");
  const p = (inner: string) => `<p style="margin:0 0 16px 0;">${inner}</p>`;
  const html = [
    "<!DOCTYPE html>",
    `<html lang="${locale}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;">',
    '<div style="max-width:600px;margin:0 auto;padding:24px 16px;">',
    `<h1 style="font-size:22px;margin:0 0 16px 0;">${escapeHtml(subject)}</h1>`,
    ...paragraphs.map((x) => p(escapeHtml(x))),
    ...(link ? [p(`<a href="${escapeHtml(link.href)}" style="color:#00566b;font-weight:bold;">${escapeHtml(link.label)}</a>`)] : []),
    p("MKB Limburg"),
    "</div></body></html>",
    "",
  ].join("\n");
  return { subject, text, html };
}

/** To the organisation's partners: a new referral waits in the inbox. */
export function renderNewReferral(v: { organisationName: string; fromRegion: string; topic: string; inboxUrl: string }): Rendered {
  const topic = topicLabel(v.topic, "nl");
  return render(
    "nl",
    "Nieuwe doorverwijzing van een ondernemersloket",
    [
      `Beste partner van ${toOneLine(v.organisationName)},`,
      `Een ondernemer is naar u doorverwezen vanuit de regio ${toOneLine(v.fromRegion)}, met een vraag over ${topic.toLowerCase()}.`,
      "Neem binnen vijf werkdagen contact op en laat in uw overzicht weten hoe het ging (ontvangen, contact gehad, geholpen, niet passend of geen contact).",
    ],
    { href: v.inboxUrl, label: "Naar uw doorverwijzingen" },
  );
}

/** To the organisation's partners, once: a referral was not picked up within 5 working days. */
export function renderReminder(v: { organisationName: string; topic: string; inboxUrl: string; createdDate: string }): Rendered {
  return render(
    "nl",
    "Herinnering: doorverwijzing wacht op u",
    [
      `Beste partner van ${toOneLine(v.organisationName)},`,
      `Een doorverwijzing van ${v.createdDate} over ${topicLabel(v.topic, "nl").toLowerCase()} is na vijf werkdagen nog niet opgepakt. Wilt u de ondernemer benaderen en de status bijwerken?`,
    ],
    { href: v.inboxUrl, label: "Naar uw doorverwijzingen" },
  );
}

/** To the entrepreneur: who will contact them (with consent) or whom to contact (without), and how to reach them. */
export function renderToEntrepreneur(
  locale: Locale,
  v: {
    name: string;
    organisationName: string;
    contact: { email: string | null; phone: string | null; website: string | null };
    consent: boolean;
    withdrawUrl: string | null;
  },
): Rendered {
  const nl = locale === "nl";
  const org = toOneLine(v.organisationName);
  const reach = [v.contact.phone, v.contact.email, v.contact.website].filter((x): x is string => Boolean(x)).join(" · ");
  const paragraphs = [
    nl ? `Beste ${toOneLine(v.name)},` : `Dear ${toOneLine(v.name)},`,
    v.consent
      ? nl
        ? `U bent doorverwezen naar ${org}. Met uw toestemming hebben wij uw contactgegevens met hen gedeeld: zij nemen binnen vijf werkdagen contact met u op.`
        : `You have been referred to ${org}. With your consent we shared your contact details with them: they will contact you within five working days.`
      : nl
        ? `U bent doorverwezen naar ${org}. Wij hebben uw gegevens niet gedeeld: neem zelf contact met hen op.`
        : `You have been referred to ${org}. We did not share your details: please contact them yourself.`,
    ...(reach ? [nl ? `Zo bereikt u ${org}: ${reach}` : `How to reach ${org}: ${reach}`] : []),
    ...(v.withdrawUrl
      ? [
          nl
            ? "Wilt u toch niet dat zij uw gegevens hebben? Trek uw toestemming in via de link hieronder."
            : "Changed your mind? Withdraw your consent through the link below.",
        ]
      : []),
  ];
  return render(
    locale,
    nl ? `Doorverwezen naar ${org}` : `Referred to ${org}`,
    paragraphs,
    v.withdrawUrl ? { href: v.withdrawUrl, label: nl ? "Toestemming bekijken of intrekken" : "View or withdraw consent" } : null,
  );
}
