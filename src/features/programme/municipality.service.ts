/**
 * The municipality view (issue 19): the figures of one municipality, aggregates only with the
 * small-count rule: appointments by topic and month (the topic × month cells and the topic
 * totals, protected together by the report's suppression), the desks located there, Support
 * Process starts and plans of companies located there, and referrals.
 *
 * Which municipality an appointment counts for: the entrepreneur's own, recorded at booking
 * (`appointments.entrepreneur_municipality`, an official name), and the desk's
 * (`appointments.municipality`) when none was recorded. A referral from an appointment
 * follows its appointment the same way.
 */
import type { Db } from "../../db/client";
import { rawRead, ReadPlan } from "../../db/read";
import type { Actor } from "../../lib/context";
import { DomainError } from "../../lib/errors";
import { localDate, localDayBounds } from "../../lib/time";
import { TOPICS, type Topic } from "../../lib/vocabulary";
import { canonicalDutchMunicipality } from "../../lib/dutch-municipalities";
import { periodMonths, type ReportPeriod } from "../reports/period";
import { suppressTopicFigures, type Count } from "../reports/suppression";
import { small } from "./programme.service";

export const APPOINTMENT_BASIS = "entrepreneur_municipality_else_desk";

/**
 * The municipality the actor may see: a municipality viewer their own (whatever they ask);
 * the programme office and the platform admin the one they name.
 */
export function municipalityFor(actor: Actor, asked: string | undefined): string {
  if (actor.role === "municipality_viewer") {
    if (!actor.municipality) throw new DomainError("forbidden", "Your account has no municipality.");
    return actor.municipality;
  }
  const name = asked ? canonicalDutchMunicipality(asked) : null;
  if (!name) throw new DomainError("validation_failed", "Name a Dutch municipality.", [{ path: "query.municipality", message: "Name a Dutch municipality." }]);
  return name;
}

/**
 * The municipality's figures over a period, in one round trip.
 * @example await municipalitySummary(db, "Maastricht", { from: "2027-01-01", to: "2027-12-31" })
 */
export async function municipalitySummary(db: Db, municipality: string, period: ReportPeriod) {
  const start = localDayBounds(period.from).start;
  const end = localDayBounds(period.to).end;
  const plan = new ReadPlan(db);
  const appointments = plan.add(
    rawRead(
      "select topic, start_at from appointments where coalesce(entrepreneur_municipality, municipality) = ? and status <> 'cancelled' and start_at >= ? and start_at < ?",
      [municipality, start, end],
      (r) => ({ topic: String(r.topic) as Topic, startAt: Number(r.start_at) }),
    ),
  );
  const desks = plan.add(
    rawRead("select id, name, kind from frontdesks where municipality = ? and archived_at is null order by name, id", [municipality], (r) => ({
      id: String(r.id),
      name: String(r.name),
      kind: String(r.kind),
    })),
  );
  const support = plan.add(
    rawRead(
      `select (select count(*) from scouting_candidates where municipality = ?1 and created_at >= ?2 and created_at < ?3) as starts,
         (select count(distinct h.candidate_id) from scouting_stage_changes h join scouting_candidates c on c.id = h.candidate_id
           where c.municipality = ?1 and h.to_stage = 'business_plan_delivered' and h.changed_at >= ?2 and h.changed_at < ?3) as plans,
         (select count(*) from referrals r left join appointments a on a.id = r.appointment_id left join scouting_candidates c on c.id = r.candidate_id
           left join frontdesks d on d.id = r.frontdesk_id
           where coalesce(a.entrepreneur_municipality, a.municipality, c.municipality, d.municipality) = ?1 and r.created_at >= ?2 and r.created_at < ?3) as referrals`,
      [municipality, start, end],
      (r) => ({ starts: Number(r.starts), plans: Number(r.plans), referrals: Number(r.referrals) }),
    ),
  );
  await plan.run();
  const months = periodMonths(period).map((m) => m.month);
  const cells = TOPICS.map(() => months.map(() => 0));
  for (const a of appointments.value) {
    const t = TOPICS.indexOf(a.topic);
    const m = months.indexOf(localDate(a.startAt).slice(0, 7));
    const row = cells[t];
    if (row && m >= 0) row[m] = (row[m] ?? 0) + 1;
  }
  const published = suppressTopicFigures([cells], { withTotal: false });
  const table = published.cells[0] ?? [];
  const byTopic = published.regionByTopic[0] ?? [];
  const topicMap = (values: (m: number) => Count) => Object.fromEntries(TOPICS.map((t, i) => [t, values(i)])) as Record<Topic, Count>;
  const counts = support.value[0] ?? { starts: 0, plans: 0, referrals: 0 };
  return {
    municipality,
    period,
    basis: APPOINTMENT_BASIS,
    appointments: {
      months,
      byTopic: topicMap((i) => byTopic[i] ?? 0),
      byTopicByMonth: months.map((month, m) => ({ month, topics: topicMap((i) => table[i]?.[m] ?? 0) })),
    },
    frontdesks: desks.value,
    supportProcess: { starts: small(counts.starts), plans: small(counts.plans) },
    referrals: small(counts.referrals),
  };
}
