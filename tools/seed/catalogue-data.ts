import type { Audience, OfferCost, OfferKind, OfferStatus, OrganisationKind, Phase } from "../../src/db/schema";
import type { Topic } from "../../src/lib/vocabulary";
import { AGENCY_OFFERS } from "./catalogue-offers-agencies";
import { PRIVATE_OFFERS } from "./catalogue-offers-private";
import { REGIONAL_OFFERS } from "./catalogue-offers-regional";

/**
 * Demo catalogue: support providers of Limburg and their offers, written for this platform
 * (no copied texts). The organisations are real kinds of providers, their names marked
 * "(demo)"; every website and address is a reserved `.example` domain. Dates are relative
 * to the moment of seeding (days from then), so a fresh `npm start` always shows a current
 * catalogue: some offers close soon, one opens later, one has expired, and a few were not
 * checked for over a year (flagged to their organisation).
 */

type RegionSlug = "zuid-limburg" | "midden-limburg" | "noord-limburg";
const Z: RegionSlug = "zuid-limburg";
const M: RegionSlug = "midden-limburg";
const N: RegionSlug = "noord-limburg";
const ALL = "all" as const;

export interface DemoOrganisation {
  slug: string;
  name: string;
  kind: OrganisationKind;
  home: RegionSlug;
  regions: RegionSlug[] | typeof ALL;
  description: string;
  /** Keys of DEMO_FRONTDESKS this organisation runs (desks without one belong to their region's development agency). */
  desks?: string[];
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    slug: "liof",
    name: "LIOF (demo)",
    kind: "development_agency",
    home: Z,
    regions: ALL,
    description: "De regionale ontwikkelingsmaatschappij van Limburg: financiering, innovatie en internationalisering voor het mkb.",
  },
  {
    slug: "led",
    name: "LED Zuid-Limburg (demo)",
    kind: "development_agency",
    home: Z,
    regions: [Z],
    description: "Limburg Economic Development verbindt ondernemers, overheid en onderwijs in Zuid-Limburg en runt de frontdesks van de regio.",
  },
  {
    slug: "keyport",
    name: "Keyport 2020 (demo)",
    kind: "development_agency",
    home: M,
    regions: [M],
    description: "De economische samenwerking van Midden-Limburg: netwerk, talent en vernieuwing voor ondernemers in de regio.",
  },
  {
    slug: "edb",
    name: "EDB Noord-Limburg (demo)",
    kind: "development_agency",
    home: N,
    regions: [N],
    description: "De Economic Development Board van Noord-Limburg: logistiek, agrofood en maakindustrie verder helpen.",
  },
  {
    slug: "kvk",
    name: "KVK Limburg (demo)",
    kind: "chamber_of_commerce",
    home: Z,
    regions: ALL,
    description: "Inschrijven, informatie en advies voor starters en ondernemers, ook over exporteren.",
  },
  {
    slug: "rvo",
    name: "RVO, regio Limburg (demo)",
    kind: "government_agency",
    home: M,
    regions: ALL,
    description: "De uitvoeringsorganisatie van het Rijk voor subsidies, fiscale regelingen en financiering voor ondernemers.",
  },
  {
    slug: "provincie-limburg",
    name: "Provincie Limburg (demo)",
    kind: "government_agency",
    home: Z,
    regions: ALL,
    description: "Provinciale regelingen voor innovatie, arbeidsmarkt en grensoverschrijdende samenwerking.",
  },
  {
    slug: "gemeente-maastricht",
    name: "Gemeente Maastricht (demo)",
    kind: "municipality",
    home: Z,
    regions: [Z],
    description: "Vergunningen, startersregelingen en het ondernemersloket van Maastricht.",
  },
  {
    slug: "gemeente-heerlen",
    name: "Gemeente Heerlen (demo)",
    kind: "municipality",
    home: Z,
    regions: [Z],
    description: "Ondernemen in Heerlen en Parkstad: winkelgebieden, zelfstandigen en vestiging.",
  },
  {
    slug: "gemeente-roermond",
    name: "Gemeente Roermond (demo)",
    kind: "municipality",
    home: M,
    regions: [M],
    description: "Vergunningen en stimuleringsregelingen voor ondernemers in Roermond.",
  },
  {
    slug: "gemeente-venlo",
    name: "Gemeente Venlo (demo)",
    kind: "municipality",
    home: N,
    regions: [N],
    description: "Vestigen, vergunningen en binnenstadsregelingen in Venlo.",
  },
  {
    slug: "rabobank",
    name: "Rabobank Limburg (demo)",
    kind: "bank",
    home: Z,
    regions: ALL,
    description: "Bedrijfsfinanciering, overnamefinanciering en duurzaam investeren voor ondernemers.",
    desks: ["rabo-zl", "rabo-ml", "rabo-nl"],
  },
  {
    slug: "lwv",
    name: "LWV, Limburgse Werkgeversvereniging (demo)",
    kind: "business_association",
    home: Z,
    regions: ALL,
    description: "Belangenbehartiging, werkgeversadvies en netwerk voor Limburgse ondernemers.",
    desks: ["lwv-zl"],
  },
  {
    slug: "mkb-limburg",
    name: "MKB-Limburg (demo)",
    kind: "business_association",
    home: M,
    regions: ALL,
    description: "De ondernemersvereniging van het Limburgse midden- en kleinbedrijf.",
    desks: ["mkb-ml"],
  },
  {
    slug: "zuyd",
    name: "Zuyd Hogeschool (demo)",
    kind: "knowledge_institution",
    home: Z,
    regions: ALL,
    description: "Praktijkgericht onderzoek, studentenprojecten en opleidingen voor werkenden.",
  },
  {
    slug: "maastricht-university",
    name: "Maastricht University (demo)",
    kind: "knowledge_institution",
    home: Z,
    regions: ALL,
    description: "Kennis en onderzoek voor ondernemers, en programma's voor familiebedrijven.",
  },
  {
    slug: "brightlands-chemelot",
    name: "Brightlands Chemelot Campus (demo)",
    kind: "campus",
    home: Z,
    regions: [Z],
    description: "Campus voor chemie en materialen in Sittard-Geleen: faciliteiten en startupprogramma's.",
  },
  {
    slug: "brightlands-greenport",
    name: "Brightlands Campus Greenport Venlo (demo)",
    kind: "campus",
    home: N,
    regions: [N],
    description: "Campus voor agrofood, voeding en gezondheid in Venlo.",
    desks: ["partner-nl"],
  },
  {
    slug: "brightlands-smart-services",
    name: "Brightlands Smart Services Campus (demo)",
    kind: "campus",
    home: Z,
    regions: [Z],
    description: "Campus voor data, AI en digitale diensten in Heerlen.",
  },
  {
    slug: "grensland-advies",
    name: "Grensland Advies (demo)",
    kind: "advisor",
    home: N,
    regions: [N, M],
    description: "Adviesbureau voor bedrijfsovername, subsidies en ondernemingsplannen in Noord- en Midden-Limburg.",
  },
  {
    slug: "werkgeversservicepunt",
    name: "Werkgeversservicepunt Limburg (demo)",
    kind: "other",
    home: Z,
    regions: ALL,
    description: "Gemeenten en UWV samen: hulp bij het vinden van personeel en bij regelingen voor werkgevers.",
  },
];

export interface DemoOffer {
  org: string;
  title: string;
  summary: string;
  description: string;
  howToApply: string;
  kind: OfferKind;
  topics: Topic[];
  audiences: Audience[];
  phases: Phase[];
  regions: RegionSlug[] | typeof ALL;
  municipalities?: string[];
  cost: OfferCost;
  /** Days after seeding; absent = ongoing. */
  deadlineInDays?: number;
  opensInDays?: number;
  /** Days before seeding the offer was last checked (default 20). */
  checkedDaysAgo?: number;
  status?: Exclude<OfferStatus, "archived">;
  email?: string;
}

/** Every demo offer (65), grouped by provider in three files to keep each readable. */
export const DEMO_OFFERS: DemoOffer[] = [...AGENCY_OFFERS, ...REGIONAL_OFFERS, ...PRIVATE_OFFERS];

/** The demo partner account of api.md (password: the demo password). */
export const DEMO_PARTNER = { email: "partner@liof.test", name: "Partner LIOF (demo)", organisation: "liof" };
