import type { Role } from "../../src/db/schema";
import type { FrontdeskKind, Mode, Topic } from "../../src/lib/vocabulary";

/** The three tenants and the municipalities they serve, keyed by CBS code. */
export const DEMO_REGIONS = [
  {
    slug: "zuid-limburg",
    name: "Zuid-Limburg",
    operator: "LED, Limburg Economic Development",
    goodFridayClosed: true,
    liberationDayClosed: false,
    municipalities: [
      ["0888", "Beek"],
      ["1954", "Beekdaelen"],
      ["0899", "Brunssum"],
      ["1903", "Eijsden-Margraten"],
      ["1729", "Gulpen-Wittem"],
      ["0917", "Heerlen"],
      ["0928", "Kerkrade"],
      ["0882", "Landgraaf"],
      ["0935", "Maastricht"],
      ["0938", "Meerssen"],
      ["0965", "Simpelveld"],
      ["1883", "Sittard-Geleen"],
      ["0971", "Stein"],
      ["0981", "Vaals"],
      ["0994", "Valkenburg aan de Geul"],
      ["0986", "Voerendaal"],
    ],
  },
  {
    slug: "midden-limburg",
    name: "Midden-Limburg",
    operator: "Keyport 2020",
    goodFridayClosed: true,
    liberationDayClosed: false,
    municipalities: [
      ["1711", "Echt-Susteren"],
      ["1640", "Leudal"],
      ["1641", "Maasgouw"],
      ["0946", "Nederweert"],
      ["1669", "Roerdalen"],
      ["0957", "Roermond"],
      ["0988", "Weert"],
    ],
  },
  {
    slug: "noord-limburg",
    name: "Noord-Limburg",
    operator: "EDB Noord-Limburg (Economic Development Board)",
    goodFridayClosed: false,
    liberationDayClosed: true,
    municipalities: [
      ["0889", "Beesel"],
      ["0893", "Bergen"],
      ["0907", "Gennep"],
      ["1507", "Horst aan de Maas"],
      ["0944", "Mook en Middelaar"],
      ["1894", "Peel en Maas"],
      ["0983", "Venlo"],
      ["0984", "Venray"],
    ],
  },
] as const;

type Hours = [weekday: number, opens: string, closes: string][];
const WEEKDAYS_SPLIT: Hours = [1, 2, 3, 4, 5].flatMap(
  (d): Hours => [
    [d, "09:00", "12:30"],
    [d, "13:30", "17:00"],
  ],
);
const MON_TO_THU: Hours = [1, 2, 3, 4].map((d): [number, string, string] => [d, "09:00", "16:00"]);
const TUE_THU_MORNINGS: Hours = [
  [2, "09:00", "12:00"],
  [4, "09:00", "12:00"],
];
const MON_WED_FRI: Hours = [
  [1, "10:00", "16:00"],
  [3, "10:00", "16:00"],
  [5, "09:00", "12:00"],
];

export interface DemoFrontdesk {
  key: string;
  region: string;
  name: string;
  kind: FrontdeskKind;
  municipality: string;
  address: string;
  modes: Mode[];
  topics: Topic[];
  slotMinutes: number;
  capacityPerSlot: number;
  hours: Hours;
  /** Public contact of the desk (phone in E.164). */
  phone: string;
  email: string;
  /** Municipalities served; absent = the whole region (the default). */
  serves?: string[];
  visitInfo: string;
  accessInfo: string;
}

const video = "https://meet.mkb-limburg.test/{id}";

