/**
 * The sign-in e-mail for entrepreneurs, in Dutch and English. It holds the link and nothing
 * else about the reader: it goes to an address that may not have an account yet, and says
 * the same whether or not it does.
 */
import { escapeHtml } from "../notifications/messages";

export interface LoginLinkMessage {
  subject: string;
  text: string;
  html: string;
}

const TEXTS = {
  nl: {
    subject: "Inloggen bij Mijn MKB Limburg",
    intro: "U vroeg om in te loggen bij Mijn MKB Limburg: uw afspraken, uw bedrijfsprofiel en wat u verder met de MKB-aanpak Limburg doet, op één plek.",
    validity: (minutes: number) => `Log in via de link hieronder. De link werkt één keer en is ${minutes} minuten geldig.`,
    button: "Inloggen",
    fallback: "Werkt de knop niet? Kopieer dan deze link in uw browser:",
    ignore: "Vroeg u dit niet? Dan kunt u deze e-mail negeren; er gebeurt niets.",
    footer: "MKB Limburg, de gemeenschappelijke MKB-aanpak voor Limburg.",
  },
  en: {
    subject: "Sign in to My MKB Limburg",
    intro:
      "You asked to sign in to My MKB Limburg: your appointments, your company profile and everything else you do with the SME approach Limburg, in one place.",
    validity: (minutes: number) => `Sign in with the link below. It works once and is valid for ${minutes} minutes.`,
    button: "Sign in",
    fallback: "Does the button not work? Copy this link into your browser:",
    ignore: "Did you not ask for this? Then you can ignore this e-mail; nothing happens.",
    footer: "MKB Limburg, the common SME approach for Limburg.",
  },
} as const;

/**
 * @example renderLoginLink({ link: "https://…/mijn/inloggen?token=…", validMinutes: 15, locale: "nl" })
 */
export function renderLoginLink(input: { link: string; validMinutes: number; locale: "nl" | "en" }): LoginLinkMessage {
  const t = TEXTS[input.locale];
  const p = (inner: string) => `<p style="margin:0 0 16px 0;">${inner}</p>`;
  const html = [
    "<!DOCTYPE html>",
    `<html lang="${input.locale}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(t.subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;">',
    '<div style="max-width:600px;margin:0 auto;padding:24px 16px;">',
    `<h1 style="font-size:22px;margin:0 0 16px 0;">${escapeHtml(t.subject)}</h1>`,
    p(escapeHtml(t.intro)),
    p(escapeHtml(t.validity(input.validMinutes))),
    p(`<a href="${escapeHtml(input.link)}" style="color:#00566b;font-weight:bold;">${escapeHtml(t.button)}</a>`),
    p(`${escapeHtml(t.fallback)} ${escapeHtml(input.link)}`),
    p(escapeHtml(t.ignore)),
    `<p style="margin:24px 0 0 0;padding-top:16px;border-top:1px solid #cccccc;font-size:14px;color:#4d4d4d;">${escapeHtml(t.footer)}</p>`,
    "</div></body></html>",
    "",
  ].join("\n");
  const text = [t.intro, "", t.validity(input.validMinutes), "", input.link, "", t.ignore, "", "MKB Limburg"].join("\n");
  return { subject: t.subject, text, html };
}
