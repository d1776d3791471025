/** Answer shapes of the insights routes. */
import * as v from "valibot";
import { TOPICS } from "../../lib/vocabulary";

const CountDto = v.pipe(v.union([v.number(), v.literal("<5")]), v.description('A count; 1–4 is shown as "<5".'));
const TermDto = v.object({ term: v.string(), count: CountDto });
const ViewDto = v.object({ slug: v.string(), title: v.string(), count: CountDto });
export const InsightsDto = v.object({
  period: v.object({ from: v.string(), to: v.string() }),
  topSearches: v.pipe(v.array(TermDto), v.description("Normalised search terms, most searched first; terms seen fewer than 3 times are left out.")),
  zeroResultSearches: v.pipe(v.array(TermDto), v.description("Terms that found nothing (what is missing); fewer than 3 times left out.")),
  offerViews: v.pipe(v.array(ViewDto), v.description("Most viewed offers (views of offers serving the region).")),
  leastViewedOffers: v.pipe(v.array(ViewDto), v.description("Least viewed offers that were viewed at all.")),
  unviewedOffers: v.pipe(v.array(v.object({ slug: v.string(), title: v.string() })), v.description("Published offers nobody opened in the period.")),
  demandSupply: v.array(
    v.object({
      topic: v.picklist(TOPICS),
      bookings: v.pipe(CountDto, v.description("Appointments starting in the period.")),
      searches: v.pipe(CountDto, v.description("Searches about the topic (its filter, else the top result's topic).")),
      deskClicks: v.pipe(CountDto, v.description('"Talk to a desk about this" clicks.')),
      offers: v.pipe(v.number(), v.description("Published offers (not expired, contact points excluded) with the topic, now.")),
      desks: v.pipe(v.number(), v.description("Active frontdesks with the topic, now.")),
      questions: v.pipe(CountDto, v.description("Knowledge-square questions published in the period (a region: its own, not those to all of Limburg).")),
      unansweredQuestions: v.pipe(CountDto, v.description("Of those, the ones without an answer yet.")),
    }),
  ),
});