/** Plausible, clearly marked demo frontdesks: names end in "(demo)". */
export const DEMO_FRONTDESKS: DemoFrontdesk[] = [
  {
    key: "maastricht",
    region: "zuid-limburg",
    name: "Ondernemersloket Maastricht (demo)",
    kind: "municipal_desk",
    municipality: "Maastricht",
    address: "Mosae Forum 10, 6211 DW Maastricht",
    modes: ["in_person", "video"],
    topics: ["vergunningen", "subsidies", "financiering", "overig"],
    slotMinutes: 30,
    capacityPerSlot: 2,
    hours: WEEKDAYS_SPLIT,
    phone: "+31433505050",
    email: "ondernemersloket@maastricht.test",
    visitInfo:
      "Neem uw KvK-nummer mee en, als u die heeft, uw plannen of begroting. Het gesprek duurt een half uur; een adviseur luistert naar uw vraag en zegt wat de volgende stap is.",
    accessInfo: "Rolstoeltoegankelijk, met lift. Betaald parkeren in de garage onder het Mosae Forum; bus 1, 2 en 7 stoppen bij de Markt.",
  },
  {
    key: "heerlen",
    region: "zuid-limburg",
    name: "Bedrijvencontactcentrum Heerlen (demo)",
    kind: "municipal_desk",
    municipality: "Heerlen",
    address: "Geleenstraat 27, 6411 HP Heerlen",
    modes: ["in_person", "video"],
    topics: ["vergunningen", "personeel", "bedrijfsoverdracht", "overig"],
    slotMinutes: 45,
    capacityPerSlot: 1,
    hours: MON_TO_THU,
    phone: "+31455605040",
    email: "bedrijven@heerlen.test",
    serves: ["Heerlen", "Brunssum", "Landgraaf", "Kerkrade", "Simpelveld", "Voerendaal", "Beekdaelen"],
    visitInfo: "Neem uw KvK-uittreksel en een korte beschrijving van uw plan mee. Reken op drie kwartier.",
    accessInfo: "De ingang is gelijkvloers en er is een invalidentoilet. Parkeergarage Maankwartier ligt op 5 minuten lopen; station Heerlen op 3 minuten.",
  },
  {
    key: "sittard",
    region: "zuid-limburg",
    name: "Ondernemersloket Sittard-Geleen (demo)",
    kind: "municipal_desk",
    municipality: "Sittard-Geleen",
    address: "Markt 1, 6131 EK Sittard",
    modes: ["in_person"],
    topics: ["vergunningen", "duurzaamheid", "overig"],
    slotMinutes: 30,
    capacityPerSlot: 1,
    hours: MON_WED_FRI,
    phone: "+31464777777",
    email: "ondernemersloket@sittard-geleen.test",
    serves: ["Sittard-Geleen", "Beek", "Stein", "Beekdaelen"],
    visitInfo: "Neem uw KvK-nummer mee en, bij een vergunningsvraag, een tekening of foto van de situatie.",
    accessInfo: "Het stadhuis is rolstoeltoegankelijk. Parkeren kan in de garage Stadspark (betaald).",
  },
  {
    key: "rabo-zl",
    region: "zuid-limburg",
    name: "Rabobank Zuid-Limburg Midden, ondernemersdesk (demo)",
    kind: "bank",
    municipality: "Heerlen",
    address: "Bongerd 2, 6411 JM Heerlen",
    modes: ["in_person", "video"],
    topics: ["financiering", "bedrijfsoverdracht", "groei_en_innovatie"],
    slotMinutes: 60,
    capacityPerSlot: 2,
    hours: WEEKDAYS_SPLIT,
    phone: "+31455607080",
    email: "ondernemersdesk@rabo-zl.test",
    visitInfo: "Neem uw laatste jaarcijfers en een overzicht van uw financieringsvraag mee. Het gesprek duurt een uur.",
    accessInfo: "Rolstoeltoegankelijk. Parkeren in de garage Bongerd (betaald).",
  },
  {
    key: "lwv-zl",
    region: "zuid-limburg",
    name: "LWV ondernemersspreekuur Maastricht (demo)",
    kind: "business_association",
    municipality: "Maastricht",
    address: "Avenue Ceramique 221, 6221 KX Maastricht",
    modes: ["video"],
    topics: ["personeel", "internationaal", "groei_en_innovatie"],
    slotMinutes: 30,
    capacityPerSlot: 1,
    hours: TUE_THU_MORNINGS,
    phone: "+31433201020",
    email: "spreekuur@lwv.test",
    visitInfo: "U krijgt een link voor het videogesprek in de bevestiging. Zorg voor een rustige plek en houd uw vraag op papier bij de hand.",
    accessInfo: "Het gesprek is online: u hoeft nergens heen.",
  },
  {
    key: "roermond",
    region: "midden-limburg",
    name: "Ondernemersloket Roermond (demo)",
    kind: "municipal_desk",
    municipality: "Roermond",
    address: "Markt 31, 6041 EM Roermond",
    modes: ["in_person", "video"],
    topics: ["vergunningen", "subsidies", "overig"],
    slotMinutes: 30,
    capacityPerSlot: 1,
    hours: WEEKDAYS_SPLIT,
    phone: "+31475359999",
    email: "ondernemersloket@roermond.test",
    serves: ["Roermond", "Roerdalen", "Maasgouw", "Leudal", "Echt-Susteren"],
    visitInfo: "Neem uw KvK-nummer mee en eventuele brieven van de gemeente over uw vraag.",
    accessInfo: "Het stadskantoor is rolstoeltoegankelijk. Parkeren in de garage Kazerneplein (betaald).",
  },
  {
    key: "weert",
    region: "midden-limburg",
    name: "Bedrijvenloket Weert (demo)",
    kind: "municipal_desk",
    municipality: "Weert",
    address: "Wilhelminasingel 101, 6001 GS Weert",
    modes: ["in_person"],
    topics: ["vergunningen", "duurzaamheid", "personeel"],
    slotMinutes: 30,
    capacityPerSlot: 1,
    hours: MON_TO_THU,
    phone: "+31495575000",
    email: "bedrijvenloket@weert.test",
    serves: ["Weert", "Nederweert", "Leudal"],
    visitInfo: "Neem uw KvK-nummer mee. Het gesprek duurt een half uur.",
    accessInfo: "Rolstoeltoegankelijk, met lift. Gratis parkeren achter het stadhuis.",
  },
  {
    key: "rabo-ml",
    region: "midden-limburg",
    name: "Rabobank Midden-Limburg, ondernemersdesk (demo)",
    kind: "bank",
    municipality: "Roermond",
    address: "Kruisherenstraat 8, 6041 HH Roermond",
    modes: ["in_person", "video"],
    topics: ["financiering", "bedrijfsoverdracht"],
    slotMinutes: 60,
    capacityPerSlot: 1,
    hours: MON_WED_FRI,
    phone: "+31475380380",
    email: "ondernemersdesk@rabo-ml.test",
    visitInfo: "Neem uw laatste jaarcijfers en uw ondernemingsplan mee. Het gesprek duurt een uur.",
    accessInfo: "Rolstoeltoegankelijk. Parkeren in de garage Kloosterwandplein (betaald).",
  },
  {
    key: "mkb-ml",
    region: "midden-limburg",
    name: "MKB-Limburg spreekuur Echt-Susteren (demo)",
    kind: "business_association",
    municipality: "Echt-Susteren",
    address: "Nieuwe Markt 55, 6101 CV Echt",
    modes: ["in_person", "video"],
    topics: ["groei_en_innovatie", "digitalisering", "internationaal"],
    slotMinutes: 30,
    capacityPerSlot: 2,
    hours: TUE_THU_MORNINGS,
    phone: "+31475481000",
    email: "spreekuur@mkb-limburg.test",
    visitInfo: "Beschrijf vooraf kort waar u wilt groeien; dan kunnen we in een half uur veel bespreken.",
    accessInfo: "De zaal is gelijkvloers. Gratis parkeren op de Nieuwe Markt.",
  },
  {
    key: "venlo",
    region: "noord-limburg",
    name: "Ondernemersloket Venlo (demo)",
    kind: "municipal_desk",
    municipality: "Venlo",
    address: "Hanzeplaats 1, 5912 AT Venlo",
    modes: ["in_person", "video"],
    topics: ["vergunningen", "subsidies", "personeel", "overig"],
    slotMinutes: 30,
    capacityPerSlot: 2,
    hours: WEEKDAYS_SPLIT,
    phone: "+31773596666",
    email: "ondernemersloket@venlo.test",
    serves: ["Venlo", "Beesel", "Peel en Maas", "Horst aan de Maas"],
    visitInfo: "Neem uw KvK-nummer mee en, als u die heeft, uw plannen of begroting. Het gesprek duurt een half uur.",
    accessInfo: "Stadskantoor Venlo is rolstoeltoegankelijk. Parkeergarage Maaskade ligt op 5 minuten lopen; station Venlo op 2 minuten.",
  },
  {
    key: "venray",
    region: "noord-limburg",
    name: "Bedrijvenloket Venray (demo)",
    kind: "municipal_desk",
    municipality: "Venray",
    address: "Raadhuisstraat 1, 5801 BP Venray",
    modes: ["in_person"],
    topics: ["vergunningen", "duurzaamheid", "overig"],
    slotMinutes: 30,
    capacityPerSlot: 1,
    hours: MON_TO_THU,
    phone: "+31478523333",
    email: "bedrijvenloket@venray.test",
    serves: ["Venray", "Horst aan de Maas", "Bergen", "Gennep", "Mook en Middelaar"],
    visitInfo: "Neem uw KvK-nummer mee. Het gesprek duurt een half uur.",
    accessInfo: "Rolstoeltoegankelijk. Gratis parkeren aan de Raadhuisstraat.",
  },
  {
    key: "rabo-nl",
    region: "noord-limburg",
    name: "Rabobank Venlo, ondernemersdesk (demo)",
    kind: "bank",
    municipality: "Venlo",
    address: "Keulsepoort 2, 5911 BX Venlo",
    modes: ["in_person", "video"],
    topics: ["financiering", "bedrijfsoverdracht", "groei_en_innovatie"],
    slotMinutes: 60,
    capacityPerSlot: 1,
    hours: MON_WED_FRI,
    phone: "+31773205205",
    email: "ondernemersdesk@rabo-venlo.test",
    visitInfo: "Neem uw laatste jaarcijfers en een overzicht van uw financieringsvraag mee. Het gesprek duurt een uur.",
    accessInfo: "Rolstoeltoegankelijk. Parkeren in de garage Keulsepoort (betaald).",
  },
  {
    key: "partner-nl",
    region: "noord-limburg",
    name: "Brightlands Campus Greenport innovatiespreekuur (demo)",
    kind: "partner",
    municipality: "Horst aan de Maas",
    address: "Villafloraweg 1, 5928 SZ Venlo",
    modes: ["video"],
    topics: ["groei_en_innovatie", "digitalisering", "duurzaamheid"],
    slotMinutes: 45,
    capacityPerSlot: 1,
    hours: TUE_THU_MORNINGS,
    phone: "+31773210000",
    email: "innovatie@brightlands-greenport.test",
    visitInfo: "U krijgt een link voor het videogesprek in de bevestiging. Houd een korte beschrijving van uw idee bij de hand.",
    accessInfo: "Het gesprek is online: u hoeft nergens heen.",
  },
];

