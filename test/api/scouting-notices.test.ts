/**
 * Issue 19: the Support Process notifications through the outbox, each sent once: the
 * self-registrant's confirmation, the notice to the region's admins and the programme office
 * for every new candidate, and the consultant's mail on assignment; and the flag on a
 * trajectory whose go/no-go decision waits more than 10 working days.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import {
  addMembership,
  createFrontdesk,
  createRegion,
  createUser,
  signInAs,
  type FrontdeskFixture,
  type RegionFixture,
  type UserFixture,
} from "../support/factories";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { amsterdamDate, isPublicHoliday, shiftDate } from "../support/slots";

type Headers = Record<string, string>;
let platform: TestPlatform;
let region: RegionFixture;
let other: RegionFixture;
let desk: FrontdeskFixture;
let admin: UserFixture;
let memberAdmin: UserFixture;
let office: UserFixture;
let consultant: UserFixture;
let secondConsultant: UserFixture;
const as: Record<string, Headers> = {};

beforeAll(async () => {
  platform = await startTestPlatform();
  const c = platform.client;
  region = await createRegion(c);
  other = await createRegion(c);
  desk = await createFrontdesk(c, region);
  admin = await createUser(c, "region_admin", region);
  // An admin of another region who is also an admin of this one (a membership) hears of it too.
  memberAdmin = await createUser(c, "region_admin", other);
  await addMembership(c, memberAdmin, region, "region_admin");
  office = await createUser(c, "programme_office", null);
  consultant = await createUser(c, "consultant", region);
  secondConsultant = await createUser(c, "consultant", region);
  // Not told: another region's admin, a disabled admin of this region, a consultant.
  await createUser(c, "region_admin", other);
  const disabled = await createUser(c, "region_admin", region);
  await c.execute({ sql: "update users set disabled_at = ? where id = ?", args: [Date.now(), disabled.id] });
  as.admin = await signInAs(platform, admin);
  as.office = await signInAs(platform, office);
  as.staff = await signInAs(platform, await createUser(c, "frontdesk_staff", region, [desk]));
});
afterAll(async () => {
  await platform?.close();
});

const body = (name: string) => ({
  company: { name, kvkNumber: "12345678" },
  contact: { name: "Anneke Brood", email: `${newId()}@brood.example`, phone: "06 12345678" },
  municipality: "maastricht",
  ambition: "Een tweede vestiging openen.",
  topic: "groei_en_innovatie",
  consent: true,
});

async function mailsOf(candidateId: string) {
  const rows = await platform.client.execute({
    sql: "select kind, recipient, subject, text_body from outbox where dedupe_key like ? order by kind, recipient",
    args: [`${candidateId}:%`],
  });
  return rows.rows.map((r) => ({ kind: String(r.kind), recipient: String(r.recipient), subject: String(r.subject), text: String(r.text_body) }));
}

async function candidateIdByCompany(name: string): Promise<string> {
  const row = await platform.client.execute({ sql: "select id from scouting_candidates where company_name = ?", args: [name] });
  return String(row.rows[0]?.id ?? "");
}

const staffTold = () => [admin.email, memberAdmin.email, office.email].sort();

describe("notices of a new candidate", () => {
  it("should confirm a self-registration to the entrepreneur and tell each admin of the region and the programme office once", async () => {
    const input = body(`Zelfmelder ${newId()}`);
    const response = await platform.fetch(`/api/v1/regions/${region.slug}/candidates/self-registration`, { method: "POST", json: input });
    expect(response.status).toBe(201);
    const mails = await mailsOf(await candidateIdByCompany(input.company.name));
    expect(mails.filter((m) => m.kind === "candidate_confirmation").map((m) => m.recipient)).toEqual([input.contact.email.toLowerCase()]);
    const notices = mails.filter((m) => m.kind === "candidate_notice");
    expect(notices.map((m) => m.recipient).sort()).toEqual(staffTold());
    expect(notices[0]?.subject).toBe("Nieuwe aanmelding voor het begeleidingstraject");
    expect(notices[0]?.text).toContain("zelf aangemeld");
    // The staff's copy names neither the company nor the person.
    for (const n of notices) expect(n.text).not.toContain(input.company.name);
  });

  it("should tell the admins and the programme office of a candidate a frontdesk registered, without a confirmation mail", async () => {
    const input = body(`Loketmelding ${newId()}`);
    const response = await platform.fetch(`/api/v1/regions/${region.slug}/admin/candidates`, {
      method: "POST",
      headers: as.staff ?? {},
      json: { ...input, frontdeskId: desk.id },
    });
    expect(response.status).toBe(201);
    const { candidate } = (await response.json()) as { candidate: { id: string } };
    const mails = await mailsOf(candidate.id);
    expect(mails.map((m) => m.kind)).toEqual(["candidate_notice", "candidate_notice", "candidate_notice"]);
    expect(mails.map((m) => m.recipient).sort()).toEqual(staffTold());
    expect(mails[0]?.text).toContain("Een ondernemersloket heeft een ondernemer uit Maastricht aangemeld");
    expect(mails[0]?.text).toContain(`/beheer/${region.slug}/kandidaten/${candidate.id}`);
  });
});

describe("the consultant's mail on assignment", () => {
  it("should mail the consultant once when a trajectory is assigned to them, and the next consultant on a reassignment", async () => {
    const input = body(`Toewijzing ${newId()}`);
    const created = await platform.fetch(`/api/v1/regions/${region.slug}/admin/candidates`, {
      method: "POST",
      headers: as.staff ?? {},
      json: { ...input, frontdeskId: desk.id },
    });
    const { candidate } = (await created.json()) as { candidate: { id: string } };
    const assign = (consultantId: string, headers: Headers) =>
      platform.fetch(`/api/v1/regions/${region.slug}/admin/candidates/${candidate.id}/assign`, { method: "POST", headers, json: { consultantId } });
    const assigned = async () => (await mailsOf(candidate.id)).filter((m) => m.kind === "candidate_assigned");

    expect((await assign(consultant.id, as.admin ?? {})).status).toBe(200);
    const first = await assigned();
    expect(first.map((m) => m.recipient)).toEqual([consultant.email]);
    expect(first[0]?.subject).toBe("Er is een begeleidingstraject aan u toegewezen");
    expect(first[0]?.text).toContain(`/beheer/${region.slug}/kandidaten/${candidate.id}`);
    expect(first[0]?.text).not.toContain(input.company.name);

    // The same consultant again: no second mail. Another consultant (by the programme office): their own mail.
    expect((await assign(consultant.id, as.admin ?? {})).status).toBe(200);
    expect((await assigned()).length).toBe(1);
    expect((await assign(secondConsultant.id, as.office ?? {})).status).toBe(200);
    expect((await assigned()).map((m) => m.recipient).sort()).toEqual([consultant.email, secondConsultant.email].sort());

    // A refused assignment (not a consultant of this region) writes no mail.
    expect((await assign(admin.id, as.admin ?? {})).status).toBe(400);
    expect((await assigned()).length).toBe(2);
  });
});

/** Whether desks of a region made by `createRegion` work on this local date (Monday to Friday, no public holiday). */
function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isPublicHoliday(date);
}

