import type { InStatement } from "@libsql/client/web";
import type { Audience, OfferContent, OfferCost, OfferKind, OrganisationKind, Phase } from "../../db/schema";
import type { Topic } from "../../lib/vocabulary";
import { correctionCandidates, indexText } from "./dutch-search";

/**
 * What the full-text index holds for one published offer, and the statements that keep it
 * in sync. The `tags` column carries the Dutch words people use for the offer's vocabulary
 * values (topic "personeel" also as "medewerkers werknemers"), so a search for a word finds
 * offers tagged with it even when their text does not use it.
 */

export const TOPIC_WORDS: Record<Topic, string> = {
  financiering: "financiering geld lening krediet investering",
  groei_en_innovatie: "groei innovatie vernieuwing",
  subsidies: "subsidie subsidies regeling bijdrage",
  vergunningen: "vergunning vergunningen regels",
  personeel: "personeel medewerkers werknemers arbeidsmarkt",
  bedrijfsoverdracht: "bedrijfsoverdracht overname opvolging overdracht",
  duurzaamheid: "duurzaamheid duurzaam energie circulair",
  digitalisering: "digitalisering digitaal ict automatisering",
  internationaal: "internationaal export buitenland",
  overig: "",
};
const KIND_WORDS: Record<OfferKind, string> = {
  subsidy: "subsidie",
  financing: "financiering",
  advice: "advies",
  training: "training opleiding cursus",
  network: "netwerk",
  contact_point: "loket contactpunt ondernemersloket",
  regulation: "regeling maatregel",
  private_service: "dienstverlening",
};
export const AUDIENCE_WORDS: Record<Audience, string> = {
  starter: "starter startende ondernemer",
  established_sme: "mkb",
  growth: "groei scale-up",
  innovator: "innovator",
  self_employed: "zzp zelfstandige",
  successor: "opvolger overnemer",
  exporter: "exporteur",
};
const PHASE_WORDS: Record<Phase, string> = { orientation: "oriëntatie", plan: "plan", financing: "financiering", execution: "uitvoering" };
const COST_WORDS: Record<OfferCost, string> = { free: "gratis", paid: "betaald", co_funded: "cofinanciering" };
const ORGANISATION_KIND_WORDS: Record<OrganisationKind, string> = {
  municipality: "gemeente",
  development_agency: "ontwikkelingsmaatschappij",
  chamber_of_commerce: "kamer van koophandel",
  government_agency: "overheid",
  bank: "bank",
  business_association: "ondernemersvereniging",
  knowledge_institution: "kennisinstelling",
  campus: "campus",
  advisor: "adviseur",
  other: "",
};

export interface IndexedOffer {
  id: string;
  content: Pick<
    OfferContent,
    "title" | "summary" | "description" | "howToApply" | "kind" | "topics" | "audiences" | "phases" | "regions" | "allLimburg" | "municipalities" | "cost"
  >;
  organisation: { name: string; kind: OrganisationKind };
  /** Region slug → name, to index the names of the regions served. */
  regionNames: ReadonlyMap<string, string>;
}

/** The five indexed columns of one offer, as indexed text. */
export function indexColumns(offer: IndexedOffer): { title: string; summary: string; body: string; organisation: string; tags: string } {
  const c = offer.content;
  const regionWords = c.allLimburg ? ["limburg", ...offer.regionNames.values()] : c.regions.map((slug) => offer.regionNames.get(slug) ?? slug);
  const tags = [
    ...c.topics.map((t) => TOPIC_WORDS[t]),
    KIND_WORDS[c.kind],
    ...c.audiences.map((a) => AUDIENCE_WORDS[a]),
    ...c.phases.map((p) => PHASE_WORDS[p]),
    COST_WORDS[c.cost],
    ...regionWords,
    ...c.municipalities,
  ].join(" ");
  return {
    title: indexText(c.title),
    summary: indexText(c.summary),
    body: indexText(`${c.description}\n${c.howToApply}`),
    organisation: indexText(`${offer.organisation.name} ${ORGANISATION_KIND_WORDS[offer.organisation.kind]}`),
    tags: indexText(tags),
  };
}

/**
 * Replaces the offer's row in the index, but only if the offer is published once the earlier
 * statements of the same batch have run (so a lost race never indexes an unpublished offer).
 * Also records its words as typo-correction candidates.
 */
export function indexOfferStatements(offer: IndexedOffer): InStatement[] {
  const cols = indexColumns(offer);
  const c = offer.content;
  const terms = correctionCandidates(
    [c.title, c.summary, c.description, c.howToApply, offer.organisation.name, ...c.municipalities, ...offer.regionNames.values()].join(" "),
  );
  return [
    unindexOfferStatement(offer.id),
    {
      sql: `insert into offers_fts (rowid, title, summary, body, organisation, tags)
            select seq, ?, ?, ?, ?, ? from offers where id = ? and status = 'published'`,
      args: [cols.title, cols.summary, cols.body, cols.organisation, cols.tags, offer.id],
    },
    ...(terms.length > 0 ? [{ sql: `insert or ignore into search_terms (term) values ${terms.map(() => "(?)").join(", ")}`, args: terms }] : []),
  ];
}

/** Removes the offer from the index (archived, or about to be re-indexed). */
export function unindexOfferStatement(offerId: string): InStatement {
  return { sql: "delete from offers_fts where rowid = (select seq from offers where id = ?)", args: [offerId] };
}
