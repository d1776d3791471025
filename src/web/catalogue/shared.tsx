/** The catalogue's vocabulary in words, and the offer card of the search, organisation and related lists. */
import type { Audience, OfferCost, OfferKind, OfferStatus, OrganisationKind, Phase } from "../../db/schema";
import type { OfferSummary } from "../../features/catalogue/offer-dto";
import type { Web } from "../kit/context";
import { day } from "../kit/format";

export const offerKindLabel = (w: Web, k: OfferKind) => w.t(`cat.kind.${k}`);
export const audienceLabel = (w: Web, a: Audience) => w.t(`cat.aud.${a}`);
export const phaseLabel = (w: Web, p: Phase) => w.t(`cat.phase.${p}`);
export const costLabel = (w: Web, c: OfferCost) => w.t(`cat.cost.${c}`);
export const organisationKindLabel = (w: Web, k: OrganisationKind) => w.t(`cat.orgkind.${k}`);
export const offerStatusLabel = (w: Web, s: OfferStatus) => w.t(`cat.status.${s}`);

/** "Apply until 30 June 2027", "Opens on …" or "Ongoing". */
export function deadlineText(w: Web, offer: { deadline: string | null; opensAt: string | null }, today: string): string {
  if (offer.opensAt && offer.opensAt > today) return w.t("cat.opens", { date: day(offer.opensAt, w.locale) });
  return offer.deadline ? w.t("cat.deadline", { date: day(offer.deadline, w.locale) }) : w.t("cat.ongoing");
}

/** Where an offer holds: all of Limburg, or its regions (by name) and local municipalities. */
export function placesText(w: Web, offer: Pick<OfferSummary, "allLimburg" | "regions" | "municipalities">, regionNames: Map<string, string>): string {
  const regions = offer.allLimburg ? w.t("cat.allLimburg") : offer.regions.map((slug) => regionNames.get(slug) ?? slug).join(", ");
  return offer.municipalities.length > 0 ? `${regions} (${offer.municipalities.join(", ")})` : regions;
}

/** One offer in a list: title (a link to its page), organisation, summary, kind, cost and deadline. */
export function OfferCard(p: { w: Web; offer: OfferSummary; today: string; localTo?: string | undefined; heading?: "h2" | "h3" }) {
  const { w, offer, today, localTo } = p;
  const title = <a href={`/aanbod/${offer.slug}`}>{offer.title}</a>;
  return (
    <li class="card offer-card">
      {p.heading === "h2" ? <h2 class="card__title">{title}</h2> : <h3 class="card__title">{title}</h3>}
      <p class="card__meta">{w.t("cat.by", { org: offer.organisation.name })}</p>
      <p>{offer.summary}</p>
      <p class="tags">
        <span class="tag">{offerKindLabel(w, offer.kind)}</span>
        <span class="tag">{costLabel(w, offer.cost)}</span>
        <span class="tag">{deadlineText(w, offer, today)}</span>
        {offer.local && localTo ? <span class="tag">{w.t("cat.local", { municipality: localTo })}</span> : null}
      </p>
    </li>
  );
}