/** The latest local date before today with exactly `n` working days after it and before today. */
function dateWithWorkingDaysBeforeToday(n: number): string {
  const today = amsterdamDate(0);
  let date = shiftDate(today, -1);
  let counted = 0;
  for (;;) {
    if (isWorkingDay(date)) counted++;
    date = shiftDate(date, -1);
    if (counted === n) return date;
  }
}

/** Noon of a local date (Amsterdam is UTC+1 or +2: noon UTC is that day's early afternoon). */
const noonOf = (date: string) => Date.parse(`${date}T12:00:00Z`);

describe("the go/no-go decision that waits too long", () => {
  async function assessed(name: string, waitingSince: number): Promise<string> {
    const created = await platform.fetch(`/api/v1/regions/${region.slug}/admin/candidates`, {
      method: "POST",
      headers: as.staff ?? {},
      json: { ...body(name), frontdeskId: desk.id },
    });
    const { candidate } = (await created.json()) as { candidate: { id: string } };
    const path = `/api/v1/regions/${region.slug}/admin/candidates/${candidate.id}`;
    const post = async (suffix: string, json: unknown, status = 200) => {
      const response = await platform.fetch(`${path}${suffix}`, { method: "POST", headers: as.admin ?? {}, json });
      expect(response.status, await response.clone().text()).toBe(status);
    };
    await post("/assign", { consultantId: consultant.id });
    await post("/stage", { to: "intake" });
    await post("/commitments", { entrepreneurCommitment: "Vier uur per week", consultantCommitment: "Elke week een sessie", entrepreneurName: "Anneke" }, 201);
    await post("/stage", { to: "ambition_assessed" });
    // It reached the assessment at `waitingSince`.
    await platform.client.execute({
      sql: "update scouting_stage_changes set changed_at = ? where candidate_id = ? and to_stage = 'ambition_assessed'",
      args: [waitingSince, candidate.id],
    });
    return candidate.id;
  }

  it("should flag a trajectory waiting for its go/no-go decision for more than 10 working days in the lists, and not one waiting 9", async () => {
    // 11 working days lie wholly between the day it became due and today: overdue whatever today is.
    const longAgo = noonOf(dateWithWorkingDaysBeforeToday(11));
    // 9 working days before today (and today perhaps a tenth): the tenth has not ended yet.
    const recently = noonOf(dateWithWorkingDaysBeforeToday(9));
    const late = await assessed(`Te laat ${newId()}`, longAgo);
    const onTime = await assessed(`Op tijd ${newId()}`, recently);
    const registered = await candidateIdByCompany(
      (
        (await (
          await platform.fetch(`/api/v1/regions/${region.slug}/admin/candidates`, {
            method: "POST",
            headers: as.staff ?? {},
            json: { ...body(`Nieuw ${newId()}`), frontdeskId: desk.id },
          })
        ).json()) as { candidate: { company: { name: string } } }
      ).candidate.company.name,
    );

    type Listed = { id: string; decisionOverdue?: boolean; decisionWaitingSince?: string | null };
    const list = (await (await platform.fetch(`/api/v1/regions/${region.slug}/admin/candidates`, { headers: as.admin ?? {} })).json()) as {
      candidates: Listed[];
    };
    const byId = new Map(list.candidates.map((c) => [c.id, c]));
    expect(byId.get(late)).toMatchObject({ decisionOverdue: true });
    expect(Date.parse(byId.get(late)?.decisionWaitingSince ?? "")).toBe(longAgo);
    expect(byId.get(onTime)).toMatchObject({ decisionOverdue: false });
    expect(Date.parse(byId.get(onTime)?.decisionWaitingSince ?? "")).toBe(recently);
    expect(byId.get(registered)).toMatchObject({ decisionOverdue: false, decisionWaitingSince: null });

    // The consultant's caseload (API) and the pages of the admin and the consultant show it too.
    const caseload = (await (
      await platform.fetch(`/api/v1/regions/${region.slug}/admin/caseload`, { headers: await signInAs(platform, consultant) })
    ).json()) as {
      candidates: Listed[];
    };
    expect(caseload.candidates.filter((c) => c.decisionOverdue).map((c) => c.id)).toEqual([late]);
    const adminPage = await (await platform.fetch(`/beheer/${region.slug}/kandidaten`, { headers: as.admin ?? {} })).text();
    expect(adminPage.match(/data-overdue="decision"/g)?.length).toBe(1);
    expect(adminPage).toContain("Go/no-go wacht langer dan 10 werkdagen");
    const consultantPage = await (await platform.fetch(`/beheer/${region.slug}/trajecten`, { headers: await signInAs(platform, consultant) })).text();
    expect(consultantPage.match(/data-overdue="decision"/g)?.length).toBe(1);
  });
});