export const DEMO_PASSWORD = "MKB-demo-2027!";
export const DEMO_VIDEO_TEMPLATE = video;

/** The demo accounts (README, "Demo accounts"); `frontdesk` names a DEMO_FRONTDESKS key. */
export const DEMO_USERS: { email: string; name: string; role: Role; region?: string; frontdesk?: string }[] = [
  { email: "admin@mkb-limburg.test", name: "Platformbeheerder (demo)", role: "platform_admin" },
  { email: "provincie@limburg.test", name: "Provincie Limburg (demo)", role: "province_viewer" },
  { email: "beheer@zuid-limburg.test", name: "Beheer Zuid-Limburg (demo)", role: "region_admin", region: "zuid-limburg" },
  { email: "beheer@midden-limburg.test", name: "Beheer Midden-Limburg (demo)", role: "region_admin", region: "midden-limburg" },
  { email: "beheer@noord-limburg.test", name: "Beheer Noord-Limburg (demo)", role: "region_admin", region: "noord-limburg" },
  { email: "balie@zuid-limburg.test", name: "Baliemedewerker Maastricht (demo)", role: "frontdesk_staff", region: "zuid-limburg", frontdesk: "maastricht" },
  { email: "adviseur@zuid-limburg.test", name: "MKB-adviseur Zuid-Limburg (demo)", role: "consultant", region: "zuid-limburg" },
];
