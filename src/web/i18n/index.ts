/**
 * The web front's texts: one typed key set, assembled from each feature's `texts.ts` (Dutch
 * and English side by side, so adding a page adds its texts in both languages in one place).
 */
import type { Locale } from "../../lib/vocabulary";
import { accountTexts } from "../accounts/texts";
import { apiKeyTexts } from "../api-keys/texts";
import { staffAppointmentTexts } from "../appointments/staff-texts";
import { appointmentTexts } from "../appointments/texts";
import { visitTexts } from "../appointments/texts-visit";
import { authTexts } from "../auth/texts";
import { catalogueTexts } from "../catalogue/texts";
import { communityTexts } from "../community/texts";
import { profileVocabularyTexts } from "../entrepreneurs/profile-texts";
import { entrepreneurTexts } from "../entrepreneurs/texts";
import { organiserEventTexts } from "../events/organiser-texts";
import { eventTexts } from "../events/texts";
import { frontdeskTexts } from "../frontdesks/texts";
import { insightTexts } from "../insights/texts";
import { kitTexts } from "../kit/texts";
import { notificationTexts } from "../notifications/texts";
import { offerTexts } from "../offers/texts";
import { referralTexts } from "../referrals/texts";
import { reportTexts } from "../reports/texts";
import { programmeTexts } from "../programme/texts";
import { regionReportTexts } from "../reports/region-texts";
import { regionAdminTexts } from "../region-admin/texts";
import { platformTexts } from "../accounts/platform-texts";
import { scoutingTexts } from "../scouting/texts";
import { siteTexts } from "../site/texts";

const nl = {
  ...kitTexts.nl,
  ...appointmentTexts.nl,
  ...visitTexts.nl,
  ...siteTexts.nl,
  ...authTexts.nl,
  ...accountTexts.nl,
  ...frontdeskTexts.nl,
  ...notificationTexts.nl,
  ...scoutingTexts.nl,
  ...reportTexts.nl,
  ...programmeTexts.nl,
  ...regionReportTexts.nl,
  ...regionAdminTexts.nl,
  ...platformTexts.nl,
  ...catalogueTexts.nl,
  ...offerTexts.nl,
  ...insightTexts.nl,
  ...entrepreneurTexts.nl,
  ...profileVocabularyTexts.nl,
  ...eventTexts.nl,
  ...organiserEventTexts.nl,
  ...staffAppointmentTexts.nl,
  ...referralTexts.nl,
  ...apiKeyTexts.nl,
  ...communityTexts.nl,
};
export type MessageKey = keyof typeof nl;
export type Catalogue = Record<MessageKey, string>;

const en: Catalogue = {
  ...kitTexts.en,
  ...appointmentTexts.en,
  ...visitTexts.en,
  ...siteTexts.en,
  ...authTexts.en,
  ...accountTexts.en,
  ...frontdeskTexts.en,
  ...notificationTexts.en,
  ...scoutingTexts.en,
  ...reportTexts.en,
  ...programmeTexts.en,
  ...regionReportTexts.en,
  ...regionAdminTexts.en,
  ...platformTexts.en,
  ...catalogueTexts.en,
  ...offerTexts.en,
  ...insightTexts.en,
  ...entrepreneurTexts.en,
  ...profileVocabularyTexts.en,
  ...eventTexts.en,
  ...organiserEventTexts.en,
  ...staffAppointmentTexts.en,
  ...referralTexts.en,
  ...apiKeyTexts.en,
  ...communityTexts.en,
};

export const catalogues: Record<Locale, Catalogue> = { nl, en };

/** Looks a text up and fills `{name}` placeholders. */
export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * @example translator("en")("booking.title") // "Book an appointment"
 */
export function translator(locale: Locale): T {
  const catalogue = catalogues[locale];
  return (key, vars) => {
    const text = catalogue[key];
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}
