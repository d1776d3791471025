/**
 * The account e-mails (invitation, password reset) in Dutch. The recipient's name is
 * escaped in HTML and flattened to one line in the text; it never appears in the subject.
 */
import { escapeHtml } from "../notifications/messages";
import { toOneLine } from "../../lib/text";

export interface AccountMessageInput {
  name: string;
  link: string;
  /** Hours the link stays valid. */
  validHours: number;
  /** Invitation only: the role in words and the region, if any. */
  roleLabel?: string;
  regionName?: string | null;
}

export const ROLE_LABELS_NL: Record<string, string> = {
  platform_admin: "platformbeheerder",
  province_viewer: "provincie (overzichten)",
  region_admin: "regiobeheerder",
  frontdesk_staff: "loketmedewerker",
  consultant: "MKB-adviseur",
  partner: "partner (aanbieder in de catalogus)",
};

const oneLine = toOneLine;

function html(subject: string, paragraphs: string[], link: string, button: string): string {
  const p = (inner: string) => `<p style="margin:0 0 16px 0;">${inner}</p>`;
  return [
    "<!DOCTYPE html>",
    '<html lang="nl">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;">',
    '<div style="max-width:600px;margin:0 auto;padding:24px 16px;">',
    `<h1 style="font-size:22px;margin:0 0 16px 0;">${escapeHtml(subject)}</h1>`,
    ...paragraphs.map((text) => p(escapeHtml(text))),
    p(`<a href="${escapeHtml(link)}" style="color:#00566b;font-weight:bold;">${escapeHtml(button)}</a>`),
    p(`Werkt de knop niet? Kopieer dan deze link in uw browser: ${escapeHtml(link)}`),
    '<p style="margin:24px 0 0 0;padding-top:16px;border-top:1px solid #cccccc;font-size:14px;color:#4d4d4d;">MKB Limburg, de gemeenschappelijke MKB-aanpak voor Limburg.</p>',
    "</div></body></html>",
    "",
  ].join("\n");
}

/** @example renderInvitation({ name: "An", link: "https://…", validHours: 72, roleLabel: "regiobeheerder" }) */
export function renderInvitation(input: AccountMessageInput): { subject: string; text: string; html: string } {
  const subject = "Uw account voor MKB Limburg";
  const where = input.regionName ? ` in de regio ${oneLine(input.regionName)}` : "";
  const paragraphs = [
    `Beste ${oneLine(input.name)},`,
    `Er is een account voor u aangemaakt op het platform van MKB Limburg, als ${input.roleLabel ?? "medewerker"}${where}.`,
    `Kies via de link hieronder een wachtwoord. De link werkt één keer en is ${input.validHours} uur geldig.`,
    "Verwachtte u deze e-mail niet? Dan kunt u hem negeren.",
  ];
  const text = [...paragraphs.slice(0, 3), "", input.link, "", paragraphs[3], "", "MKB Limburg"].join("\n");
  return { subject, text, html: html(subject, paragraphs, input.link, "Wachtwoord kiezen") };
}

/** @example renderPasswordReset({ name: "An", link: "https://…", validHours: 1 }) */
export function renderPasswordReset(input: AccountMessageInput): { subject: string; text: string; html: string } {
  const subject = "Nieuw wachtwoord instellen";
  const paragraphs = [
    `Beste ${oneLine(input.name)},`,
    `Iemand heeft gevraagd om een nieuw wachtwoord voor uw account bij MKB Limburg. Kies via de link hieronder een nieuw wachtwoord. De link werkt één keer en is ${input.validHours} uur geldig.`,
    "Heeft u dit niet gevraagd? Dan kunt u deze e-mail negeren; uw wachtwoord blijft hetzelfde.",
  ];
  const text = [...paragraphs.slice(0, 2), "", input.link, "", paragraphs[2], "", "MKB Limburg"].join("\n");
  return { subject, text, html: html(subject, paragraphs, input.link, "Nieuw wachtwoord kiezen") };
}
