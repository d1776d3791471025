/**
 * The mails of a self-registration for the Support Process: the entrepreneur's confirmation
 * (what happens next, the conditions in plain words) and the notice to the region's admins.
 * Text typed by people is flattened to one line and HTML-escaped, as in the appointment mails.
 */
import { toOneLine } from "../../lib/text";
import type { Locale } from "../../lib/vocabulary";
import { escapeHtml } from "./messages";

export interface CandidateMailView {
  contactName: string;
  companyName: string;
  municipality: string;
  regionName: string;
  /** The staff page of the candidate (admins' mail only). */
  staffUrl?: string;
}

export interface RenderedCandidateMail {
  subject: string;
  text: string;
  html: string;
}

const CONDITIONS: Record<Locale, string[]> = {
  nl: [
    "Het traject kost u tijd: reken op een intakegesprek en daarna ongeveer één gesprek per maand met uw adviseur, een half jaar tot een jaar lang.",
    "De begeleiding door de MKB-adviseur is gratis. Schakelt u een expert in (bijvoorbeeld een accountant of marketingbureau), dan betaalt u die zelf.",
    "Voor een deel van die kosten kunt u soms een voucher (een bijdrage) krijgen. Uw adviseur vertelt u wanneer dat kan.",
  ],
  en: [
    "The process takes some of your time: an intake meeting and then about one meeting a month with your adviser, for six months to a year.",
    "The guidance of the SME adviser is free. If you hire an expert (an accountant or a marketing agency, for example), you pay the expert yourself.",
    "You can sometimes get a voucher (a contribution) towards part of those costs. Your adviser tells you when that is possible.",
  ],
};

/** The conditions of the Support Process in plain words (also shown on the registration page). */
export function supportConditions(locale: Locale): readonly string[] {
  return CONDITIONS[locale];
}

function render(subject: string, paragraphs: string[], list: string[], locale: Locale): RenderedCandidateMail {
  const text = [...paragraphs, "", ...list.map((l) => `- ${l}`), ""].join("\n");
  const html = [
    "<!DOCTYPE html>",
    `<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;"><div style="max-width:600px;margin:0 auto;padding:24px 16px;">',
    ...paragraphs.filter(Boolean).map((p) => `<p style="margin:0 0 16px 0;">${escapeHtml(p)}</p>`),
    list.length ? `<ul>${list.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>` : "",
    "</div></body></html>",
    "",
  ].join("\n");
  return { subject, text, html };
}

/**
 * The confirmation to the entrepreneur who registered.
 * @example renderCandidateConfirmation({ contactName: "An", companyName: "Brood BV", municipality: "Venlo", regionName: "Noord-Limburg" }, "nl")
 */
export function renderCandidateConfirmation(view: CandidateMailView, locale: Locale): RenderedCandidateMail {
  const name = toOneLine(view.contactName);
  const company = toOneLine(view.companyName);
  const region = toOneLine(view.regionName);
  if (locale === "en") {
    return render(
      "Your registration for the Support Process",
      [
        name ? `Dear ${name},` : "Dear entrepreneur,",
        `Thank you for registering ${company} for the Support Process. An SME adviser of the region ${region} will contact you soon for an intake meeting.`,
        "Good to know:",
      ],
      [...CONDITIONS.en, "Kind regards, SME approach Limburg"],
      locale,
    );
  }
  return render(
    "Uw aanmelding voor het begeleidingstraject",
    [
      name ? `Beste ${name},` : "Beste ondernemer,",
      `Bedankt voor de aanmelding van ${company} voor het begeleidingstraject. Een MKB-adviseur van de regio ${region} neemt binnenkort contact met u op voor een intakegesprek.`,
      "Goed om te weten:",
    ],
    [...CONDITIONS.nl, "Met vriendelijke groet, MKB-aanpak Limburg"],
    locale,
  );
}

/**
 * The notice to a region admin (or the programme office): a new candidate to assign (Dutch by
 * default, the staff's language; English on request). No name or company in it: the staff's
 * copy is not erased with the entrepreneur's data, so it carries only the municipality, how
 * the candidate came in and the link.
 */
export function renderCandidateNotice(view: CandidateMailView & { self?: boolean }, locale: Locale = "nl"): RenderedCandidateMail {
  const municipality = toOneLine(view.municipality);
  const region = toOneLine(view.regionName);
  const self = view.self ?? true;
  if (locale === "en") {
    return render(
      "New registration for the Support Process",
      [
        "Dear administrator,",
        self
          ? `An entrepreneur from ${municipality} registered for the Support Process in the region ${region}.`
          : `A frontdesk registered an entrepreneur from ${municipality} for the Support Process in the region ${region}.`,
        view.staffUrl ? `Assign an SME adviser: ${view.staffUrl}` : "Assign an SME adviser on the Support Process page.",
      ],
      [],
      locale,
    );
  }
  return render(
    "Nieuwe aanmelding voor het begeleidingstraject",
    [
      "Beste beheerder,",
      self
        ? `Een ondernemer uit ${municipality} heeft zich zelf aangemeld voor het begeleidingstraject in de regio ${region}.`
        : `Een ondernemersloket heeft een ondernemer uit ${municipality} aangemeld voor het begeleidingstraject in de regio ${region}.`,
      view.staffUrl ? `Wijs een MKB-adviseur toe: ${view.staffUrl}` : "Wijs een MKB-adviseur toe op de pagina Begeleidingstraject.",
    ],
    [],
    locale,
  );
}

/**
 * The mail to a consultant that a trajectory was assigned to them (Dutch by default; English
 * on request). Like the notice, no name or company: the municipality and the link.
 * @example renderAssignmentNotice({ consultantName: "Ria", municipality: "Venlo", regionName: "Noord-Limburg", staffUrl }, "nl")
 */
export function renderAssignmentNotice(
  view: { consultantName: string; municipality: string; regionName: string; staffUrl?: string },
  locale: Locale = "nl",
): RenderedCandidateMail {
  const name = toOneLine(view.consultantName);
  const municipality = toOneLine(view.municipality);
  const region = toOneLine(view.regionName);
  if (locale === "en") {
    return render(
      "A Support Process trajectory was assigned to you",
      [
        name ? `Dear ${name},` : "Dear adviser,",
        `A trajectory of an entrepreneur from ${municipality} in the region ${region} was assigned to you. Please plan the intake meeting.`,
        view.staffUrl ? `The trajectory: ${view.staffUrl}` : "You find it on the Support Process page.",
      ],
      [],
      locale,
    );
  }
  return render(
    "Er is een begeleidingstraject aan u toegewezen",
    [
      name ? `Beste ${name},` : "Beste adviseur,",
      `Het traject van een ondernemer uit ${municipality} in de regio ${region} is aan u toegewezen. Plan het intakegesprek in.`,
      view.staffUrl ? `Het traject: ${view.staffUrl}` : "U vindt het op de pagina Begeleidingstraject.",
    ],
    [],
    locale,
  );
}
