/**
 * The platform's shared vocabularies (the API contract's topics, modes and desk kinds) and
 * their labels in Dutch and English: one list each, read by the database columns, the API
 * schemas, the web pages and the e-mails. Adding a topic is one line here and one label per language.
 */

/** The languages of the web front and the e-mails; Dutch first (the default). */
export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const TOPICS = [
  "financiering",
  "groei_en_innovatie",
  "subsidies",
  "vergunningen",
  "personeel",
  "bedrijfsoverdracht",
  "duurzaamheid",
  "digitalisering",
  "internationaal",
  "overig",
] as const;
export type Topic = (typeof TOPICS)[number];

export const MODES = ["in_person", "video"] as const;
export type Mode = (typeof MODES)[number];

export const FRONTDESK_KINDS = ["municipal_desk", "bank", "business_association", "partner"] as const;
export type FrontdeskKind = (typeof FRONTDESK_KINDS)[number];

/** Topic labels per language (complete for every topic: `satisfies` checks it). */
export const TOPIC_LABELS: Record<Locale, Readonly<Record<string, string>>> = {
  nl: {
    financiering: "Financiering",
    groei_en_innovatie: "Groei en innovatie",
    subsidies: "Subsidies",
    vergunningen: "Vergunningen",
    personeel: "Personeel",
    bedrijfsoverdracht: "Bedrijfsoverdracht",
    duurzaamheid: "Duurzaamheid",
    digitalisering: "Digitalisering",
    internationaal: "Internationaal ondernemen",
    overig: "Overig",
  },
  en: {
    financiering: "Financing",
    groei_en_innovatie: "Growth and innovation",
    subsidies: "Subsidies",
    vergunningen: "Permits",
    personeel: "Staff and hiring",
    bedrijfsoverdracht: "Business succession",
    duurzaamheid: "Sustainability",
    digitalisering: "Digitalisation",
    internationaal: "International business",
    overig: "Other",
  },
} satisfies Record<Locale, Record<Topic, string>>;

const MODE_LABELS: Record<Locale, Record<Mode, string>> = {
  nl: { in_person: "Op locatie", video: "Videogesprek" },
  en: { in_person: "In person", video: "Video call" },
};

const KIND_LABELS: Record<Locale, Record<FrontdeskKind, string>> = {
  nl: { municipal_desk: "Gemeentelijk ondernemersloket", bank: "Bank", business_association: "Ondernemersvereniging", partner: "Partner" },
  en: { municipal_desk: "Municipal business desk", bank: "Bank", business_association: "Business association", partner: "Partner" },
};

const labelOf = <K extends string>(labels: Record<K, string>, key: string): string | undefined => (labels as Record<string, string>)[key];

/**
 * A topic in words; an unknown key (an older value, say) reads as its key with spaces.
 * @example topicLabel("groei_en_innovatie", "en") // "Growth and innovation"
 */
export function topicLabel(topic: string, locale: Locale): string {
  return TOPIC_LABELS[locale][topic] ?? topic.replace(/_/g, " ");
}

/** @example modeLabel("video", "nl") // "Videogesprek" */
export function modeLabel(mode: string, locale: Locale): string {
  return labelOf(MODE_LABELS[locale], mode) ?? MODE_LABELS[locale].in_person;
}

/** @example kindLabel("bank", "en") // "Bank" */
export function kindLabel(kind: string, locale: Locale): string {
  return labelOf(KIND_LABELS[locale], kind) ?? KIND_LABELS[locale].partner;
}

/** A list's values as options for a select or a group of choices, labelled in `locale`. */
export function vocabularyOptions<V extends string>(values: readonly V[], label: (value: V, locale: Locale) => string, locale: Locale) {
  return values.map((value) => ({ value, label: label(value, locale) }));
}
